import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { CompileOptions } from '../compile.js';
import type { Format } from '../formats.js';
import { extension } from '../formats.js';
import type { BuildJob } from '../config/options.js';
import { docsUrl, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { TemplateSet } from '../render/templates.js';
import type { RuleSetting } from '../rules/rule.js';
import { packageRoot } from '../package-root.js';
import { readDeclaration } from './read-input.js';
import {
  fingerprint,
  outputsIntact,
  readManifest,
  readShapes,
  sha256,
  writeManifest,
  writeShapes,
  type Manifest,
} from './cache.js';
import type { StoredShape } from './pipeline.js';
import {
  adoptTemporary,
  onInterrupt,
  sweepOnInterrupt,
  sweepStrays,
  commitTemporary,
  confinedPath,
  describeFsError,
  discardTemporary,
  lockOutputDir,
  writeTemporary,
  type WriteContext,
} from './write.js';
import type { StagedFile, WorkerJob, WorkerResult } from './worker.js';
import { pipeline, v8, workerThreads } from './lazy.js';

export { pipeline } from './lazy.js';

export interface BuildSettings {
  rules: Record<string, RuleSetting>;
  strict: boolean;
  /** The user's templates laid over policygen's, by locale. */
  templates?: Record<string, TemplateSet>;
  workers: number;
  /** Write nothing; report outputs that are missing or differ. */
  check?: 'report' | 'list';
  cache?: { manifest: string };
  /** Called as declarations finish compiling (the CLI shows it on a terminal). */
  progress?: (done: number, total: number) => void;
  /**
   * In a batch, have V8 keep the heap tight (see keepHeapSmall). The setting is process-wide
   * and stays, so only the CLI, whose process is its own, asks for it.
   */
  tightHeap?: boolean;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** A file could not be read or written, or a template failed: exit 2. */
  failed: boolean;
  /** Why the outputs could not be written. */
  message?: string;
  /** Why the --cache manifest could not be saved (the outputs were written). */
  cacheProblem?: { folder: string; reason: string };
  written: number;
  upToDate: number;
  /** With a check: the outputs that are missing or differ. */
  /** Outputs --check found missing or different; for a different one, its first differing line. */
  stale: { path: string; reason: 'missing' | 'differs'; first?: FirstDifference }[];
}

/** Jobs for declarations named on the command line: `<out-dir>/<name>.<format>`. */
export function jobsFromArguments(
  files: string[],
  outDir: string,
  formats: Format[],
  cwd: string,
  options: CompileOptions,
): BuildJob[] {
  return files.map((file) => {
    const name = basename(file, extname(file) === '.yaml' || extname(file) === '.yml' ? extname(file) : '');
    return {
      file,
      path: resolve(cwd, file),
      outputs: formats.map((format) => ({ format, path: resolve(cwd, outDir, `${name}.${extension(format)}`) })),
      options: { ...options, formats },
    };
  });
}

/**
 * Compiles every job, and writes all outputs only if every declaration compiled without
 * errors: atomically, inside `root`, under its lock. With `check`, writes nothing and
 * reports which outputs are missing or differ instead.
 */
export async function runBuild(jobs: BuildJob[], root: string, settings: BuildSettings): Promise<BuildResult> {
  const result: BuildResult = {
    diagnostics: [],
    sources: new Map(),
    failed: false,
    written: 0,
    upToDate: 0,
    stale: [],
  };
  // With a check, the manifest is only read: an output that is up to date needs no compile.
  const manifest: Manifest | undefined = settings.cache ? await readManifest(settings.cache.manifest) : undefined;
  const keys = new Map<BuildJob, string>();
  // The bytes each key was made from: what is compiled, so that the manifest records the
  // outputs of exactly those (a file saved in between is seen by the next build).
  const hashed = new Map<BuildJob, Buffer>();
  let pending = jobs;
  if (manifest && !settings.templates) {
    pending = [];
    for (const job of jobs) {
      const bytes = await readDeclaration(job.path).catch(() => undefined);
      if (!bytes) {
        pending.push(job);
        continue;
      }
      const key = sha256(
        `${fingerprint(job.options.locale ?? 'en')}\0${JSON.stringify([job.options, job.outputs, settings.rules, settings.strict])}\0${sha256(bytes)}`,
      );
      keys.set(job, key);
      const entry = manifest.entries[manifestKey(job)];
      hashed.set(job, bytes);
      // (An entry of another shape, from a damaged manifest, is a miss.)
      // Its outputs must be this job's, all of them, as written (a planted entry naming others is a miss).
      const ours =
        entry &&
        typeof entry.outputs === 'object' &&
        sameFiles(
          Object.keys(entry.outputs),
          job.outputs.map((o) => o.path),
        );
      if (!(entry?.key === key && ours && Array.isArray(entry.diagnostics) && (await outputsIntact(entry, '/'))))
        pending.push(job);
      else if (entry.diagnostics.length) {
        // Its warnings, as the build that wrote the outputs reported them (all on the
        // declaration: user templates turn the cache off).
        result.diagnostics.push(...entry.diagnostics.map((d) => ({ ...d, file: job.file })));
        result.sources.set(job.file, bytes.toString('utf8'));
      }
    }
    result.upToDate = jobs.length - pending.length;
    if (pending.length === 0) return result;
  }
  const inJobOrder = () => {
    // Replayed warnings came first; every declaration's diagnostics go in the order of the
    // declarations, as without the cache (so that a new error is not listed after old warnings).
    if (result.upToDate === 0) return;
    const order = new Map<string, number>();
    jobs.forEach((job, i) => {
      if (!order.has(job.file)) order.set(job.file, i);
    });
    const at = (d: Diagnostic) => (d.file !== undefined ? (order.get(d.file) ?? jobs.length) : jobs.length);
    // (Array sort is stable: each declaration's diagnostics keep their order.)
    result.diagnostics.sort((a, b) => at(a) - at(b));
  };

  if (settings.check) {
    await compileJobs(pending, { ...settings, read: hashed }, result, async (job, { outputs }) => {
      for (const output of outputs) {
        const target = job.outputs.find((o) => o.format === output.format)!.path;
        const current = await readFile(target, 'utf8').catch(() => undefined);
        if (current === undefined) result.stale.push({ path: target, reason: 'missing' });
        else if (current !== output.content)
          result.stale.push({ path: target, reason: 'differs', first: firstDifference(current, output.content) });
      }
    });
    inJobOrder();
    // Reported in the order of the jobs, whatever order the workers finished in.
    const order = new Map(
      pending.flatMap((job) => job.outputs.map((o) => o.path)).map((path, i) => [path, i] as const),
    );
    result.stale.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
    return result;
  }

  // Outputs are written as each declaration compiles, to temporary files beside their
  // targets, and renamed into place only when every declaration has compiled without errors:
  // nothing is held in memory, the writes overlap the compiling, and a failed build leaves
  // every old file as it was.
  const staged = new Staging(root);
  const recorded = new Map<BuildJob, { outputs: Record<string, string>; diagnostics: Diagnostic[] }>();
  // On worker threads, each worker writes its own declarations' temporary files (so the
  // main thread only coordinates); here, the main thread writes them as they compile.
  const onWorkers = settings.workers > 1 && pending.length > 1;
  const shapes = settings.cache && !onWorkers ? await restoreStoredShapes(settings.cache.manifest) : undefined;
  try {
    if (onWorkers) {
      await staged.begin();
      // If the build is interrupted, a worker may be writing a file it has not reported yet.
      sweepOnInterrupt(pending.flatMap((job) => job.outputs.map((o) => dirname(o.path))));
    }
    await compileJobs(
      pending,
      { ...settings, read: hashed, ...(onWorkers ? { stageIn: root } : {}) },
      result,
      (job, compiled) => {
        if (compiled.staged) staged.adopt(compiled.staged, compiled.created ?? []);
        if (compiled.stageError) staged.fail(compiled.stageError);
        if (result.failed || hasErrors(result.diagnostics)) return;
        const hashes: Record<string, string> = {};
        for (const file of compiled.staged ?? []) hashes[file.target] = file.sha256;
        for (const output of compiled.outputs) {
          const target = job.outputs.find((o) => o.format === output.format)!.path;
          staged.add(relative(root, target), output.content);
          hashes[target] = sha256(output.content);
        }
        recorded.set(job, { outputs: hashes, diagnostics: compiled.diagnostics });
      },
    );
    inJobOrder();
    if (result.failed || hasErrors(result.diagnostics)) {
      await staged.discard();
      return result;
    }
    result.written = await staged.commit();
    if (manifest && settings.cache) {
      for (const job of pending) {
        const key = keys.get(job);
        if (key && recorded.has(job)) manifest.entries[manifestKey(job)] = { key, ...recorded.get(job)! };
      }
      // The outputs are in place: a cache that cannot be saved fails nothing, but is said.
      await writeManifest(settings.cache.manifest, manifest).catch((error: unknown) => {
        result.cacheProblem = { folder: dirname(settings.cache!.manifest), reason: describeFsError(error) };
      });
    }
    // The stored shapes only save time: failing to write them fails nothing.
    await shapes?.save().catch(() => undefined);
  } catch (error) {
    // A worker that failed may have left files it had not reported yet.
    await sweepStrays();
    await staged.discard();
    result.failed = true;
    result.message = describeFsError(error);
  } finally {
    sweepOnInterrupt([]);
    await staged.release();
  }
  return result;
}

/** A job's entry in the cache manifest: its declaration, and its locale when it has one (one declaration, several locales). */
function manifestKey(job: BuildJob): string {
  return job.options.locale ? `${job.path}#${job.options.locale}` : job.path;
}

/**
 * With --cache, the section shapes earlier builds parsed and serialised (shapes.json beside
 * the manifest) are taken back before compiling, so a new process parses only shapes it has
 * not seen; save() stores them again when this build added any. Worker threads keep their
 * own shapes in memory only.
 */
async function restoreStoredShapes(manifest: string): Promise<{ save(): Promise<void> }> {
  const { restoreShapes, session, shapesVersion, storedShapes } = await pipeline();
  const path = join(dirname(manifest), 'shapes.json');
  const version = shapesVersion();
  const stored = await readShapes<StoredShape>(path, version);
  restoreShapes(session, stored);
  return {
    async save() {
      // Shapes and serialisations are only ever added, so a change shows in the counts.
      const now = storedShapes(session);
      if (size(now) !== size(stored)) await writeShapes(path, version, now.slice(-2000));
    },
  };
}

/** Whether two lists name the same files. */
function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((file) => set.has(file));
}

/** How many shapes and serialisations a set of stored shapes holds. */
function size(shapes: readonly StoredShape[]): number {
  return shapes.reduce(
    (n, shape) =>
      n + 1 + Object.keys(shape.md).length + Object.keys(shape.html).length + Object.keys(shape.units ?? {}).length,
    0,
  );
}

/**
 * Outputs written to temporary files beside their targets, a few at a time, then renamed
 * into place together (commit) or removed (discard).
 */
class Staging {
  private readonly files: { temporary: string; target: string }[] = [];
  private discarded = false;
  private readonly queue: { name: string; content: string }[] = [];
  private active = 0;
  private idle: (() => void)[] = [];
  private error: unknown;
  /** Directories checked to lie inside the root, and those this build created. */
  private readonly context: WriteContext = { checked: new Map(), created: [] };
  /** The output directory's lock, taken before the first file is written. */
  private lock: Promise<() => Promise<void>> | undefined;

  private readonly untidy: () => void;

  constructor(
    private readonly root: string,
    /** How many files are written at once: enough to keep the disk busy, few enough for any file-descriptor limit. */
    private readonly limit = 32,
  ) {
    // Interrupted, the build leaves no folder it made and finished nothing in.
    this.untidy = onInterrupt('tidy', () => this.removeCreated());
  }

  /** Takes the lock (and makes the output directory) now, before others write for this build. */
  async begin(): Promise<void> {
    await this.locked();
  }

  private locked(): Promise<() => Promise<void>> {
    return (this.lock ??= (async () => {
      const made = await mkdir(this.root, { recursive: true });
      if (made) this.context.created.push(made);
      return lockOutputDir(this.root);
    })());
  }

  /** Files a worker thread staged for this build, and the directories it made for them. */
  adopt(files: readonly StagedFile[], created: readonly string[]): void {
    for (const file of files) {
      adoptTemporary(file.temporary);
      this.files.push(file);
    }
    this.context.created.push(...created);
  }

  /** A worker could not stage its files: commit will report this. */
  fail(message: string): void {
    this.error ??= new Error(message);
  }

  /** Queues one output; a failure is reported by commit. */
  add(name: string, content: string): void {
    this.queue.push({ name, content });
    this.pump();
  }

  private pump(): void {
    while (this.active < this.limit && this.queue.length > 0) {
      const { name, content } = this.queue.shift()!;
      this.active++;
      void (async () => {
        try {
          if (this.error) return;
          await this.locked();
          const target = await confinedPath(this.root, name, this.context);
          this.files.push({ target, temporary: await writeTemporary(target, content) });
        } catch (error) {
          this.error ??= error;
        } finally {
          this.active--;
          this.pump();
          if (this.active === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
        }
      })();
    }
  }

  private settle(): Promise<void> {
    return this.active === 0 && this.queue.length === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.idle.push(resolve));
  }

  /** Renames every staged file into place; returns how many. */
  async commit(): Promise<number> {
    await this.settle();
    if (this.error) throw this.error;
    await inBatches(this.files, (file) => commitTemporary(file.temporary, file.target));
    return this.files.length;
  }

  /** Removes every staged file, and the directories this build created for them. */
  async discard(): Promise<void> {
    this.queue.length = 0;
    await this.settle();
    await inBatches(this.files, (file) => discardTemporary(file.temporary));
    this.files.length = 0;
    this.discarded = true;
  }

  /** Releases the lock; after a discard, removes the (now empty) directories the build made. */
  async release(): Promise<void> {
    this.untidy();
    await this.settle();
    const unlock = await this.lock?.catch(() => undefined);
    await unlock?.();
    if (this.discarded) await this.removeCreated();
  }

  private async removeCreated(): Promise<void> {
    // mkdir reports the first directory it created; deeper ones follow it in the path.
    const made = [...new Set(this.context.created)].sort((a, b) => b.length - a.length);
    for (const dir of made) await removeEmptyTree(dir);
  }
}

/** Removes a directory tree that holds only empty directories; leaves anything with a file in it. */
async function removeEmptyTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return;
  for (const entry of entries)
    if (entry.isDirectory() && !entry.isSymbolicLink()) await removeEmptyTree(join(dir, entry.name));
  await rmdir(dir).catch(() => undefined);
}

async function inBatches<T>(items: T[], task: (item: T) => Promise<void>, size = 64): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

/** Reads and compiles the jobs (on worker threads when asked), collecting diagnostics. */
export async function compileJobs(
  jobs: BuildJob[],
  settings: Pick<BuildSettings, 'rules' | 'strict' | 'templates' | 'workers' | 'progress' | 'tightHeap'> & {
    /** On worker threads: write each declaration's outputs to temporary files inside this folder (see Staging). */
    stageIn?: string;
    /** Declarations already read (to key the cache by exactly these bytes). */
    read?: ReadonlyMap<BuildJob, Buffer>;
  },
  result: Pick<BuildResult, 'diagnostics' | 'sources' | 'failed'>,
  /** Called with each declaration's outputs, or the files staged for them, as it compiles (not in job order on workers). */
  each: (job: BuildJob, compiled: Compiled) => void | Promise<void> = () => {},
): Promise<void> {
  const read: { job: BuildJob; bytes: Buffer }[] = [];
  for (const job of jobs) {
    try {
      read.push({ job, bytes: settings.read?.get(job) ?? (await readDeclaration(job.path)) });
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const reason = missing ? 'no such file' : (error as Error).message;
      // Named in the project config: said at the line that names it, with a did-you-mean.
      const guess = missing && job.origin ? didYouMean(basename(job.path), declarationsBeside(job.path)) : undefined;
      result.diagnostics.push({
        code: 'cannot-read',
        severity: 'error',
        message: job.origin
          ? `Cannot read the declaration "${job.file}": ${reason}.`
          : `Cannot read the declaration: ${reason}.`,
        ...(guess ? { hint: `Did you mean "${join(dirname(job.file), guess)}"?` } : {}),
        file: job.file,
        ...(job.origin ?? {}),
        docs: docsUrl('cannot-read'),
      });
      result.failed = true;
    }
  }
  const requests: Request[] = read.map(({ job, bytes }) => ({
    file: job.file,
    bytes,
    options: {
      ...job.options,
      rules: settings.rules,
      strict: settings.strict,
      ...(settings.templates ? { templates: settings.templates[job.options.locale ?? 'en']! } : {}),
    },
    ...(settings.stageIn
      ? { stage: { root: settings.stageIn, targets: Object.fromEntries(job.outputs.map((o) => [o.format, o.path])) } }
      : {}),
  }));
  const diagnostics: Diagnostic[][] = new Array(requests.length);
  const afterReading = result.diagnostics.length;
  const pendingCallbacks: Promise<void>[] = [];
  const done = (i: number, compiled: Compiled) => {
    const { job, bytes } = read[i]!;
    diagnostics[i] = compiled.diagnostics;
    // Code frames need the text of the declarations that have something to show.
    // Code frames may show a replacement character; compile() reports invalid UTF-8 itself.
    if (compiled.diagnostics.length) result.sources.set(job.file, bytes.toString('utf8'));
    if (compiled.diagnostics.some((d) => d.code === 'template-error')) result.failed = true;
    // An error is recorded at once, so that no more outputs are staged; the full, ordered
    // list replaces it at the end.
    if (hasErrors(compiled.diagnostics))
      result.diagnostics.push(compiled.diagnostics.find((d) => d.severity === 'error')!);
    const pendingCallback = each(job, compiled);
    if (pendingCallback) pendingCallbacks.push(pendingCallback);
  };
  if (settings.tightHeap && requests.length >= BATCH) {
    // The pipeline first: V8 refuses code caches recorded under other settings.
    await pipeline();
    await keepHeapSmall();
  }
  if (settings.workers > 1 && requests.length > 1)
    await compileOnWorkers(requests, settings.workers, done, settings.progress);
  else await compileHere(requests, done, settings.progress);
  await Promise.all(pendingCallbacks);
  // Diagnostics in the order of the declarations, whatever order they were compiled in.
  result.diagnostics.length = afterReading;
  for (const list of diagnostics) if (list) result.diagnostics.push(...list);
}

type Request = Omit<WorkerJob, 'id'>;
type Compiled = WorkerResult;

async function compileHere(
  requests: Request[],
  done: (i: number, compiled: Compiled) => void,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const { compile, session } = await pipeline();
  for (let i = 0; i < requests.length; i++) {
    done(i, compile({ file: requests[i]!.file, text: requests[i]!.bytes }, { ...requests[i]!.options, session }));
    progress?.(i + 1, requests.length);
    // Let staged writes proceed between declarations.
    if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** From how many declarations a build is a batch, whose memory is worth a little time. */
const BATCH = 16;

/**
 * Has V8 collect garbage sooner: the heap may grow to 1.5× what was live at the last
 * collection, where V8's own choice for a program that allocates as fast as a batch
 * is up to 4×. A batch of 1,000 declarations then peaks at about 255 MB instead of 300–350,
 * at 5–10% more time (docs/benchmarks.md). The flag is process-wide and read at every
 * collection, so it applies to the worker threads too. (V8 refuses code caches made under
 * other settings: the pipeline is loaded before; a locale's templates and the workers' code,
 * loaded after, have caches of their own for batches, see bin/load.cjs.)
 */
async function keepHeapSmall(): Promise<void> {
  const flag = '--heap-growing-percent=50';
  (await v8()).setFlagsFromString(flag);
  // For bin/load.cjs: code loaded from now on (and in worker threads, which inherit the
  // environment) keeps its code caches apart from those made without the flag.
  process.env['POLICYGEN_V8_RUNTIME_FLAGS'] = flag;
}

/**
 * Declarations sent to a worker ahead of its results. With one at a time, a worker waited
 * for each round trip and its file writes: 1,000 declarations on two workers took 5.0-5.6 s,
 * with four 4.5-4.8 s (more in flight measured no better and held more memory).
 */
const IN_FLIGHT = 4;
/**
 * Each worker's young generation, in MB. V8's default for a worker is larger; with two workers
 * and the main thread, the batch of 1,000 peaked at 300-308 MB, with 16 at about 281 MB, for
 * about the same time.
 */
const WORKER_YOUNG_MB = 16;

/** Compiles on worker threads, each taking the next declaration as it finishes one; results keep their order. */
async function compileOnWorkers(
  requests: Request[],
  count: number,
  done: (i: number, compiled: Compiled) => void,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  let finished = 0;
  // The bundled worker when the CLI runs from the bundle (as the tests do after a build);
  // dist/build/worker.js otherwise.
  const script = existsSync(new URL('dist/bundle/worker.cjs', packageRoot))
    ? new URL('bin/worker.cjs', packageRoot)
    : new URL('dist/build/worker.js', packageRoot);
  let next = 0;
  let stopping = false;
  const { Worker } = await workerThreads();
  const threads = Array.from(
    { length: Math.min(count, requests.length) },
    () => new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }),
  );
  // Watched from the start, so that a worker that ends at any point is noticed.
  const ended = threads.map((thread) => new Promise<number>((resolve) => thread.once('exit', resolve)));
  // Interrupted, the workers are stopped and the process exits once the cleanup has run.
  const unregister = onInterrupt('stop', () => {
    stopping = true;
    return Promise.all(threads.map((thread) => thread.terminate()));
  });
  try {
    const senders = threads.map((thread, t) => {
      let inFlight = 0;
      let allDone!: () => void;
      let fail!: (error: Error) => void;
      const finishedHere = new Promise<void>((resolve, reject) => {
        allDone = resolve;
        fail = reject;
      });
      const send = () => {
        if (next >= requests.length) {
          if (inFlight === 0) allDone();
          return;
        }
        const id = next++;
        inFlight++;
        thread.postMessage({ id, ...requests[id]! } satisfies WorkerJob);
      };
      thread.on('message', (message: { id: number; error?: string } & Compiled) => {
        if (message.error) return fail(new Error(message.error));
        const { id, error: _, ...compiled } = message;
        inFlight--;
        done(id, compiled);
        progress?.(++finished, requests.length);
        send();
      });
      thread.on('error', fail);
      void ended[t]!.then((code) => {
        if (!stopping) fail(new Error(`a worker thread ended unexpectedly (exit code ${code})`));
      });
      return { send, finishedHere };
    });
    // A few declarations in flight per worker, handed out in turn so that a small batch is
    // shared: a worker always has its next one at hand while its last one's files are
    // written and its result travels back.
    for (let i = 0; i < IN_FLIGHT; i++) for (const sender of senders) sender.send();
    await Promise.all(senders.map((sender) => sender.finishedHere));
  } catch (error) {
    stopping = true;
    await Promise.all(threads.map((thread) => thread.terminate()));
    throw error;
  } finally {
    stopping = true;
    unregister();
  }
  // Told there is no more work, a worker closes its port and ends on its own (and runs its
  // exit handlers).
  for (const thread of threads) thread.postMessage(null);
  await Promise.all(ended);
}

/** The YAML files in the folder a missing declaration was expected in, for a did-you-mean. */
function declarationsBeside(path: string): string[] {
  try {
    return readdirSync(dirname(path)).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return [];
  }
}

/** Where a file on disk first differs from what the build would write: the line and both texts. */
export interface FirstDifference {
  line: number;
  /** The line on disk and the line the build would write, each from 30 characters before the first change, 80 at most. */
  found: string;
  expected: string;
}

export function firstDifference(found: string, expected: string): FirstDifference {
  const a = found.split('\n');
  const b = expected.split('\n');
  // The version (a hash of the policy's content) changes with any change, so a line that
  // differs only in a 12-digit hash is passed over, unless nothing else differs.
  const hashless = (line: string | undefined) => line?.replace(/\b[0-9a-f]{12}\b/g, '#');
  const first = (same: (x: string | undefined, y: string | undefined) => boolean) => {
    let i = 0;
    while (i < a.length && i < b.length && same(a[i], b[i])) i++;
    return i;
  };
  let i = first((x, y) => hashless(x) === hashless(y));
  if (i >= a.length && i >= b.length) i = first((x, y) => x === y);
  // Around the first character that differs, so that a long line shows its change.
  const x = a[i] ?? '';
  const y = b[i] ?? '';
  let at = 0;
  while (at < x.length && at < y.length && x[at] === y[at]) at++;
  const start = Math.max(0, at - 30);
  const cut = (line: string | undefined) => {
    if (line === undefined) return '(end of file)';
    const part = line.slice(start, start + 80);
    return `${start > 0 ? '…' : ''}${part}${start + 80 < line.length ? '…' : ''}`;
  };
  return { line: i + 1, found: cut(a[i]), expected: cut(b[i]) };
}
