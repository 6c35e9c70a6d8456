import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGenerated } from '../src/load-generated.js';
import { readYaml } from '../src/load/read-yaml.js';
import { validateAgainst } from '../src/validate/validate.js';
import { compileText, minimal, root } from './helpers.js';

const errorsOf = (text: string) => compileText(text).diagnostics.filter((d) => d.severity === 'error');

describe('schema validation', () => {
  it('accepts the minimal declaration without diagnostics', () => {
    const result = compileText(minimal);
    expect(result.diagnostics).toEqual([]);
    expect(result.outputs.map((o) => o.format)).toEqual(['md', 'html', 'json']);
  });

  it('points at an unknown top-level key and suggests the right one', () => {
    const [error] = errorsOf(minimal + 'purpose:\n  - id: x\n');
    expect(error).toMatchObject({
      code: 'unknown-key',
      line: 20,
      column: 1,
      pointer: '/purpose',
      hint: 'Did you mean "purposes"?',
    });
  });

  it('points at an unknown nested key', () => {
    const [error] = errorsOf(minimal.replace('    retention:', '    retension:'));
    expect(error).toMatchObject({
      code: 'unknown-key',
      line: 13,
      column: 5,
      pointer: '/data/0/retension',
      hint: 'Did you mean "retention"?',
    });
  });

  it('points at a wrong type and says to quote numbers meant as text', () => {
    const [error] = errorsOf(minimal.replace('name: Example', 'name: 1234'));
    expect(error).toMatchObject({ code: 'wrong-type', line: 3, column: 9 });
    expect(error!.hint).toMatch(/quotes/);
  });

  it('puts a missing key on the key that owns the mapping', () => {
    const [error] = errorsOf(minimal.replace('    sources: [user]\n', ''));
    expect(error).toMatchObject({ code: 'missing-key', line: 9, column: 5, pointer: '/data/0' });
    expect(error!.message).toMatch(/"sources"/);
  });

  it('reports a missing top-level key at the start of the file', () => {
    const [error] = errorsOf(minimal.replace('effective: 2024-07-15\n', ''));
    expect(error).toMatchObject({ code: 'missing-key', line: 1, column: 1 });
  });

  it('suggests the closest allowed value for a misspelt enum', () => {
    const [error] = errorsOf(minimal.replace('kind: contact-details', 'kind: contact-detail'));
    expect(error).toMatchObject({
      code: 'unknown-value',
      line: 10,
      column: 11,
      hint: 'Did you mean "contact-details"?',
    });
  });

  it('refuses a URL with a scheme other than http, https or mailto', () => {
    const [error] = errorsOf(minimal + 'covers:\n  - name: Site\n    url: javascript:alert(1)\n');
    expect(error).toMatchObject({ code: 'invalid-value', line: 22, column: 10 });
  });

  it('refuses an invalid e-mail address', () => {
    const [error] = errorsOf(minimal.replace('privacy@example.com', 'not an address'));
    expect(error).toMatchObject({ code: 'invalid-value', line: 5, column: 12 });
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    const [error] = errorsOf(minimal.replace('2024-07-15', '15/07/2024'));
    expect(error).toMatchObject({ code: 'invalid-value', line: 6, column: 12 });
  });

  it('reports every schema error, not just the first', () => {
    const errors = errorsOf(
      minimal
        .replace('contact:\n    email', 'contact:\n    phone: 12\n    email')
        .replace('kind: contact-details', 'kind: nope')
        .replace('effective: 2024-07-15\n', ''),
    );
    expect(errors.map((e) => e.code).sort()).toEqual(['missing-key', 'unknown-value', 'wrong-type']);
  });

  it('reports a misspelt required key once, as an unknown key with a suggestion', () => {
    const errors = errorsOf(minimal.replace('name: Example', 'nme: Example'));
    expect(errors).toEqual([expect.objectContaining({ code: 'unknown-key', hint: 'Did you mean "name"?' })]);
  });

  it('refuses control characters, bidi overrides and blank text in single-line fields', () => {
    for (const value of ['"a\\u0000b"', '"a\\u202Eb"', '"   "', '"a\\tb"', '"\\ue000x"']) {
      expect(errorsOf(minimal.replace('name: Example', `name: ${value}`)), value).toEqual([
        expect.objectContaining({ code: 'invalid-value', line: 3 }),
      ]);
    }
  });

  it('suggests a jurisdiction code for the names people use', () => {
    expect(errorsOf(minimal.replace('[us]', '[EU]'))[0]!.hint).toBe('Did you mean "eea"?');
    expect(errorsOf(minimal.replace('[us]', '[california]'))[0]!.hint).toBe('Did you mean "us-ca"?');
  });

  it('writes no outputs when there is an error', () => {
    expect(compileText(minimal.replace('policygen: 1', 'policygen: 2')).outputs).toEqual([]);
  });
});

describe('whole-file mistakes', () => {
  it('says an empty file is empty, at line 1', () => {
    const [error] = compileText('').diagnostics;
    expect(error).toMatchObject({ code: 'wrong-type', line: 1, column: 1, message: 'The declaration is empty.' });
    expect(error!.hint).toMatch(/policygen: 1/);
  });
  it('says a file that is not a mapping is not one', () => {
    expect(compileText('- a\n- b\n').diagnostics[0]!.message).toMatch(/must be a mapping.+a list/);
  });
});

describe('validators generated when the package is built', () => {
  // The same source checked by the generated validator and by one ajv compiles now (a copy of
  // the schema has no generated validator).
  const both = (schemaFile: string, generated: string, text: string) => {
    const schemaText = readFileSync(join(root, 'schemas', schemaFile), 'utf8');
    const schema = JSON.parse(schemaText) as Record<string, unknown>;
    const { source } = readYaml('x.yaml', text);
    return [
      validateAgainst(source, schema, { file: generated, text: schemaText }),
      validateAgainst(source, structuredClone(schema)),
    ];
  };

  it('exist for the declaration and the project config, made from the schemas as they are', () => {
    for (const [schema, file] of [
      ['policy.schema.json', 'validate-policy.cjs'],
      ['config.schema.json', 'validate-config.cjs'],
    ] as const) {
      expect(existsSync(join(root, 'dist/generated', file)), file).toBe(true);
      // Otherwise both sides of the comparison below would be ajv compiling at run time.
      const hash = createHash('sha256')
        .update(readFileSync(join(root, 'schemas', schema), 'utf8'))
        .digest('hex');
      expect((loadGenerated(file) as { schemaHash: string }).schemaHash, file).toBe(hash);
    }
  });

  it('report what the schema compiled at run time reports', () => {
    const declarations = [
      minimal,
      minimal.replace('name: Example', 'name: 1234'),
      minimal + 'purpose: []\n',
      minimal.replace('    retention:', '    retension:'),
      'policygen: 2\n',
    ];
    for (const text of declarations) {
      const [generated, compiled] = both('policy.schema.json', 'validate-policy.cjs', text);
      expect(generated, text).toEqual(compiled);
    }
    const configs = [
      'policies:\n  - input: a.yaml\n    output: out/a\n',
      'policies:\n  - input: a.yaml\n    outptu: out/a\n',
      'defaults:\n  formats: [pdf]\npolicies: []\n',
      'policies: 3\n',
    ];
    for (const text of configs) {
      const [generated, compiled] = both('config.schema.json', 'validate-config.cjs', text);
      expect(generated, text).toEqual(compiled);
    }
  });
});

describe('every missing key', () => {
  it('reports each required key an object lacks, not only the first (as the editor does)', () => {
    const text =
      'policygen: 1\norganization:\n  legal_name: X\neffective: 2024-01-01\njurisdictions: [us]\ndata: []\npurposes: []\nrecipients: []\n';
    const missing = compileText(text).diagnostics.filter(
      (d) => d.code === 'missing-key' && d.pointer === '/organization',
    );
    expect(missing.map((d) => d.message.match(/"(\w+)"/)![1])).toEqual(['name', 'contact']);
  });
});
