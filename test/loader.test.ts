// bin/load.cjs: the bundled CLI runs with V8 code caches recorded on first use, one folder per
// Node build and V8 flags, and a cache is used only for the source it was recorded from (its
// content, not its size or time).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { root, run } from './helpers.js';

describe('the code cache', () => {
  /** Runs the CLI twice with a fresh cache folder: what the loader did with each module, each time. */
  const twice = async (args: string[], cwd = root) => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-code-cache-'));
    try {
      const env = { POLICYGEN_DEBUG_CODE_CACHE: '1', POLICYGEN_CODE_CACHE_DIR: dir };
      const runs = [await run(args, { cwd, env }), await run(args, { cwd, env })];
      for (const result of runs) expect(result.code, result.stderr).toBe(0);
      return runs.map((result) => result.stderr.split('\n').filter((line) => line.startsWith('code cache')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('is recorded on first use and used by the next run, for the CLI, the pipeline and the generated files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-loader-'));
    try {
      const modules = [
        'bundle/entry.cjs',
        'bundle/pipeline.cjs',
        'generated/validate-policy.cjs',
        'generated/templates/de.cjs',
      ];
      const [first, second] = await twice([
        'build',
        'examples/multinational.yaml',
        '-o',
        out,
        '-f',
        'md,html',
        '--locale',
        'de',
      ]);
      expect(first).toEqual(modules.map((m) => `code cache ${m}: none`));
      expect(second).toEqual(modules.map((m) => `code cache ${m}: used`));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('is used for a build from a project config, and for the generated validator of the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-loader-config-'));
    try {
      expect((await run(['init', dir, '--yes'])).code).toBe(0);
      const [, second] = await twice(['build'], dir);
      expect(second).toEqual(
        expect.arrayContaining([
          'code cache bundle/config.cjs: used',
          'code cache generated/validate-config.cjs: used',
          'code cache bundle/pipeline.cjs: used',
        ]),
      );
      expect(second!.every((line) => line.endsWith(': used'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('for one module', () => {
    // A package of one module beside a copy of the loader, and a cache folder of its own.
    const pkg = mkdtempSync(join(tmpdir(), 'policygen-loader-pkg-'));
    const caches = join(pkg, 'caches');
    mkdirSync(join(pkg, 'bin'));
    mkdirSync(join(pkg, 'dist/bundle'), { recursive: true });
    copyFileSync(join(root, 'bin/load.cjs'), join(pkg, 'bin/load.cjs'));
    const file = join(pkg, 'dist/bundle/m.cjs');
    /** The cache files there are, by folder (one per Node version, architecture and V8 flags). */
    const cacheFiles = () =>
      existsSync(caches)
        ? readdirSync(caches).flatMap((d) => readdirSync(join(caches, d)).map((f) => join(caches, d, f)))
        : [];
    const cacheFile = () => {
      const files = cacheFiles();
      expect(files).toHaveLength(1);
      return files[0]!;
    };
    /** Writes the module with a modification time of its own (as an edit or an install gives it). */
    const write = (body: string, time: number) => {
      writeFileSync(file, body);
      utimesSync(file, time, time);
    };
    /** Loads the module in a new process: its value, and what the loader did with the cache. */
    const load = (env: Record<string, string> = {}, execArgv: string[] = []) => {
      const result = spawnSync(
        process.execPath,
        [...execArgv, '-e', "process.stdout.write(String(require('./bin/load.cjs').load('bundle/m.cjs').value))"],
        {
          cwd: pkg,
          env: { ...process.env, POLICYGEN_DEBUG_CODE_CACHE: '1', POLICYGEN_CODE_CACHE_DIR: caches, ...env },
          encoding: 'utf8',
        },
      );
      return { value: result.stdout, cache: result.stderr.trim().replace('code cache bundle/m.cjs: ', '') };
    };
    beforeEach(() => rmSync(caches, { recursive: true, force: true }));
    afterAll(() => rmSync(pkg, { recursive: true, force: true }));

    it('records on first use, in a folder only its user can open, and uses what it recorded', () => {
      write('exports.value = 1;', 1_700_000_000);
      expect(load()).toEqual({ value: '1', cache: 'none' });
      const header = readFileSync(cacheFile());
      expect([header.readUInt32LE(0), header.readUInt32LE(4)]).toEqual([18, crc32('exports.value = 1;')]);
      expect(statSync(join(cacheFile(), '..')).mode & 0o777).toBe(0o700);
      expect(load()).toEqual({ value: '1', cache: 'used' });
    });

    it('ignores a cache recorded from other source, even of the same length and modification time', () => {
      write('exports.value = 1;', 1_700_000_000);
      load();
      write('exports.value = 2;', 1_700_000_001);
      expect(load()).toEqual({ value: '2', cache: 'none' });
      // A restored or copied file keeps its size and time: the content decides.
      write('exports.value = 7;', 1_700_000_000);
      load();
      write('exports.value = 8;', 1_700_000_000);
      expect(load()).toEqual({ value: '8', cache: 'none' });
      // ... and the run that found the cache wrong recorded the right one.
      expect(load()).toEqual({ value: '8', cache: 'used' });
    });

    it('uses a cache for the same source at another time, as after npm install', () => {
      write('exports.value = 3;', 1_700_000_010);
      load();
      write('exports.value = 3;', 499_162_500);
      expect(load()).toEqual({ value: '3', cache: 'used' });
    });

    it('keeps caches apart by V8 flags, from the command line, NODE_OPTIONS or set at run time', () => {
      write('exports.value = 9;', 1_700_000_040);
      load();
      // V8 would refuse the first cache under other flags; each set of flags gets its own.
      expect(load({}, ['--max-old-space-size=4096'])).toEqual({ value: '9', cache: 'none' });
      expect(load({ NODE_OPTIONS: '--max-semi-space-size=8' })).toEqual({ value: '9', cache: 'none' });
      expect(load({ POLICYGEN_V8_RUNTIME_FLAGS: '--heap-growing-percent=50' })).toEqual({ value: '9', cache: 'none' });
      expect(cacheFiles()).toHaveLength(4);
      expect(load()).toEqual({ value: '9', cache: 'used' });
      expect(load({}, ['--max-old-space-size=4096'])).toEqual({ value: '9', cache: 'used' });
      expect(load({ NODE_OPTIONS: '--max-semi-space-size=8' })).toEqual({ value: '9', cache: 'used' });
    });

    it('runs without a cache, with a truncated one, and with a damaged one, and then records a good one', () => {
      write('exports.value = 4;', 1_700_000_020);
      load();
      const path = cacheFile();
      const recorded = readFileSync(path);
      // Data V8 would take (its own check is only the source's length) is not given to it unless
      // its length and CRC-32 match the header: a flipped bit, a cut, or other data.
      const flipped = Buffer.from(recorded);
      flipped.writeUInt8(flipped.readUInt8(recorded.length - 100) ^ 0x10, recorded.length - 100);
      const damaged = [
        recorded.subarray(0, 12),
        flipped,
        recorded.subarray(0, recorded.length - 1),
        Buffer.concat([recorded.subarray(0, 16), Buffer.from('not a cache')]),
      ];
      for (const data of damaged) {
        writeFileSync(path, data);
        expect(load()).toEqual({ value: '4', cache: 'none' });
        expect(load()).toEqual({ value: '4', cache: 'used' });
      }
      rmSync(path);
      expect(load()).toEqual({ value: '4', cache: 'none' });
    });

    it('neither reads nor writes a cache in a folder others can write, nor when turned off', () => {
      write('exports.value = 6;', 1_700_000_050);
      load();
      const dir = join(cacheFile(), '..');
      chmodSync(dir, 0o777);
      expect(load()).toEqual({ value: '6', cache: 'none' });
      expect(statSync(dir).mode & 0o777).toBe(0o777);
      chmodSync(dir, 0o700);
      expect(load()).toEqual({ value: '6', cache: 'used' });
      rmSync(caches, { recursive: true, force: true });
      expect(load({ POLICYGEN_NO_CODE_CACHE: '1' })).toEqual({ value: '6', cache: 'none' });
      expect(existsSync(caches)).toBe(false);
    });

    it('does not keep a module that threw while loading', () => {
      write(
        "if (!globalThis.again) { globalThis.again = true; throw new Error('first'); }\nexports.value = 5;",
        1_700_000_030,
      );
      const result = spawnSync(
        process.execPath,
        [
          '-e',
          "const { load } = require('./bin/load.cjs'); try { load('bundle/m.cjs'); } catch {} process.stdout.write(String(load('bundle/m.cjs').value));",
        ],
        { cwd: pkg, encoding: 'utf8', env: { ...process.env, POLICYGEN_CODE_CACHE_DIR: caches } },
      );
      expect(result.stdout).toBe('5');
    });
  });
});

describe('the bin without its bundle', () => {
  it('runs the compiled modules instead, with the same outputs', () => {
    // A package whose dist/ lacks bundle/: links to everything else.
    const pkg = mkdtempSync(join(tmpdir(), 'policygen-no-bundle-'));
    const out = mkdtempSync(join(tmpdir(), 'policygen-no-bundle-out-'));
    try {
      mkdirSync(join(pkg, 'bin'));
      mkdirSync(join(pkg, 'dist'));
      for (const file of ['policygen.cjs', 'load.cjs']) copyFileSync(join(root, 'bin', file), join(pkg, 'bin', file));
      for (const name of ['package.json', 'node_modules', 'templates', 'jurisdictions', 'schemas', 'examples'])
        symlinkSync(join(root, name), join(pkg, name));
      for (const name of readdirSync(join(root, 'dist')))
        if (name !== 'bundle') symlinkSync(join(root, 'dist', name), join(pkg, 'dist', name));
      const build = (bin: string, dir: string) =>
        spawnSync(process.execPath, [bin, 'build', 'examples/minimal.yaml', '-o', dir, '-f', 'md,html,json'], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        });
      const fallback = build(join(pkg, 'bin/policygen.cjs'), join(out, 'plain'));
      expect(fallback.stderr).toContain('0 errors, 0 warnings, 3 files written');
      expect(fallback.status).toBe(0);
      expect(build(join(root, 'bin/policygen.cjs'), join(out, 'bundled')).status).toBe(0);
      for (const file of ['minimal.md', 'minimal.html', 'minimal.json']) {
        expect(readFileSync(join(out, 'plain', file), 'utf8'), file).toBe(
          readFileSync(join(out, 'bundled', file), 'utf8'),
        );
      }
    } finally {
      rmSync(pkg, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});
