// bin/load.cjs: the bundled CLI runs with the code cache recorded at build time, and a cache is
// used only for the source it was recorded from.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, run } from './helpers.js';

describe('the code cache', () => {
  it('is recorded by the build and used by a real build, for the CLI, the pipeline and the generated files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-loader-'));
    try {
      const result = await run(['build', 'examples/multinational.yaml', '-o', out, '-f', 'md,html', '--locale', 'de'], { env: { POLICYGEN_DEBUG_CODE_CACHE: '1' } });
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

  describe('for one module', () => {
    // A package of one module beside a copy of the loader.
    const pkg = mkdtempSync(join(tmpdir(), 'policygen-loader-pkg-'));
    mkdirSync(join(pkg, 'bin'));
    mkdirSync(join(pkg, 'dist/bundle'), { recursive: true });
    copyFileSync(join(root, 'bin/load.cjs'), join(pkg, 'bin/load.cjs'));
    const write = (body: string, hash: string) => writeFileSync(join(pkg, 'dist/bundle/m.cjs'), `${body}\n//# policygen-source ${hash}\n`);
    /** Loads the module in a new process: its value, and what the loader did with the cache. */
    const load = (env: Record<string, string> = {}) => {
      const result = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('./bin/load.cjs').load('bundle/m.cjs').value))"], {
        cwd: pkg,
        env: { ...process.env, POLICYGEN_DEBUG_CODE_CACHE: '1', ...env },
        encoding: 'utf8',
      });
      return { value: result.stdout, cache: result.stderr.trim().replace('code cache bundle/m.cjs: ', '') };
    };
    afterAll(() => rmSync(pkg, { recursive: true, force: true }));

    it('records at exit when asked, and uses what it recorded', () => {
      write('exports.value = 1;', 'aaaaaaaaaaaaaaaa');
      expect(load()).toEqual({ value: '1', cache: 'none' });
      expect(load({ POLICYGEN_RECORD_CODE_CACHE: '1' })).toEqual({ value: '1', cache: 'none' });
      expect(readFileSync(join(pkg, 'dist/code-cache/bundle__m.cjs.bin')).toString('latin1', 0, 16)).toBe('aaaaaaaaaaaaaaaa');
      expect(load()).toEqual({ value: '1', cache: 'used' });
    });

    it('ignores a cache recorded from other source, even of the same length', () => {
      write('exports.value = 1;', 'aaaaaaaaaaaaaaaa');
      load({ POLICYGEN_RECORD_CODE_CACHE: '1' });
      write('exports.value = 2;', 'bbbbbbbbbbbbbbbb');
      expect(load()).toEqual({ value: '2', cache: 'none' });
    });

    it('runs a file without a hash line, and with a damaged cache', () => {
      writeFileSync(join(pkg, 'dist/bundle/m.cjs'), 'exports.value = 3;\n');
      expect(load()).toEqual({ value: '3', cache: 'none' });
      write('exports.value = 4;', 'cccccccccccccccc');
      writeFileSync(join(pkg, 'dist/code-cache/bundle__m.cjs.bin'), 'cccccccccccccccc not a cache');
      expect(load()).toEqual({ value: '4', cache: 'rejected' });
    });
  });
});
