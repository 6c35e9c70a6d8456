import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  rmSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confinedPath, lockOutputDir } from '../src/build/write.js';
import { bin, minimal, root, run } from './helpers.js';

/** Files in a folder that a finished or interrupted build must never leave behind. */
const leftovers = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp') || f === '.policygen.lock') : [];

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-write-'));
  writeFileSync(join(dir, 'policy.yaml'), minimal);
  return dir;
}

describe('writing outputs', () => {
  it('replaces earlier outputs atomically and leaves no temporary file or lock', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'policy.md'), 'old');
    expect((await run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'policy.md'), 'utf8')).toMatch(/^# Privacy Policy/);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
  });

  it('refuses to write through a symbolic link, leaving its target alone', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'outside.txt'), 'precious');
    symlinkSync(join(dir, 'outside.txt'), join(dir, 'out', 'policy.md'));
    const result = await run(['build', 'policy.yaml', '-o', 'out', '-f', 'md'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/symbolic link/);
    expect(readFileSync(join(dir, 'outside.txt'), 'utf8')).toBe('precious');
  });

  it('keeps output names inside the output directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-write-'));
    await expect(confinedPath(dir, '../escape.md')).rejects.toThrow(/inside the output directory/);
    await expect(confinedPath(dir, '/etc/passwd')).rejects.toThrow(/inside the output directory/);
    await expect(confinedPath(dir, 'policy.md')).resolves.toBe(join(dir, 'policy.md'));
  });

  it('serialises builds into the same directory with a lock, and takes over a stale one', async () => {
    const dir = workspace();
    const [a, b] = await Promise.all([
      run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir }),
      run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['policy.html', 'policy.json', 'policy.md']);
    // A lock left by a process that no longer exists does not block the next build.
    writeFileSync(join(dir, 'out', '.policygen.lock'), '999999');
    expect((await run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir })).code).toBe(0);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
    // A lock held by a live process makes a build wait, then give up with a clear message.
    writeFileSync(join(dir, 'out', '.policygen.lock'), String(process.pid));
    await expect(lockOutputDir(join(dir, 'out'), 200)).rejects.toThrow(/another policygen build/);
    const release = await (async () => {
      rmSync(join(dir, 'out', '.policygen.lock'));
      return lockOutputDir(join(dir, 'out'), 200);
    })();
    // The lock says which process on which host holds it, and since when.
    const owner = JSON.parse(readFileSync(join(dir, 'out', '.policygen.lock'), 'utf8')) as {
      pid: number;
      host: string;
      started?: string;
    };
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(lockOutputDir(join(dir, 'out'), 200)).rejects.toThrow(/another policygen build/);
    await release();
  });

  it('takes over a lock whose writing failed (empty) or whose process id now belongs to another process', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out'), { recursive: true });
    const lock = join(dir, 'out', '.policygen.lock');
    // Empty, as a full disk leaves it, and old enough that its writer is done.
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const started = Date.now();
    expect((await run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir })).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
    // A live process (this one) that did not take it: its start time differs.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: 'another start' }));
    if (existsSync(`/proc/${process.pid}/stat`)) {
      const release = await lockOutputDir(join(dir, 'out'), 200);
      await release();
    }
  });

  it('sweeps the temporary files a killed build left beside its outputs', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out'), { recursive: true });
    writeFileSync(join(dir, 'out', '.abc123.999999.policygen.tmp'), 'half a policy');
    expect((await run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir })).code).toBe(0);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'reports permission denied with exit 2 and leaves earlier outputs intact (run as an unprivileged user)',
    async () => {
      const dir = workspace();
      chmodSync(dir, 0o755);
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', 'policy.md'), 'previous');
      chmodSync(join(dir, 'out'), 0o555);
      // Root ignores file permissions, so the build runs as "nobody".
      const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [bin, 'build', 'policy.yaml', '-o', 'out'],
          { cwd: dir, uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } },
          (error, _stdout, stderr) => {
            resolve({ code: error ? Number((error as { code?: number }).code) : 0, stderr });
          },
        );
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot write to out: permission denied/);
      expect(readFileSync(join(dir, 'out', 'policy.md'), 'utf8')).toBe('previous');
      expect(leftovers(join(dir, 'out'))).toEqual([]);
    },
  );

  it('leaves no temporary file or lock when interrupted, and every output whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-write-'));
    const example = readFileSync(join(root, 'examples/multinational.yaml'), 'utf8');
    const files = Array.from({ length: 60 }, (_, i) => `p${i}.yaml`);
    for (const file of files) writeFileSync(join(dir, file), example);
    const golden = readFileSync(join(root, 'test/golden/multinational.md'), 'utf8');
    for (const delay of [100, 200, 350, 600]) {
      const child = spawn(process.execPath, [bin, 'build', ...files, '-o', 'out'], { cwd: dir, stdio: 'ignore' });
      // Listen first: a fast build may be over before the signal is sent.
      const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
        child.on('exit', (c, s) => r({ code: c, signal: s })),
      );
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGINT');
      const { code, signal } = await exited;
      // Finished, cleaned up and exited 130, or killed before policygen had started at all.
      expect(code === 0 || code === 130 || signal === 'SIGINT').toBe(true);
      expect(leftovers(join(dir, 'out'))).toEqual([]);
      for (const name of existsSync(join(dir, 'out'))
        ? readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.md'))
        : []) {
        expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(golden);
      }
    }
  }, 30_000);

  it('on worker threads too: stops them, removes their files, and the folders the build made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-write-'));
    const example = readFileSync(join(root, 'examples/multinational.yaml'), 'utf8');
    const files = Array.from({ length: 60 }, (_, i) => `p${i}.yaml`);
    for (const file of files) writeFileSync(join(dir, file), example);
    for (const delay of [300, 600, 900, 1300]) {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const child = spawn(process.execPath, [bin, 'build', ...files, '-o', 'out/sub', '-w', '2'], {
        cwd: dir,
        stdio: 'ignore',
      });
      const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
        child.on('exit', (c, s) => r({ code: c, signal: s })),
      );
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGINT');
      const { code, signal } = await exited;
      expect(code === 0 || code === 130 || signal === 'SIGINT').toBe(true);
      if (code === 0) expect(readdirSync(join(dir, 'out/sub'))).toHaveLength(180);
      else if (existsSync(join(dir, 'out'))) {
        // Interrupted while renaming into place: whole outputs only, no temporary file or lock.
        expect(leftovers(join(dir, 'out/sub'))).toEqual([]);
        expect(readdirSync(join(dir, 'out')).filter((f) => f !== 'sub')).toEqual([]);
        const golden = readFileSync(join(root, 'test/golden/multinational.md'), 'utf8');
        const written = readdirSync(join(dir, 'out/sub'));
        expect(written.length).toBeGreaterThan(0);
        for (const name of written.filter((f) => f.endsWith('.md')))
          expect(readFileSync(join(dir, 'out/sub', name), 'utf8')).toBe(golden);
      }
      // Otherwise nothing at all: not even the folders it had made for the outputs.
    }
  }, 40_000);
});
