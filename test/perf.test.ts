import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { Session } from '../src/session.js';
import { equalWorkDeclaration, generateDeclaration } from '../bench/generate.mjs';
import { bin, root } from './helpers.js';

/*
 * A regression guard, not a benchmark (that is `npm run bench`): each check is a ratio
 * against a baseline measured in the same run, never an absolute time, with a bound several
 * times what the code measures today, so it fails only on a gross regression — a cache that
 * stopped working, a stage gone quadratic, a start-up that loads everything — and not on a
 * busy machine. Today's figures are in docs/benchmarks.md.
 */

describe("the benchmark's declarations", () => {
  it('build without a diagnostic, so that npm run bench measures real work', () => {
    for (const text of [
      generateDeclaration({ size: 20, vendors: 10, cookies: 10 }),
      equalWorkDeclaration(),
      equalWorkDeclaration({ seed: 3 }),
    ]) {
      expect(compile({ file: 'bench.yaml', text }, { formats: [] }).diagnostics).toEqual([]);
    }
  });
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeEach(runs: number, task: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  return median(times);
}

const example = readFileSync(new URL('../examples/multinational.yaml', import.meta.url), 'utf8');
const session = new Session();
const build = (text: string, withSession = true) =>
  compile({ file: 'p.yaml', text }, { formats: ['md', 'html'], ...(withSession ? { session } : {}) });

describe('performance regression guard', () => {
  it('a warm compile in a session costs a small fraction of one without a session', () => {
    for (let i = 0; i < 5; i++) build(example);
    const warm = timeEach(15, () => build(example));
    const uncached = timeEach(7, () => build(example, false));
    // Today: about 2.5 ms against about 50 ms, a twentieth. Fails above a third.
    expect(warm / uncached).toBeLessThan(1 / 3);
  });

  it('grows linearly with the declaration, not quadratically', () => {
    const small = generateDeclaration({ size: 40, vendors: 40, cookies: 40 });
    const large = generateDeclaration({ size: 400, vendors: 400, cookies: 400 });
    build(small);
    build(large);
    const tSmall = timeEach(5, () => build(small));
    const tLarge = timeEach(3, () => build(large));
    // Ten times the declaration: linear is about 10×, quadratic about 100×. Fails above 30×.
    expect(tLarge / tSmall).toBeLessThan(30);
  });

  it('a whole-process build stays within a small multiple of starting Node', () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-perf-'));
    const run = (args: string[]) => {
      const start = performance.now();
      execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
      return performance.now() - start;
    };
    const node: number[] = [];
    const policygen: number[] = [];
    for (let i = 0; i < 5; i++) {
      node.push(run(['-e', '0']));
      policygen.push(run([bin, 'build', 'examples/multinational.yaml', '-o', out, '-f', 'md,html']));
    }
    // Today: about 6–7×. Fails above 20× (loading everything eagerly, or losing precompilation).
    expect(median(policygen) / median(node)).toBeLessThan(20);
  }, 60_000);
});
