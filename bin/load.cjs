'use strict';
/**
 * Loads policygen's bundled code (dist/bundle/*.cjs) and the files generated at build time
 * (dist/generated/*.cjs) with V8's code cache, so that a process does not parse and compile
 * them again: see docs/benchmarks.md for what that saves.
 *
 * `npm run build` records the caches (scripts/code-cache.mjs) in dist/code-cache/. Each holds
 * the hash of the source it was made from, which every file the build generates carries on
 * its last line; a cache is used only for that source, and V8 itself refuses one made by
 * another Node version. Without a usable cache the code is compiled as usual. Nothing is
 * written at run time, except while the build records (POLICYGEN_RECORD_CODE_CACHE=1).
 */
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const cacheDir = join(dist, 'code-cache');
const recording = process.env.POLICYGEN_RECORD_CODE_CACHE === '1';
const modules = new Map();
const scripts = [];
const SOURCE_HASH = /\n\/\/# policygen-source ([0-9a-f]{16})\n?$/;

/**
 * A module from dist/: `bundle/pipeline.cjs`, `generated/templates/en.cjs`. Modules load each
 * other through the `require` given here: `policygen:<path>` names another one.
 */
function load(path) {
  const known = modules.get(path);
  if (known) return known.exports;
  const filename = join(dist, path);
  const source = readFileSync(filename, 'utf8');
  const hash = SOURCE_HASH.exec(source.slice(-64))?.[1];
  const cacheFile = join(cacheDir, path.replace(/[\\/]/g, '__') + '.bin');
  let cachedData;
  if (hash) {
    try {
      const data = readFileSync(cacheFile);
      if (data.toString('latin1', 0, 16) === hash) cachedData = data.subarray(16);
    } catch {
      // No cache: compile as usual.
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename, cachedData });
  if (process.env.POLICYGEN_DEBUG_CODE_CACHE === '1') {
    process.stderr.write(`code cache ${path}: ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none'}\n`);
  }
  if (recording && hash) scripts.push({ script, cacheFile, hash });
  const module = { exports: {} };
  modules.set(path, module);
  script.runInThisContext()(module.exports, requireFor, module, filename, join(filename, '..'));
  return module.exports;
}

function requireFor(id) {
  return id.startsWith('policygen:') ? load(id.slice('policygen:'.length)) : require(id);
}

if (recording) {
  // The caches are taken at exit, so that they hold every function the run compiled.
  process.on('exit', () => {
    mkdirSync(cacheDir, { recursive: true });
    for (const { script, cacheFile, hash } of scripts) {
      // Worker threads record too: each file appears whole.
      const temporary = `${cacheFile}.${process.pid}-${require('node:worker_threads').threadId}.tmp`;
      writeFileSync(temporary, Buffer.concat([Buffer.from(hash, 'latin1'), script.createCachedData()]));
      renameSync(temporary, cacheFile);
    }
  });
}

module.exports = { load };
