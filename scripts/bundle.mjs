// Bundles the CLI and its dependencies into dist/bundle/ as CommonJS files that bin/load.cjs
// runs with V8's code cache (scripts/code-cache.mjs records it):
//   entry.cjs     the CLI (src/cli/entry.ts): argument parsing, reporting, the --cache check
//   pipeline.cjs  the compile pipeline (src/cli/pipeline.ts), loaded only when there is work
//   init.cjs, config.cjs   `policygen init` and reading policygen.config.yaml
//   worker.cjs    a worker thread of `build --workers N` (src/cli/worker.ts)
// CommonJS because ES modules cannot be given a code cache on Node 20, and because loading
// an ES module entry costs a few milliseconds more: see docs/benchmarks.md.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const src = (path) => new URL(`../src/${path}`, import.meta.url).pathname;
const outdir = new URL('../dist/bundle/', import.meta.url).pathname;

// Old bundles must not be loaded with new code caches, or linger.
rmSync(outdir, { recursive: true, force: true });
rmSync(new URL('../dist/code-cache/', import.meta.url), { recursive: true, force: true });

/**
 * The modules that load other files are swapped for versions that ask bin/load.cjs
 * (`require('policygen:…')`), so that those files come with their code cache too.
 */
const loaderSeams = {
  name: 'policygen-loader-seams',
  setup(builder) {
    builder.onResolve({ filter: /^policygen:/ }, (args) => ({ path: args.path, external: true }));
    builder.onLoad({ filter: /[\\/]src[\\/]cli[\\/]lazy\.ts$/ }, () => ({
      loader: 'js',
      contents: [
        "export const pipeline = () => Promise.resolve().then(() => require('policygen:bundle/pipeline.cjs'));",
        "export const initCommand = () => Promise.resolve().then(() => require('policygen:bundle/init.cjs'));",
        "export const configLoader = () => Promise.resolve().then(() => require('policygen:bundle/config.cjs'));",
        "export const workerThreads = () => Promise.resolve().then(() => require('node:worker_threads'));",
        "export const v8 = () => Promise.resolve().then(() => require('node:v8'));",
        "export const readline = () => Promise.resolve().then(() => require('node:readline/promises'));",
      ].join('\n'),
    }));
    builder.onLoad({ filter: /[\\/]src[\\/]load-generated\.ts$/ }, () => ({
      loader: 'js',
      contents: "const load = require;\nexport function loadGenerated(path) {\n  return load(`policygen:generated/${path}`);\n}",
    }));
    // commander loads child_process (2–3 ms) for executable subcommands, which policygen
    // does not have: load it only if one is ever spawned.
    builder.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path} no longer loads child_process as expected: update scripts/bundle.mjs`);
      return { loader: 'js', contents: source.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };") };
    });
  },
};

await build({
  entryPoints: {
    entry: src('cli/entry.ts'),
    pipeline: src('cli/pipeline.ts'),
    init: src('cli/init.ts'),
    config: src('config/config.ts'),
    worker: src('cli/worker.ts'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [loaderSeams],
  // import.meta.url is where a module runs from: here, the bundle file.
  define: { 'import.meta.url': '__policygenModuleUrl' },
  banner: { js: "var __policygenModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
