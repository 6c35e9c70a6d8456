'use strict';
// A worker thread of `policygen build --workers N` (source: src/build/worker.ts), loaded like the CLI.
require('./load.cjs').load('bundle/worker.cjs');
