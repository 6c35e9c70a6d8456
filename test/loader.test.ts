// bin/load.cjs: the bundled CLI runs with the code cache recorded at build time, and a cache is
// used only for the source it was recorded from (its content, not its size or time).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { root, run } from './helpers.js';

describe('the code cache', () => {
  it('is recorded by the build and used by a real build, for the CLI, the pipeline and the generated files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-loader-'));
    try {
      const result = await run(['build', 'examples/multinational.yaml', '-o', out, '-f', 'md,html', '--locale', 'de'], {
        env: { POLICYGEN_DEBUG_CODE_CACHE: '1' },
      });
      expect(result.code).toBe(0);
      const used = result.stderr.split('\n').filter((line) => line.startsWith('code cache'));
      expect(used).toEqual([
        'code cache bundle/entry.cjs: used',
        'code cache bundle/pipeline.cjs: used',
        'code cache generated/validate-policy.cjs: used',
        'code cache generated/templates/de.cjs: used',
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('is used for a build from a project config, and for the generated validator of the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-loader-config-'));
    try {
      expect((await run(['init', dir, '--yes'])).code).toBe(0);
      const result = await run(['build'], { cwd: dir, env: { POLICYGEN_DEBUG_CODE_CACHE: '1' } });
      expect(result.code).toBe(0);
      const lines = result.stderr.split('\n').filter((line) => line.startsWith('code cache'));
      expect(lines).toEqual(
        expect.arrayContaining([
          'code cache bundle/config.cjs: used',
          'code cache generated/validate-config.cjs: used',
          'code cache bundle/pipeline.cjs: used',
        ]),
      );
      expect(lines.every((line) => line.endsWith(': used'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('for one module', () => {
    // A package of one module beside a copy of the loader.
    const pkg = mkdtempSync(join(tmpdir(), 'policygen-loader-pkg-'));
    mkdirSync(join(pkg, 'bin'));
    mkdirSync(join(pkg, 'dist/bundle'), { recursive: true });
    copyFileSync(join(root, 'bin/load.cjs'), join(pkg, 'bin/load.cjs'));
    const file = join(pkg, 'dist/bundle/m.cjs');
    const cacheFile = join(pkg, 'dist/code-cache/bundle__m.cjs.bin');
    /** Writes the module with a modification time of its own (as an edit or an install gives it). */
    const write = (body: string, time: number) => {
      writeFileSync(file, body);
      utimesSync(file, time, time);
    };
    /** Loads the module in a new process: its value, and what the loader did with the cache. */
    const load = (env: Record<string, string> = {}) => {
      const result = spawnSync(
        process.execPath,
        ['-e', "process.stdout.write(String(require('./bin/load.cjs').load('bundle/m.cjs').value))"],
        {
          cwd: pkg,
          env: { ...process.env, POLICYGEN_DEBUG_CODE_CACHE: '1', ...env },
          encoding: 'utf8',
        },
      );
      return { value: result.stdout, cache: result.stderr.trim().replace('code cache bundle/m.cjs: ', '') };
    };
    const record = () => load({ POLICYGEN_RECORD_CODE_CACHE: '1' });
    afterAll(() => rmSync(pkg, { recursive: true, force: true }));

    it('records at exit when asked, and uses what it recorded', () => {
      write('exports.value = 1;', 1_700_000_000);
      expect(load()).toEqual({ value: '1', cache: 'none' });
      expect(record()).toEqual({ value: '1', cache: 'none' });
      const header = readFileSync(cacheFile);
      expect([header.readUInt32LE(0), header.readUInt32LE(4)]).toEqual([18, crc32('exports.value = 1;')]);
      expect(load()).toEqual({ value: '1', cache: 'used' });
    });

    it('ignores a cache recorded from other source, even of the same length and modification time', () => {
      write('exports.value = 1;', 1_700_000_000);
      record();
      write('exports.value = 2;', 1_700_000_001);
      expect(load()).toEqual({ value: '2', cache: 'none' });
      // A restored or copied file keeps its size and time: the content decides.
      write('exports.value = 7;', 1_700_000_000);
      record();
      write('exports.value = 8;', 1_700_000_000);
      expect(load()).toEqual({ value: '8', cache: 'none' });
    });

    it('uses a cache for the same source at another time, as after npm install', () => {
      write('exports.value = 3;', 1_700_000_010);
      record();
      write('exports.value = 3;', 499_162_500);
      expect(load()).toEqual({ value: '3', cache: 'used' });
    });

    it('runs without a cache, with a truncated one, and with a damaged one', () => {
      write('exports.value = 4;', 1_700_000_020);
      record();
      const recorded = readFileSync(cacheFile);
      writeFileSync(cacheFile, recorded.subarray(0, 12));
      expect(load()).toEqual({ value: '4', cache: 'none' });
      // Data V8 would take (its own check is only the source's length) is not given to it unless
      // its length and CRC-32 match the header: a flipped bit, a cut, or other data.
      const flipped = Buffer.from(recorded);
      flipped.writeUInt8(flipped.readUInt8(recorded.length - 100) ^ 0x10, recorded.length - 100);
      writeFileSync(cacheFile, flipped);
      expect(load()).toEqual({ value: '4', cache: 'none' });
      writeFileSync(cacheFile, recorded.subarray(0, recorded.length - 1));
      expect(load()).toEqual({ value: '4', cache: 'none' });
      writeFileSync(cacheFile, Buffer.concat([recorded.subarray(0, 16), Buffer.from('not a cache')]));
      expect(load()).toEqual({ value: '4', cache: 'none' });
      writeFileSync(cacheFile, recorded);
      expect(load()).toEqual({ value: '4', cache: 'used' });
      rmSync(cacheFile);
      expect(load()).toEqual({ value: '4', cache: 'none' });
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
        { cwd: pkg, encoding: 'utf8' },
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
