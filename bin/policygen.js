#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { cleanupPending } from '../dist/cli/write.js';

// An interrupted build leaves no temporary file or lock behind; finished outputs stay whole.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    cleanupPending().finally(() => process.exit(code));
  });
}

process.exitCode = await main(process.argv.slice(2));
