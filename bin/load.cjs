'use strict';
/**
 * Loads policygen's bundled code (dist/bundle/*.cjs) and the files generated at build time
 * (dist/generated/*.cjs) with V8's code cache, so that a process does not parse and compile
 * them again: see docs/benchmarks.md for what that saves.
 *
 * The caches are recorded on first use, not shipped: V8 accepts a cache only from the Node
 * build and V8 flags that made it, so a cache recorded when the package was built helped
 * only that Node. A run that found no cache (or one V8 refused) for a module writes one at
 * exit, in the user's cache folder, in a subfolder named after the Node version, the
 * architecture and the V8 flags (`codeCacheDir`); later runs use it. Nothing is written when
 * the folder cannot be made, is not the user's own, or is writable by others: a cache is code.
 *
 * Each cache starts with the length and CRC-32 of the source it was recorded from, and is
 * used only for a file with that content: V8 itself checks no more than the source's length,
 * and would run the old code of an edit that kept it. The check costs about 0.2 ms per
 * megabyte of source (zlib.crc32, native). V8 does not check its own data either (a truncated
 * or bit-flipped cache can abort the process inside its deserializer), so the header also
 * holds the data's length and CRC-32, and a cache whose data does not match them is not given
 * to V8. Environment: POLICYGEN_CODE_CACHE_DIR sets the folder, POLICYGEN_NO_CODE_CACHE=1
 * turns the cache off, POLICYGEN_DEBUG_CODE_CACHE=1 reports each module's cache on stderr.
 */
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { crc32 } = require('node:zlib');

const dist = join(__dirname, '..', 'dist');
const debug = process.env.POLICYGEN_DEBUG_CODE_CACHE === '1';
// Without zlib.crc32 (Node before 20.15) a cache cannot be checked, so none is used.
const enabled = process.env.POLICYGEN_NO_CODE_CACHE !== '1' && typeof crc32 === 'function';
const modules = new Map();
/** Modules that ran without a cache V8 accepted: their caches are written at exit. */
const missing = [];
/**
 * A cache file: the byte length and CRC-32 of the source, the length and CRC-32 of V8's data
 * (uint32 each, little-endian), then V8's data.
 */
const HEADER = 16;
/**
 * V8 flags the code sets while it runs (a batch build's `--heap-growing-percent`, see
 * src/build/build.ts, which names them in this variable; worker threads inherit it): V8
 * refuses caches made under other flags, so modules loaded after such a change keep theirs apart.
 */
const RUNTIME_FLAGS = 'POLICYGEN_V8_RUNTIME_FLAGS';

/** The user's cache folder: XDG_CACHE_HOME, then the platform's usual place. */
function userCacheDir() {
  if (process.env.XDG_CACHE_HOME) return process.env.XDG_CACHE_HOME;
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return process.env.LOCALAPPDATA;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return join(homedir(), '.cache');
}

/** The folder of the caches for this Node build, architecture and set of V8 flags. */
function codeCacheDir() {
  const base = process.env.POLICYGEN_CODE_CACHE_DIR || join(userCacheDir(), 'policygen', 'code-cache');
  const flags = JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? '', process.env[RUNTIME_FLAGS] ?? '']);
  return join(base, `${process.version}-${process.arch}-${crc32(flags).toString(16).padStart(8, '0')}`);
}

/** Whether a folder holds caches this user may trust: their own, writable by no one else. */
function trusted(dir) {
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * A module from dist/: `bundle/pipeline.cjs`, `generated/templates/en.cjs`. Modules load each
 * other through the `require` given here: `policygen:<path>` names another one.
 */
function load(path) {
  const known = modules.get(path);
  if (known) return known.exports;
  const filename = join(dist, path);
  const raw = readFileSync(filename);
  const source = raw.toString('utf8');
  const dir = enabled ? codeCacheDir() : undefined;
  const cacheFile = dir && join(dir, path.replace(/[\\/]/g, '__') + '.bin');
  let cachedData;
  let data;
  try {
    if (cacheFile && trusted(dir)) data = readFileSync(cacheFile);
  } catch {
    // No cache: compile as usual.
  }
  if (
    data &&
    data.length > HEADER &&
    data.readUInt32LE(0) === raw.length &&
    data.readUInt32LE(4) === crc32(raw) &&
    data.readUInt32LE(8) === data.length - HEADER &&
    data.readUInt32LE(12) === crc32(data.subarray(HEADER))
  ) {
    cachedData = data.subarray(HEADER);
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename, cachedData });
  if (debug) {
    const state = cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none';
    process.stderr.write(`code cache ${path}: ${state}\n`);
  }
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    if (missing.length === 0) process.on('exit', record);
    missing.push({ script, raw, dir, cacheFile });
  }
  const module = { exports: {} };
  modules.set(path, module);
  try {
    script.runInThisContext()(module.exports, requireFor, module, filename, join(filename, '..'));
  } catch (error) {
    // As require() does: a module that failed to load is not kept half-loaded.
    modules.delete(path);
    throw error;
  }
  return module.exports;
}

function requireFor(id) {
  return id.startsWith('policygen:') ? load(id.slice('policygen:'.length)) : require(id);
}

/**
 * Writes the caches of the modules that had none, at exit, so that each holds every function
 * the run compiled. Each file appears whole (written aside, then renamed), also when worker
 * threads write the same one. A cache that cannot be written is simply not there next time.
 */
function record() {
  const { threadId } = require('node:worker_threads');
  for (const { script, raw, dir, cacheFile } of missing) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!trusted(dir)) return;
      const cached = script.createCachedData();
      const header = Buffer.alloc(HEADER);
      header.writeUInt32LE(raw.length, 0);
      header.writeUInt32LE(crc32(raw), 4);
      header.writeUInt32LE(cached.length, 8);
      header.writeUInt32LE(crc32(cached), 12);
      const temporary = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      writeFileSync(temporary, Buffer.concat([header, cached]), { mode: 0o600 });
      renameSync(temporary, cacheFile);
    } catch {
      return;
    }
  }
}

module.exports = { load };
