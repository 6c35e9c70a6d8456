import { appendFileSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run } from './helpers.js';

/** `build --cache` through the real bin: what it skips, what it keeps, and that it never changes an output. */
describe('build --cache', () => {
  const workspace = () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-cache-'));
    writeFileSync(join(dir, 'p.yaml'), readFileSync(join(root, 'examples/multinational.yaml'), 'utf8'));
    return dir;
  };
  const build = (dir: string, extra: string[] = []) => run(['build', 'p.yaml', '-o', 'out', '-f', 'md,html', '--cache', ...extra], { cwd: dir });
  const outputs = (dir: string, folder = 'out') => Object.fromEntries(readdirSync(join(dir, folder)).map((f) => [f, readFileSync(join(dir, folder, f), 'utf8')]));

  it('skips a declaration whose inputs and outputs have not changed', async () => {
    const dir = workspace();
    expect((await build(dir)).stderr).toBe('0 errors, 0 warnings, 2 files written\n');
    expect((await build(dir)).stderr).toBe('0 errors, 0 warnings, 0 files written (1 declaration up to date)\n');
    // An output changed by hand is written again.
    writeFileSync(join(dir, 'out/p.md'), 'edited');
    expect((await build(dir)).stderr).toBe('0 errors, 0 warnings, 2 files written\n');
  });

  it('keeps parsed shapes for the next process, which builds exactly what a build without them builds', async () => {
    const dir = workspace();
    await build(dir);
    const stored = JSON.parse(readFileSync(join(dir, '.policygen-cache/shapes.json'), 'utf8')) as { version: string; shapes: { key: string }[] };
    expect(stored.shapes.length).toBeGreaterThan(10);
    // A one-line change: the next process takes the shapes back instead of parsing them, so
    // it has none to add and leaves the file alone.
    const before = statSync(join(dir, '.policygen-cache/shapes.json')).mtimeMs;
    appendFileSync(join(dir, 'p.yaml'), '# edited\n');
    expect((await build(dir)).code).toBe(0);
    expect(statSync(join(dir, '.policygen-cache/shapes.json')).mtimeMs).toBe(before);
    const fresh = await run(['build', 'p.yaml', '-o', 'fresh', '-f', 'md,html'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(outputs(dir)).toEqual(Object.fromEntries(Object.entries(outputs(dir, 'fresh'))));
  });

  it('ignores a damaged or outdated shapes file, and replaces it', async () => {
    const dir = workspace();
    await build(dir);
    const path = join(dir, '.policygen-cache/shapes.json');
    for (const damage of ['{not json', JSON.stringify({ version: 'another policygen', shapes: [{ key: 'x', tree: { type: 'root', children: [] }, md: {}, html: {} }] })]) {
      writeFileSync(path, damage);
      appendFileSync(join(dir, 'p.yaml'), '# again\n');
      const result = await build(dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('0 errors, 0 warnings, 2 files written\n');
      expect(JSON.parse(readFileSync(path, 'utf8')).version).not.toBe('another policygen');
      await run(['build', 'p.yaml', '-o', 'fresh', '-f', 'md,html'], { cwd: dir });
      expect(outputs(dir)).toEqual(outputs(dir, 'fresh'));
    }
  });

  it('keeps every locale of a declaration up to date', async () => {
    const dir = workspace();
    const locales = ['--locale', 'de', '--locale', 'fr'];
    expect((await build(dir, locales)).stderr).toBe('0 errors, 0 warnings, 4 files written\n');
    expect((await build(dir, locales)).stderr).toBe('0 errors, 0 warnings, 0 files written (2 declarations up to date)\n');
  });
});
