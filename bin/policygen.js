#!/usr/bin/env node
// The CLI, bundled by `npm run build` so that it starts fast (source: src/cli/entry.ts).
import '../dist/bundle/entry.js';
