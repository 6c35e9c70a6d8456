import { readFileSync } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Temporary files and locks not yet renamed or released; removed if the process is interrupted. */
const pending = new Set<string>();
/**
 * File operations in flight. An interruption waits for them before it cleans up: a write still
 * creating its temporary file, or a lock being taken, would otherwise leave a file behind.
 */
const inflight = new Set<Promise<unknown>>();

/**
 * Runs an operation as in flight until it and `then` (which records what it created) are done,
 * so a cleanup waiting for it also sees what it created.
 */
function track<T>(operation: Promise<T>, then?: (value: T) => void): Promise<T> {
  const tracked = operation.then((value) => {
    then?.(value);
    return value;
  });
  inflight.add(tracked);
  void tracked.then(
    () => inflight.delete(tracked),
    () => inflight.delete(tracked),
  );
  return tracked;
}

/** Set once the process is being interrupted: no new write or lock starts after that. */
let stopping = false;

function refuseWhenStopping(): void {
  if (stopping) throw new Error('interrupted');
}

/**
 * Removes every temporary file and lock this process still holds, after letting operations in
 * flight finish; no new ones start. Safe to call from a signal handler.
 */
export async function cleanupPending(): Promise<void> {
  stopping = true;
  // Worker threads stop first, so that none is still writing while the files are removed.
  await Promise.allSettled([...hooks.stop].map((hook) => hook()));
  for (let round = 0; round < 10 && (inflight.size > 0 || pending.size > 0); round++) {
    await Promise.allSettled([...inflight]);
    const paths = [...pending];
    pending.clear();
    await Promise.all(paths.map((path) => rm(path, { force: true })));
  }
  await sweepStrays();
  // Then the folders a build made and nothing was finished in.
  await Promise.allSettled([...hooks.tidy].map((hook) => hook()));
}

const hooks = { stop: new Set<() => Promise<unknown>>(), tidy: new Set<() => Promise<unknown>>() };

/**
 * Work for an interruption: `stop` runs before temporary files are removed (terminating
 * worker threads), `tidy` after (removing folders left empty). Returns the unregistering call.
 */
export function onInterrupt(phase: 'stop' | 'tidy', hook: () => Promise<unknown>): () => void {
  hooks[phase].add(hook);
  return () => hooks[phase].delete(hook);
}

/** Removes temporary files a worker thread was still writing: in the swept folders, named with this process's id. */
export async function sweepStrays(): Promise<void> {
  const mine = new RegExp(`^\\.[a-z0-9]+\\.${process.pid}\\.policygen\\.tmp$`);
  await Promise.all(
    [...sweep].map(async (dir) => {
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(names.filter((name) => mine.test(name)).map((name) => rm(join(dir, name), { force: true })));
    }),
  );
}

let sweep = new Set<string>();

/** Folders where worker threads write temporary files for the build in progress (none: the build is over). */
export function sweepOnInterrupt(dirs: readonly string[]): void {
  sweep = new Set(dirs);
}

/** Plain words for the file-system errors a build can meet. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const known: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EISDIR: 'the path is a directory',
    EEXIST: 'the path already exists',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Resolves an output file name inside the output root, refusing names that would leave it
 * (`..`, absolute paths) and existing symbolic links, which could point anywhere.
 */
/** What one build remembers while it writes: directories checked, and the ones it created. */
export interface WriteContext {
  checked: Map<string, Promise<void>>;
  created: string[];
}

export async function confinedPath(root: string, name: string, context?: WriteContext): Promise<string> {
  if (isAbsolute(name) || name.split(/[\\/]/).includes('..'))
    throw new Error(`refusing to write ${name}: outputs must stay inside the output directory`);
  const target = resolve(root, name);
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new Error(`refusing to write ${name}: outputs must stay inside the output directory`);
  // One build writes many files to few directories: each directory is made and checked once.
  const dir = dirname(target);
  let check = context?.checked.get(dir);
  if (!check) {
    check = (async () => {
      const made = await mkdir(dir, { recursive: true });
      if (made) context?.created.push(made);
      // The directory itself may be reached through a link the user chose; anything below it may not.
      const parentRel = relative(await realpath(root), await realpath(dir));
      if (parentRel.startsWith('..') || isAbsolute(parentRel))
        throw new Error(`refusing to write ${name}: its directory leads outside the output directory`);
    })();
    context?.checked.set(dir, check);
  }
  await check;
  const stat = await lstat(target).catch(() => undefined);
  if (stat?.isSymbolicLink())
    throw new Error(`refusing to write ${name}: it is a symbolic link, which could point outside the output directory`);
  return target;
}

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename, so a
 * reader never sees half a policy and a failed or interrupted build leaves the old file.
 */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await commitTemporary(await writeTemporary(path, content), path);
}

/**
 * The first half of an atomic write: the content in a new temporary file beside `path`,
 * removed if the process is interrupted before commitTemporary or discardTemporary.
 *
 * @returns the temporary file's path
 */
export async function writeTemporary(path: string, content: string): Promise<string> {
  refuseWhenStopping();
  const temporary = join(dirname(path), `.${Math.random().toString(36).slice(2)}.${process.pid}.policygen.tmp`);
  pending.add(temporary);
  try {
    await track(writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' }));
  } catch (error) {
    await discardTemporary(temporary);
    throw error;
  }
  return temporary;
}

/** Renames a temporary file into place. */
export async function commitTemporary(temporary: string, path: string): Promise<void> {
  try {
    refuseWhenStopping();
    await track(rename(temporary, path));
  } catch (error) {
    await discardTemporary(temporary);
    throw error;
  }
  pending.delete(temporary);
}

/** A temporary file another thread of this process wrote: cleaned up like this thread's own. */
export function adoptTemporary(temporary: string): void {
  pending.add(temporary);
}

/** Removes a temporary file that will not be used. */
export async function discardTemporary(temporary: string): Promise<void> {
  await rm(temporary, { force: true });
  pending.delete(temporary);
}

/**
 * Takes the output directory's lock, so two builds cannot interleave one set of outputs.
 * Waits up to `timeoutMs` for another build to finish. The lock records the host, the process
 * id and when that process started; it is taken over when its process no longer runs, when
 * the id now belongs to another process (started at another time), or when it is empty or
 * unreadable and more than STALE_MS old (a lock whose writing failed, on a full disk).
 * Temporary files that ended processes left beside the outputs are swept once it is held.
 *
 * @returns a function that releases the lock
 */
export async function lockOutputDir(root: string, timeoutMs = 10_000): Promise<() => Promise<void>> {
  await mkdir(root, { recursive: true });
  const lock = join(root, '.policygen.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    refuseWhenStopping();
    try {
      const handle = await track(open(lock, 'wx'), () => pending.add(lock));
      await handle.writeFile(JSON.stringify(lockOwner(process.pid)));
      await handle.close();
      await sweepTemporary(root);
      return async () => {
        await rm(lock, { force: true });
        pending.delete(lock);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(lock, 'utf8').catch(() => '');
      const holder = parseOwner(text);
      if (await stale(lock, holder)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(
          `another policygen build (process ${holder?.pid ?? 'unknown'}) is writing to this directory; remove ${lock} if it is not`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** How old an empty or unreadable lock must be to be taken over: its writer had time to finish. */
const STALE_MS = 2_000;

interface Owner {
  pid: number;
  host?: string;
  /** The process's start time as /proc says it (clock ticks since boot), where there is one. */
  started?: string;
}

function lockOwner(pid: number): Owner {
  const started = startTime(pid);
  return { pid, host: hostname(), ...(started ? { started } : {}) };
}

/** A lock's owner: JSON, or a bare process id (what earlier versions wrote). */
function parseOwner(text: string): Owner | undefined {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()) };
  try {
    const owner = JSON.parse(text) as Owner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

async function stale(lock: string, owner: Owner | undefined): Promise<boolean> {
  if (!owner) {
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => Infinity,
    );
    return age > STALE_MS;
  }
  // Another machine's process (a shared folder): only its own build can release it.
  if (owner.host && owner.host !== hostname()) return false;
  if (!isRunning(owner.pid)) return true;
  // The id was reused: a process that started at another time holds it now.
  const now = owner.started === undefined ? undefined : startTime(owner.pid);
  return now !== undefined && now !== owner.started;
}

/** When a process started (Linux: field 22 of /proc/<pid>/stat), or undefined. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Removes temporary files (.<random>.<pid>.policygen.tmp) left in a folder by processes that ended. */
async function sweepTemporary(root: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^\.[a-z0-9]+\.(\d+)\.policygen\.tmp$/.exec(name);
    if (match && Number(match[1]) !== process.pid && !isRunning(Number(match[1])))
      await rm(join(root, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
