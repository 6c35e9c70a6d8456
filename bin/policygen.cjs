#!/usr/bin/env node
'use strict';
// The CLI, bundled by `npm run build` so that it starts fast (source: src/cli/entry.ts), and
// loaded with the code cache recorded when the package was built (bin/load.cjs). Where the
// bundle is missing (a build that stopped after tsc, a package that left it out), the
// compiled modules run instead: slower to start, same results.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

if (existsSync(join(__dirname, '..', 'dist', 'bundle', 'entry.cjs')) && process.env.POLICYGEN_NO_BUNDLE !== '1') {
  require('./load.cjs').load('bundle/entry.cjs');
} else {
  import('../dist/cli/entry.js').catch((error) => {
    process.stderr.write(`policygen: cannot load its code (${error.message}); run npm run build\n`);
    process.exitCode = 2;
  });
}
