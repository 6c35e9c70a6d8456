/**
 * A worker thread for `build --workers N`: compiles the declarations it is sent. Asked to
 * stage, it writes each one's outputs to temporary files beside their targets and posts back
 * only their names and hashes (the main thread renames them into place once every
 * declaration has compiled, or removes them); otherwise it posts back the outputs.
 */
import { relative } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { compile, type CompileOptions, type Output } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Session } from '../session.js';
import { sha256 } from './cache.js';
import { confinedPath, describeFsError, writeTemporary, type WriteContext } from './write.js';

export interface WorkerJob {
  id: number;
  file: string;
  bytes: Uint8Array;
  options: CompileOptions;
  /** Write the outputs to temporary files inside `root`, for these targets by format. */
  stage?: { root: string; targets: Record<string, string> };
}

export interface StagedFile {
  temporary: string;
  target: string;
  sha256: string;
}

export interface WorkerResult {
  /** Empty when the outputs were staged. */
  outputs: Output[];
  diagnostics: Diagnostic[];
  staged?: StagedFile[];
  /** Directories made for the staged files. */
  created?: string[];
  /** Why the outputs could not be staged. */
  stageError?: string;
}

// Directories are checked once per worker: a worker serves one build.
const context: WriteContext = { checked: new Map(), created: [] };
// One session per thread (src/session.ts): the declarations a worker compiles share it.
const session = new Session();

parentPort?.on('message', (job: WorkerJob | null) => {
  // No more work: end this thread.
  if (job === null) return parentPort!.close();
  void handle(job).then(
    (result) => parentPort!.postMessage({ id: job.id, ...result }),
    (error: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});

async function handle(job: WorkerJob): Promise<WorkerResult> {
  const { outputs, diagnostics } = compile({ file: job.file, text: job.bytes }, { ...job.options, session });
  if (!job.stage || hasErrors(diagnostics)) return { outputs: job.stage ? [] : outputs, diagnostics };
  const staged: StagedFile[] = [];
  const before = context.created.length;
  try {
    for (const output of outputs) {
      const target = await confinedPath(
        job.stage.root,
        relative(job.stage.root, job.stage.targets[output.format]!),
        context,
      );
      staged.push({ temporary: await writeTemporary(target, output.content), target, sha256: sha256(output.content) });
    }
  } catch (error) {
    return {
      outputs: [],
      diagnostics,
      staged,
      created: context.created.slice(before),
      stageError: describeFsError(error),
    };
  }
  return { outputs: [], diagnostics, staged, created: context.created.slice(before) };
}
