#!/usr/bin/env node
'use strict';
// The CLI, bundled by `npm run build` so that it starts fast (source: src/cli/entry.ts), and
// loaded with the code cache recorded when the package was built (bin/load.cjs).
require('./load.cjs').load('bundle/entry.cjs');
