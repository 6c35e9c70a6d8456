// Bundles the CLI and its dependencies (src/cli/entry.ts) into dist/bundle/, split so that the
// expensive pipeline is a separate chunk loaded only when a command needs it: see
// docs/benchmarks.md for what that saves at start-up.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: start clean so old chunks do not pile up.
rmSync(new URL('../dist/bundle/', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: [new URL('../src/cli/entry.ts', import.meta.url).pathname, new URL('../src/cli/worker.ts', import.meta.url).pathname],
  outdir: new URL('../dist/bundle/', import.meta.url).pathname,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  // ajv and handlebars are CommonJS; give the ESM bundle a require() for them.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
