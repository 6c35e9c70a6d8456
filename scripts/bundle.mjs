// Bundles the CLI and its dependencies into dist/bundle/ as CommonJS files that bin/load.cjs
// runs with V8's code cache (recorded on first use, see bin/load.cjs):
//   entry.cjs     the CLI (src/cli/entry.ts): argument parsing, reporting, the --cache check
//   pipeline.cjs  the compile pipeline (src/build/pipeline.ts), loaded only when there is work
//   init.cjs, config.cjs   `policygen init` and reading policygen.config.yaml
//   worker.cjs    a worker thread of `build --workers N` (src/build/worker.ts)
// CommonJS because ES modules cannot be given a code cache on Node 20, and because loading
// an ES module entry costs a few milliseconds more: see docs/benchmarks.md.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const src = (path) => new URL(`../src/${path}`, import.meta.url).pathname;
const outdir = new URL('../dist/bundle/', import.meta.url).pathname;

// Old bundles must not linger (and dist/code-cache/ is from before caches were recorded on first use).
rmSync(outdir, { recursive: true, force: true });
rmSync(new URL('../dist/code-cache/', import.meta.url), { recursive: true, force: true });

const entryPoints = {
  entry: src('cli/entry.ts'),
  pipeline: src('build/pipeline.ts'),
  init: src('cli/init.ts'),
  config: src('config/config.ts'),
  worker: src('build/worker.ts'),
};

/**
 * The modules that load other files are swapped for versions that ask bin/load.cjs
 * (`require('policygen:…')`), so that those files come with their code cache too:
 * src/build/lazy.ts and src/cli/lazy.ts for their `lazy.bundled.ts` neighbours (which the
 * type checker holds to the same exports), src/load-generated.ts for a require of
 * dist/generated/.
 */
const loaderSeams = {
  name: 'policygen-loader-seams',
  setup(builder) {
    builder.onResolve({ filter: /^policygen:/ }, (args) => ({ path: args.path, external: true }));
    builder.onResolve({ filter: /(^|\/)lazy\.js$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.bundled.ts'));
      return /[\\/]src[\\/](cli|build)[\\/]lazy\.bundled\.ts$/.test(target) ? { path: target } : undefined;
    });
    builder.onLoad({ filter: /[\\/]src[\\/]load-generated\.ts$/ }, () => ({
      loader: 'js',
      contents:
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the ${path} is code the bundle runs
        'const load = require;\nexport function loadGenerated(path) {\n  return load(`policygen:generated/${path}`);\n}',
    }));
    // commander loads child_process (2–3 ms) for executable subcommands, which policygen
    // does not have: in commander's modules, node:child_process resolves to a stand-in that
    // loads the real one on first use. No dependency's source is edited, and the stand-in
    // keeps working whatever commander does with the module.
    builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'policygen-lazy' }
        : undefined,
    );
    builder.onLoad({ filter: /^lazy-child-process$/, namespace: 'policygen-lazy' }, () => ({
      loader: 'js',
      contents:
        "let real;\nconst load = () => (real ??= require('node:child_process'));\nmodule.exports = new Proxy({}, { get: (_, name) => load()[name], has: (_, name) => name in load() });",
    }));
  },
};

await build({
  entryPoints,
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
