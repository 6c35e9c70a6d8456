import { describe, expect, it } from 'vitest';
import { locate, readYaml } from '../src/load/read-yaml.js';

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
