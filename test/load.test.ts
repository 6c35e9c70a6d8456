import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { readPlain } from '../src/load/read-plain.js';
import { LIMITS, locate, readDocument, readYaml, type Source } from '../src/load/read-yaml.js';

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
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'yaml-alias', line: 1, column: 4 }),
      expect.objectContaining({ code: 'yaml-alias', line: 2, column: 4 }),
    ]);
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
    expect(readYaml('p.yaml', 'a: 1\n---\nb: 2\n').diagnostics[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/single YAML document/),
    });
    expect(readYaml('p.yaml', 'a: 1\nb:\n\tc: 2\n').diagnostics[0]!.message).toMatch(/spaces|indent/i);
  });
});

describe('a comment that cuts a value short', () => {
  it('is a warning at the "#", with the fix', () => {
    const { diagnostics, source } = readYaml(
      'p.yaml',
      'street: 10 Anson Road, #20-05 Plaza\nnote: fine # a real comment\n',
    );
    expect(source.value).toEqual({ street: '10 Anson Road,', note: 'fine' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'yaml-comment-in-value', severity: 'warning', line: 1, column: 24 }),
    ]);
    expect(diagnostics[0]!.message).toMatch(/quotes/);
  });
});

describe('the fast reader gives what the full reader gives', () => {
  const dirs = ['../examples/', './jurisdictions/', './hostile/', './real/'];
  const files = dirs
    .flatMap((dir) =>
      readdirSync(new URL(dir, import.meta.url))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => new URL(dir + f, import.meta.url).pathname),
    )
    .sort();

  /** Every path to a value in a JavaScript value, for comparing positions. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (!value || typeof value !== 'object') return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  const positions = (source: Source) =>
    paths(source.value).map((path) => [path.join('.'), locate(source, path), locate(source, path, { key: true })]);

  /** Either the fast reader declines, or the full reader reads the text cleanly to the same value. */
  function agrees(text: string): boolean {
    const fast = readPlain(text, LIMITS.depth);
    if (fast === undefined) return false;
    const whole = readDocument('p.yaml', text);
    expect(whole.diagnostics, JSON.stringify(text)).toEqual([]);
    expect(fast, JSON.stringify(text)).toStrictEqual(whole.source.value);
    return true;
  }

  it('covers the examples, the jurisdiction fixtures, the real policies and the hostile corpus', () => {
    expect(files.length).toBeGreaterThan(160);
  });

  for (const file of files) {
    it(file.split('/').slice(-2).join('/'), () => {
      const raw = readFileSync(file, 'utf8');
      const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      const read = agrees(text);
      // Every declaration policygen ships or tests with, bar the hostile ones, takes the fast path.
      if (!file.includes('/hostile/')) expect(read).toBe(true);
      if (read) {
        const { source, diagnostics } = readYaml('p.yaml', text);
        expect(diagnostics).toEqual([]);
        // Positions, made on demand from the text, are the full reader's.
        expect(positions(source)).toEqual(positions(readDocument('p.yaml', text).source));
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
    'a: 1\r\nb: [1, 2]\r\nc: x\r\n',
    'a:\n- x\n- y\nb: 2\n',
    'a:\n  - id: x\n    n: [1, 0x1F, 0o17, 012, -3, +4, 1.5, .5, 1e3, -.inf, .NaN, ~, null, true, False, no, 2024-01-01]\n',
    "a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41 \\\" \\\\ \\/\"\nc: '#not a comment'\n",
    'a: value # comment\nb: value #hug\nc: C# and F#\n',
    'a: |\n  one\n  two\n\n  three\nb: >\n  folded\n  line\n\n  para\nc: >-\n  x\nd: |-\n  y\n',
    'a: |\n  one\n    deeper\nb: 1\n',
    'a: >\n\n  leading blank\n',
    'a: |\n  trailing\n\n\nb: 1\n',
    'a: |\nb: 1\n',
    'a: >\n  one line\n',
    'a: |+\n  keep\n\n',
    'a: |2\n   indented\n',
    'a: plain\n  continued\n',
    'a: "two\n  lines"\n',
    'a: [x,\n  y]\n',
    'a: { name: Acme, url: https://acme.example, n: 3 }\nb: {}\nc: []\n',
    'a: [https://x.example/a:b, "q, r", \'s\']\n',
    'a: [x: y]\n',
    'a: [x, ]\n',
    'a: b: c\n',
    'a: b:\n',
    'a: - x\n',
    'a:\n  - - x\n',
    'a: &anchor x\nb: *anchor\n',
    'a: !!str 1\n',
    '<<: {a: 1}\n',
    '__proto__: 1\n',
    'a: 1\na: 2\n',
    '---\na: 1\n',
    'a: 1\n...\n',
    '%YAML 1.2\n---\na: 1\n',
    '  a: 1\n',
    '- a\n',
    'a:\n    b: 1\n  c: 2\n',
    'a:\tb\n',
    'a: \u2028b\n',
    'key:   #comment\nb: 1\n',
    'key: # comment\n  sub: 1\n',
    'list:\n  -\n    id: a\n  - id: b\n    more:\n      - 1\n',
    'a: -5\nb: -x\nc: ?x\nd: :x\ne: "x" # c\nf: [a] # c\n',
    'a: x\n    # a deeper comment\nb: y\n',
    'x'.repeat(10) + ': 1\n',
    'a: {b: {c: 1}}\n',
    'a: [[1]]\n',
    'a: "\\ud800"\n',
    'a: "unclosed\n',
    "a: 'x' trailing\n",
    'a:\n  b:\n    - c: 1\n      d:\n        e: f\n',
    'list:\n  -\n    id: a\n  - x\n  -\n  - - y\n',
    'list:\n  -\n    id: a\n  - x\n  -\nnext: 1\n',
  ];
  for (const text of cases) {
    it(`the same for ${JSON.stringify(text)}`, () => {
      agrees(text);
    });
  }

  it('reads the common forms itself', () => {
    for (const text of [
      cases[9]!,
      cases[10]!,
      cases[11]!,
      cases[13]!,
      cases[24]!,
      cases[25]!,
      cases[48]!,
      cases[cases.length - 1]!,
    ])
      expect(readPlain(text, LIMITS.depth), text).toBeDefined();
  });

  it('declines deeper nesting than the limit, which the full reader reports', () => {
    const deep = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(agrees(deep(LIMITS.depth))).toBe(true);
    expect(readPlain(deep(LIMITS.depth + 1), LIMITS.depth)).toBeUndefined();
    expect(readYaml('p.yaml', deep(LIMITS.depth + 1)).diagnostics[0]).toMatchObject({ code: 'too-deep' });
  });

  it('agrees on any data the yaml library writes, in its block and flow styles', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        'null',
        'true',
        '0x10',
        '1e3',
        '~',
        '- x',
        'a: b',
        '#c',
        ' x',
        "it's",
        '"q"',
        'a #b',
        '2024-01-01',
      ),
    );
    const key = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    }));
    let fastPath = 0;
    fc.assert(
      fc.property(
        fc.dictionary(key, tree.node, { minKeys: 1, maxKeys: 5 }),
        fc.constantFrom<0 | 1 | 2>(0, 1, 2),
        (value, style) => {
          const text = stringify(value, {
            lineWidth: 0,
            ...(style === 1 ? { flowCollectionPadding: true, collectionStyle: 'flow' as const } : {}),
            ...(style === 2 ? { indentSeq: false } : {}),
          });
          if (agrees(text)) fastPath++;
        },
      ),
      { numRuns: 400 },
    );
    expect(fastPath).toBeGreaterThan(100);
  });

  it("agrees on every example after a random edit (a character deleted, or one of YAML's inserted)", () => {
    const text = readFileSync(new URL('../examples/multinational.yaml', import.meta.url), 'utf8');
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.constantFrom(
          '',
          ' ',
          '\n',
          ':',
          '-',
          '#',
          '"',
          "'",
          '[',
          ']',
          '{',
          '}',
          ',',
          '|',
          '>',
          '&',
          '*',
          '!',
          '  ',
          '\n  ',
          ': ',
        ),
        (at, insert) => {
          agrees(text.slice(0, at) + insert + text.slice(at + (insert === '' ? 1 : 0)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves a duplicate top-level key to the full reader, which names both lines', () => {
    const text = 'policygen: 1\ntitle: A\ntitle: B\n';
    expect(readPlain(text, LIMITS.depth)).toBeUndefined();
    expect(readYaml('p.yaml', text).diagnostics[0]).toMatchObject({ code: 'duplicate-key', line: 3 });
  });

  it('hands every read a value of its own, which the caller may change', () => {
    const text = 'policygen: 1\ndata:\n  - id: a\n';
    const { source } = readYaml('p.yaml', text);
    (source.value as { data: { id: string }[] }).data[0]!.id = 'b';
    expect((readYaml('p.yaml', text).source.value as { data: { id: string }[] }).data[0]!.id).toBe('a');
  });
});

describe('line breaks', () => {
  it('reads a file whose lines end in a carriage return alone as YAML 1.2 does (b-break)', async () => {
    const { compile } = await import('../src/compile.js');
    const lf = readFileSync(new URL('../examples/minimal.yaml', import.meta.url), 'utf8');
    const cr = compile({ file: 'm.yaml', text: lf.replace(/\r?\n/g, '\r') }, { formats: ['md'] });
    expect(cr.diagnostics).toEqual([]);
    const policy = (text: string) => text.replace(/\*\*Version:\*\* \w+/, '');
    expect(policy(cr.outputs[0]!.content)).toBe(
      policy(compile({ file: 'm.yaml', text: lf }, { formats: ['md'] }).outputs[0]!.content),
    );
    // Positions stay right: an unknown key on the fourth line is reported there.
    const wrong = compile(
      { file: 'm.yaml', text: 'policygen: 1\rorganization:\r  name: X\r  nmae: Y\r' },
      { formats: [] },
    );
    expect(wrong.diagnostics.find((d) => d.code === 'unknown-key')).toMatchObject({ line: 4, column: 3 });
  });
});
