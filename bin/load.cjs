'use strict';
/**
 * Loads policygen's bundled code (dist/bundle/*.cjs) and the files generated at build time
 * (dist/generated/*.cjs) with V8's code cache, so that a process does not parse and compile
 * them again: see docs/benchmarks.md for what that saves.
 *
 * `npm run build` records the caches (scripts/code-cache.mjs) in dist/code-cache/. Each starts
 * with the length and CRC-32 of the source it was recorded from, and is used only for a file
 * with that content: V8 itself checks no more than the source's length, and would run the
 * old code of an edit that kept it, whatever the file's size or modification time say (a
 * restored or copied file keeps both). The check costs about 0.2 ms per megabyte of source
 * (zlib.crc32, native). V8 does not check its own data either (a truncated or bit-flipped cache
 * can abort the process inside its deserializer), so the header also holds the data's length
 * and CRC-32, and a cache whose data does not match them is not given to V8. V8 refuses a
 * cache made by another Node version or under other V8 flags; the code then compiles as usual.
 * Nothing is written at run time, except while the build records
 * (POLICYGEN_RECORD_CODE_CACHE=1).
 */
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const cacheDir = join(dist, 'code-cache');
const recording = process.env.POLICYGEN_RECORD_CODE_CACHE === '1';
const debug = process.env.POLICYGEN_DEBUG_CODE_CACHE === '1';
const modules = new Map();
const scripts = [];
/**
 * A cache file: the byte length and CRC-32 of the source, the length and CRC-32 of V8's data
 * (uint32 each, little-endian), then V8's data.
 */
const HEADER = 16;
const { crc32 } = require('node:zlib');

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
  const cacheFile = join(cacheDir, path.replace(/[\\/]/g, '__') + '.bin');
  let cachedData;
  let data;
  try {
    data = readFileSync(cacheFile);
  } catch {
    // No cache: compile as usual.
  }
  // Without zlib.crc32 (Node before 20.15) the data cannot be checked, so it is not used.
  if (
    data &&
    data.length > HEADER &&
    crc32 &&
    data.readUInt32LE(0) === raw.length &&
    data.readUInt32LE(4) === crc32(raw) &&
    data.readUInt32LE(8) === data.length - HEADER &&
    data.readUInt32LE(12) === crc32(data.subarray(HEADER))
  ) {
    cachedData = data.subarray(HEADER);
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename, cachedData });
  if (debug)
    process.stderr.write(
      `code cache ${path}: ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none'}\n`,
    );
  if (recording) scripts.push({ script, raw, cacheFile });
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

if (recording) {
  // The caches are taken at exit, so that they hold every function the run compiled.
  process.on('exit', () => {
    mkdirSync(cacheDir, { recursive: true });
    for (const { script, raw, cacheFile } of scripts) {
      const header = Buffer.alloc(HEADER);
      header.writeUInt32LE(raw.length, 0);
      header.writeUInt32LE(crc32(raw), 4);
      const cached = script.createCachedData();
      header.writeUInt32LE(cached.length, 8);
      header.writeUInt32LE(crc32(cached), 12);
      // Worker threads record too: each file appears whole.
      const temporary = `${cacheFile}.${process.pid}-${require('node:worker_threads').threadId}.tmp`;
      writeFileSync(temporary, Buffer.concat([header, cached]));
      renameSync(temporary, cacheFile);
    }
  });
}

module.exports = { load };
