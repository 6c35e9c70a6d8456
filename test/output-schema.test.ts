import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';

// Both packages are CommonJS with a `default` export; Node's ESM interop hands us the namespace.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/**
 * schemas/output.schema.json describes the JSON policygen writes. Every golden JSON output
 * must match it, and the schema must be strict enough to reject a damaged copy.
 */
const golden = new URL('./golden/', import.meta.url);
const schemaUrl = new URL('../schemas/output.schema.json', import.meta.url);
const names = readdirSync(golden)
  .filter((f) => f.endsWith('.json'))
  .sort();

type Json = Record<string, unknown>;
type Node = Json & { properties?: Record<string, Node>; items?: Node; $defs?: Record<string, Node>; oneOf?: Node[] };

const readJson = (url: URL): Json => JSON.parse(readFileSync(url, 'utf8')) as Json;
const errorsOf = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);

/** Every property schema in the output schema, with its path. */
function properties(node: Node, path: string, out: [string, Node][] = []): [string, Node][] {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    out.push([`${path}/${name}`, child]);
    properties(child, `${path}/${name}`, out);
  }
  if (node.items) properties(node.items, `${path}/[]`, out);
  for (const [i, child] of (node.oneOf ?? []).entries()) properties(child, `${path}/oneOf/${i}`, out);
  for (const [name, child] of Object.entries(node.$defs ?? {})) properties(child, `#/$defs/${name}`, out);
  return out;
}

describe('schemas/output.schema.json', () => {
  const schema = readJson(schemaUrl) as Node;
  let validate: ValidateFunction;

  beforeAll(() => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ['date', 'email', 'uri']);
    validate = ajv.compile(schema);
  });

  it('is a draft 2020-12 schema with its own id', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe('urn:policygen:schema:output:1');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining([
        'policygen',
        'locale',
        'title',
        'organization',
        'effective',
        'last_updated',
        'jurisdictions',
        'sections',
        'disclosures',
        'model',
      ]),
    );
  });

  it('describes every property', () => {
    const all = properties(schema, '');
    expect(all.length).toBeGreaterThan(100);
    expect(
      all
        .filter(([, node]) => typeof node['description'] !== 'string' || node['description'] === '')
        .map(([path]) => path),
    ).toEqual([]);
  });

  it('has golden JSON outputs to check', () => {
    expect(names.length).toBeGreaterThanOrEqual(7);
  });

  for (const name of names) {
    it(`accepts test/golden/${name}`, () => {
      const ok = validate(readJson(new URL(name, golden)));
      expect(errorsOf(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  // Durations the declaration accepts, as the JSON states them: minutes, and "up to".
  for (const retention of ['PT30M', 'up to 90 days after the account is closed', 'at most 12 hours']) {
    it(`accepts the output of a declaration with retention "${retention}"`, async () => {
      const { compileText, minimal } = await import('./helpers.js');
      const text = minimal.replace('retention: 6 months after the account is closed', `retention: ${retention}`);
      const json = compileText(text, ['json']).outputs[0]!.content;
      const ok = validate(JSON.parse(json));
      expect(errorsOf(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  // Each damage is one mistake the schema must catch; the copy is otherwise a valid output.
  const damages: [string, (output: Json & { model: Json & { data: Json[] }; sections: Json[] }) => void][] = [
    ['a missing top-level property', (o) => void delete (o as Json)['disclosures']],
    ['an unknown top-level property', (o) => void ((o as Json)['extra'] = true)],
    ['a wrong format version', (o) => void (o.policygen = 2)],
    ['an effective date that is not a date', (o) => void (o.effective = '15 July 2024')],
    ['an unknown key at the top of the model', (o) => void (o.model['retension'] = '6 months')],
    ['a model without its defaults applied', (o) => void delete o.model['rights']],
    ['a retention left as text instead of a parsed duration', (o) => void (o.model.data[0]!['retention'] = '6 months')],
    [
      'a sub-heading at depth 2',
      (o) =>
        void ((o.sections.find((s) => (s['headings'] as unknown[]).length > 0)!['headings'] as Json[])[0]!['depth'] =
          2),
    ],
    ['a section without an id', (o) => void delete o.sections[0]!['id']],
    ['an unknown jurisdiction code', (o) => void ((o.jurisdictions as Json[])[0]!['code'] = 'xx')],
  ];

  for (const [what, damage] of damages) {
    it(`rejects a copy of test/golden/craft-room.json with ${what}`, () => {
      const copy = readJson(new URL('craft-room.json', golden)) as Parameters<typeof damage>[0];
      expect(validate(structuredClone(copy))).toBe(true);
      damage(copy);
      expect(validate(copy)).toBe(false);
      expect(validate.errors?.length).toBeGreaterThan(0);
    });
  }
});
