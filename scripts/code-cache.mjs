// Records V8's code cache for the bundled CLI and the generated files (bin/load.cjs uses it),
// by running the CLI on policygen's own examples the way people do: a cold build in each
// locale and every format, an up-to-date --cache build, workers, init and a config file. Each run
// takes the caches the previous one left and adds what it compiled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
rmSync(join(root, 'dist/code-cache'), { recursive: true, force: true });

const work = mkdtempSync(join(tmpdir(), 'policygen-code-cache-'));
const examples = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join(root, 'examples', name));
const locales = readdirSync(join(root, 'templates'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const run = (args, cwd = work) =>
  execFileSync(process.execPath, [join(root, 'bin/policygen.cjs'), ...args], {
    cwd,
    env: { ...process.env, POLICYGEN_RECORD_CODE_CACHE: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });

try {
  // At most 15 declarations per run: a build of 16 or more is a batch, which changes a V8
  // setting (src/build/build.ts), and V8 refuses a cache recorded under other settings.
  const chunks = [];
  for (let i = 0; i < examples.length; i += 15) chunks.push(examples.slice(i, i + 15));
  const out = join(work, 'out');
  for (const chunk of chunks) {
    // With the JSON, templates run traced (their own generated file); without it, plain.
    for (const locale of locales)
      run(['build', ...chunk, '-o', out, '-f', 'md,html,json', '--locale', locale, '--cache']);
    for (const locale of locales) run(['build', ...chunk, '-o', out, '-f', 'md,html', '--locale', locale]);
    run(['build', ...chunk, '-o', out, '-f', 'md,html,json', '--cache']);
  }
  run(['build', ...chunks[0], '-o', join(work, 'workers'), '-f', 'md,html', '--workers', '2']);
  // A project from init: built, then up to date, then checked.
  run(['init', join(work, 'site'), '--yes']);
  for (const args of [
    ['build', '--cache'],
    ['build', '--cache'],
    ['build', '--check', '--cache'],
  ])
    run(args, join(work, 'site'));
  run(['--version']);
  run(['--help']);
} finally {
  rmSync(work, { recursive: true, force: true });
}
