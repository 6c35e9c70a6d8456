/**
 * A worker thread for `build --workers N`: compiles the declarations it is sent and posts
 * back their outputs and diagnostics. It touches no file; the main thread writes.
 */
import { parentPort } from 'node:worker_threads';
import { compile, type CompileOptions } from '../compile.js';

export interface Job {
  id: number;
  file: string;
  bytes: Uint8Array;
  options: CompileOptions;
}

parentPort?.on('message', (job: Job) => {
  try {
    const { outputs, diagnostics } = compile({ file: job.file, text: job.bytes }, job.options);
    parentPort!.postMessage({ id: job.id, outputs, diagnostics });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
