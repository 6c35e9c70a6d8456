/**
 * The process entry: runs the CLI, and makes an interrupted build leave no temporary file or
 * lock behind (finished outputs stay whole). bin/policygen.cjs loads the bundle of this file.
 */
import { main } from './main.js';
import { cleanupPending } from '../build/write.js';

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    void cleanupPending().finally(() => process.exit(code));
  });
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
