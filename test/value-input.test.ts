import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { readYaml } from '../src/load/read-yaml.js';
import { minimal } from './helpers.js';

/**
 * compile({ file, value, locate }): a declaration a site generator has parsed already gives the
 * policy its YAML gives, and its diagnostics at the caller's positions.
 */
const corpus = ['../examples/', './jurisdictions/', './real/'].flatMap((dir) =>
  readdirSync(new URL(dir, import.meta.url))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: dir + f, text: readFileSync(new URL(dir + f, import.meta.url), 'utf8') })),
);
const hostile = readdirSync(new URL('./hostile/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, text: readFileSync(new URL(`./hostile/${f}`, import.meta.url), 'utf8') }));
// The version hashes the input: the YAML's text, or the value's JSON.
const unversioned = (content: string) => content.replace(/[0-9a-f]{12}/g, 'VERSION');

describe('a declaration given as a value', () => {
  for (const { name, text } of corpus) {
    it(`builds ${name} as its YAML does`, () => {
      const value = readYaml(name, text).source.value;
      const fromText = compile({ file: name, text }, { formats: ['md', 'html', 'json'], allowFallback: true });
      const fromValue = compile({ file: name, value }, { formats: ['md', 'html', 'json'], allowFallback: true });
      expect(fromValue.diagnostics.map((d) => [d.code, d.pointer])).toEqual(
        fromText.diagnostics.map((d) => [d.code, d.pointer]),
      );
      expect(fromValue.outputs.map((o) => unversioned(o.content))).toEqual(
        fromText.outputs.map((o) => unversioned(o.content)),
      );
    });
  }

  it('reports what the YAML reports, for every hostile case the YAML reader reads', () => {
    let compared = 0;
    for (const { name, text } of hostile) {
      const read = readYaml(name, text);
      if (read.diagnostics.some((d) => d.severity === 'error')) continue;
      const fromText = compile({ file: name, text }, { formats: [] });
      const fromValue = compile({ file: name, value: read.source.value }, { formats: [] });
      // Without positions the order is by pointer, not by line: compare them as sets.
      const found = (diagnostics: typeof fromText.diagnostics) =>
        diagnostics.map((d) => `${d.code} ${d.pointer}`).sort();
      expect(found(fromValue.diagnostics), name).toEqual(found(fromText.diagnostics));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('puts diagnostics where the caller says the path was written', () => {
    const value = readYaml('p.yaml', minimal.replace('  name: Example\n', '  name: Example\n  nmae: typo\n')).source
      .value;
    const calls: string[] = [];
    const result = compile(
      {
        file: 'data/privacy.toml',
        value,
        locate: (path) => {
          calls.push(path.join('.'));
          return path.join('.') === 'organization.nmae' ? { line: 7, column: 3 } : undefined;
        },
      },
      { formats: [] },
    );
    expect(result.diagnostics[0]).toMatchObject({
      code: 'unknown-key',
      file: 'data/privacy.toml',
      line: 7,
      column: 3,
      pointer: '/organization/nmae',
    });
    expect(calls).toContain('organization.nmae');
    // Without a source map: line 1, and the pointer says where.
    expect(compile({ file: 'p.json', value }, { formats: [] }).diagnostics[0]).toMatchObject({
      code: 'unknown-key',
      line: 1,
      pointer: '/organization/nmae',
    });
  });

  it('refuses what is not plain data, at its path: dates, undefined, NaN, class instances, forbidden keys, depth', () => {
    const base = readYaml('p.yaml', minimal).source.value as Record<string, unknown>;
    const codes = (value: unknown) =>
      compile({ file: 'p.json', value }, { formats: [] }).diagnostics.map((d) => [d.code, d.pointer]);
    expect(codes({ ...base, effective: new Date('2024-07-15') })).toEqual([['not-plain-data', '/effective']]);
    expect(codes({ ...base, title: undefined })).toEqual([['not-plain-data', '/title']]);
    expect(codes({ ...base, policygen: Number.NaN })).toEqual([['not-plain-data', '/policygen']]);
    expect(codes({ ...base, organization: new Map() })).toEqual([['not-plain-data', '/organization']]);
    expect(codes(JSON.parse('{"policygen": 1, "__proto__": {"x": 1}}'))).toEqual([['forbidden-key', '/__proto__']]);
    let deep: unknown = 'x';
    for (let i = 0; i < 30; i++) deep = { a: deep };
    expect(codes({ ...base, extra: deep })[0]).toEqual(['too-deep', `/extra${'/a'.repeat(23)}`]);
  });

  it('neither changes nor freezes the value it is given', () => {
    const value = readYaml('p.yaml', readFileSync(new URL('../examples/multinational.yaml', import.meta.url), 'utf8'))
      .source.value;
    const before = JSON.stringify(value);
    const result = compile({ file: 'm.yaml', value }, { formats: ['md', 'json'] });
    expect(result.outputs).toHaveLength(2);
    expect(JSON.stringify(value)).toBe(before);
    expect(Object.isFrozen(value)).toBe(false);
    expect(Object.isFrozen((value as { data: object[] }).data[0])).toBe(false);
  });

  it('gives the same value the same version, and a changed value another', () => {
    const value = readYaml('p.yaml', minimal).source.value as Record<string, unknown>;
    const version = (v: unknown) =>
      JSON.parse(compile({ file: 'p.json', value: v }, { formats: ['json'] }).outputs[0]!.content).version;
    expect(version(value)).toBe(version(structuredClone(value)));
    expect(version({ ...value, title: 'Another' })).not.toBe(version(value));
  });
});
