import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { locate, readChunked, readDocument, readYaml, type Source } from '../src/load/read-yaml.js';

describe('readYaml', () => {
  it('reports a syntax error at its line and column', () => {
    const { diagnostics } = readYaml('p.yaml', 'a: 1\nb: [1, 2\nc: 3\n');
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: 'p.yaml' });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key at its second occurrence', () => {
    const { diagnostics } = readYaml('p.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'duplicate-key', line: 3, column: 1 });
  });

  it('uses the YAML 1.2 core schema: dates and NO stay strings, 0123 is not octal', () => {
    const { source } = readYaml('p.yaml', 'd: 2024-07-15\nc: NO\nn: 0123\nt: yes\n');
    expect(source.value).toEqual({ d: '2024-07-15', c: 'NO', n: 123, t: 'yes' });
  });

  it('refuses anchors and aliases at their position', () => {
    const { diagnostics, source } = readYaml('p.yaml', 'a: &x hello\nb: *x\n');
    expect(source.value).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'yaml-alias', line: 1, column: 4 }), expect.objectContaining({ code: 'yaml-alias', line: 2, column: 4 })]);
  });

  it('accepts a byte-order mark and CRLF line endings with correct columns', () => {
    const { source, diagnostics } = readYaml('p.yaml', '\uFEFFa: 1\r\nb:\r\n  c: x\r\n');
    expect(diagnostics).toEqual([]);
    expect(source.value).toEqual({ a: 1, b: { c: 'x' } });
    expect(locate(source, ['b', 'c'])).toMatchObject({ line: 3, column: 6 });
    expect(locate(source, ['a'])).toMatchObject({ line: 1, column: 4 });
  });

  it('locates keys, values and sequence items', () => {
    const { source } = readYaml('p.yaml', 'list:\n  - id: one\n  - id: two\n    tags: [a, b]\n');
    expect(locate(source, ['list', 1, 'id'])).toMatchObject({ line: 3, column: 9 });
    expect(locate(source, ['list', 1, 'tags', 1])).toMatchObject({ line: 4, column: 15 });
    expect(locate(source, ['list', 1, 'tags'], { key: true })).toMatchObject({ line: 4, column: 5 });
    // A path that does not exist points at the deepest node that does.
    expect(locate(source, ['list', 1, 'missing'])).toMatchObject({ line: 3, column: 5 });
  });
});

describe('messages for common YAML mistakes', () => {
  it('explains a second document and tab indentation in plain words', () => {
    expect(readYaml('p.yaml', 'a: 1\n---\nb: 2\n').diagnostics[0]).toMatchObject({ line: 2, message: expect.stringMatching(/single YAML document/) });
    expect(readYaml('p.yaml', 'a: 1\nb:\n\tc: 2\n').diagnostics[0]!.message).toMatch(/spaces|indent/i);
  });
});

describe('a comment that cuts a value short', () => {
  it('is a warning at the "#", with the fix', () => {
    const { diagnostics, source } = readYaml('p.yaml', 'street: 10 Anson Road, #20-05 Plaza\nnote: fine # a real comment\n');
    expect(source.value).toEqual({ street: '10 Anson Road,', note: 'fine' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'yaml-comment-in-value', severity: 'warning', line: 1, column: 24 })]);
    expect(diagnostics[0]!.message).toMatch(/quotes/);
  });
});

describe('reading by top-level entry gives what reading the whole document gives', () => {
  const dirs = ['../examples/', './jurisdictions/', './hostile/', './golden/../../examples/'];
  const files = [...new Set(dirs.flatMap((dir) => readdirSync(new URL(dir, import.meta.url)).filter((f) => f.endsWith('.yaml')).map((f) => new URL(dir + f, import.meta.url).pathname)))].sort();

  /** Every path to a value in a JavaScript value, for comparing positions. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (!value || typeof value !== 'object') return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  const positions = (source: Source) => paths(source.value).map((path) => [path.join('.'), locate(source, path), locate(source, path, { key: true })]);

  it('covers the examples, the jurisdiction fixtures and the hostile corpus', () => {
    expect(files.length).toBeGreaterThan(160);
  });

  for (const file of files) {
    it(file.split('/').slice(-2).join('/'), () => {
      const raw = readFileSync(file, 'utf8');
      const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      const whole = readDocument('p.yaml', text);
      // Twice: the second read comes from the cache.
      for (let round = 0; round < 2; round++) {
        const chunked = readChunked('p.yaml', text);
        if (!chunked) return; // not a plain block mapping without errors: read whole
        expect(chunked.diagnostics).toEqual(whole.diagnostics);
        expect(chunked.source.value).toEqual(whole.source.value);
        expect(positions(chunked.source)).toEqual(positions(whole.source));
      }
    });
  }

  const cases = [
    'version: 1\n\n\n\n',
    'version: 1\n# a comment\n\n',
    'a: 1\nb:\n  c: 2\n\n# tail\n\n',
    'null: foo\npolicygen: 1\n',
    'Null: 1\n',
    '"quoted": 1\nplain: 2\n',
    'a:\nb: 2\n',
    'a: 1\r\nb: [1,\r\n  2]\r\n',
  ];
  for (const text of cases) {
    it(`the same for ${JSON.stringify(text)}`, () => {
      const whole = readDocument('p.yaml', text);
      const chunked = readChunked('p.yaml', text);
      if (!chunked) return;
      expect(chunked.diagnostics).toEqual(whole.diagnostics);
      expect(chunked.source.value).toEqual(whole.source.value);
      expect(positions(chunked.source)).toEqual(positions(whole.source));
      expect(locate(chunked.source, [])).toEqual(locate(whole.source, []));
    });
  }

  it('reads the examples by entry, and an edit re-reads only its entry', () => {
    const text = readFileSync(new URL('../examples/multinational.yaml', import.meta.url), 'utf8');
    expect(readChunked('m.yaml', text)).toBeDefined();
    const edited = text.replace('effective:', '# a comment\neffective:');
    const result = readChunked('m.yaml', edited)!;
    expect(result.source.value).toEqual(readDocument('m.yaml', edited).source.value);
    expect(positions(result.source)).toEqual(positions(readDocument('m.yaml', edited).source));
  });

  it('leaves a duplicate top-level key to the whole-document reader, which names both lines', () => {
    const text = 'policygen: 1\ntitle: A\ntitle: B\n';
    expect(readChunked('p.yaml', text)).toBeUndefined();
    expect(readYaml('p.yaml', text).diagnostics[0]).toMatchObject({ code: 'duplicate-key', line: 3 });
  });

  it('hands out values that cannot be changed, since later reads share them', () => {
    const { source } = readYaml('p.yaml', 'policygen: 1\ndata:\n  - id: a\n');
    expect(() => {
      (source.value as { data: { id: string }[] }).data[0]!.id = 'b';
    }).toThrow(TypeError);
  });
});
