import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ (ARCHITECTURE.md): the stages at the bottom, then the session and
 * compile(), then the build layer, then the CLI. No module imports from a layer above its
 * own, so the library never depends on the CLI and the stages never on how they are cached
 * or driven.
 */
const root = new URL('../src/', import.meta.url);
const files = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\\/g, '/'));

/** The layer of a file of src/, by its folder (or name, at the top). */
function layer(file: string): number {
  if (file.startsWith('cli/')) return 4;
  // The project config says which builds to run: it belongs with the build layer.
  if (file.startsWith('build/') || file.startsWith('config/') || file === 'build-api.ts' || file === 'index.ts')
    return 3;
  if (file === 'compile.ts' || file === 'session.ts' || file === 'shapes.ts') return 2;
  return 1;
}

/** The files of src/ a file imports (statically or with import()). */
function importsOf(file: string): string[] {
  const text = readFileSync(new URL(file, root), 'utf8');
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const out: string[] = [];
  for (const match of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
    const parts = (dir + match[1]!).split('/');
    const resolved: string[] = [];
    for (const part of parts) {
      if (part === '..') resolved.pop();
      else if (part !== '.' && part !== '') resolved.push(part);
    }
    out.push(resolved.join('/').replace(/\.js$/, '.ts'));
  }
  return out;
}

describe('the layers of src/', () => {
  it('has no import from a higher layer (stages → session, compile → build → cli)', () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => layer(target) > layer(file))
        .map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no cycle between folders', () => {
    // A file at the top of src/ (package-root.ts, schema.ts …) is a unit of its own.
    const folder = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);
    const edges = new Map<string, Set<string>>();
    for (const file of files) {
      for (const target of importsOf(file)) {
        if (folder(file) !== folder(target))
          edges.set(folder(file), (edges.get(folder(file)) ?? new Set()).add(folder(target)));
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const start of edges.keys()) visit(start, [start]);
    expect([...new Set(cycles)]).toEqual([]);
  });
});
