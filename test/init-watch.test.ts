import { existsSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { root } from './helpers.js';

function io(cwd: string, extra: Partial<CliIo> = {}) {
  const out = { stdout: '', stderr: '' };
  const value: CliIo = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    cwd,
    env: {},
    isTTY: false,
    ...extra,
  };
  return { io: value, out };
}

describe('policygen init', () => {
  it('writes a starter declaration and config that build as they are, answering the questions asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-init-'));
    // The starter's $schema modeline points into node_modules/policygen.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const answers = ['Acme "Widgets" Ltd', 'dpo@acme.example', 'us, eea'];
    const { io: cli, out } = io(dir, { ask: async () => answers.shift() ?? '' });
    expect(await main(['init'], cli)).toBe(0);
    expect(out.stderr).toMatch(/Wrote policygen\.config\.yaml and policies\/privacy\.yaml/);
    const declaration = readFileSync(join(dir, 'policies', 'privacy.yaml'), 'utf8');
    expect(declaration).toMatch(/^# yaml-language-server: \$schema=/);
    expect(declaration).toContain('name: "Acme \\"Widgets\\" Ltd"');
    expect(declaration).toContain('jurisdictions: [us, eea]');
    const build = io(dir);
    expect(await main(['build'], build.io)).toBe(0);
    expect(build.out.stderr).toBe('0 errors, 0 warnings, 3 files written\n');
    expect(readFileSync(join(dir, 'site', 'privacy.md'), 'utf8')).toContain('Acme "Widgets" Ltd');
  });

  it('takes the defaults with --yes and never overwrites without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-init-'));
    expect(
      await main(
        ['init', '--yes'],
        io(dir, {
          ask: async () => {
            throw new Error('asked');
          },
        }).io,
      ),
    ).toBe(0);
    writeFileSync(join(dir, 'policies', 'privacy.yaml'), 'mine');
    const again = io(dir);
    expect(await main(['init', '--yes'], again.io)).toBe(2);
    expect(again.out.stderr).toMatch(/already exist.+--force/);
    expect(readFileSync(join(dir, 'policies', 'privacy.yaml'), 'utf8')).toBe('mine');
    expect(await main(['init', '--yes', '--force'], io(dir).io)).toBe(0);
    expect(readFileSync(join(dir, 'policies', 'privacy.yaml'), 'utf8')).not.toBe('mine');
  });

  it('says plainly when the target is a file, and never writes through a symbolic link, even with --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-init-'));
    writeFileSync(join(dir, 'afile'), 'x');
    const file = io(dir);
    expect(await main(['init', 'afile', '--yes'], file.io)).toBe(2);
    expect(file.out.stderr).toBe('policygen: afile is a file, not a folder\n');
    // A starter file that is a link to a file elsewhere: refused, and the target untouched.
    const outside = mkdtempSync(join(tmpdir(), 'policygen-outside-'));
    writeFileSync(join(outside, 'victim.yaml'), 'keep');
    symlinkSync(join(outside, 'victim.yaml'), join(dir, 'policygen.config.yaml'));
    const linked = io(dir);
    expect(await main(['init', '--yes', '--force'], linked.io)).toBe(2);
    expect(linked.out.stderr).toBe(
      'policygen: policygen.config.yaml is a symbolic link; init does not write through one\n',
    );
    expect(readFileSync(join(outside, 'victim.yaml'), 'utf8')).toBe('keep');
    expect(existsSync(join(dir, 'policies'))).toBe(false);
  });
});

describe('policygen build --watch', () => {
  it('rebuilds when a declaration changes, reports a broken one and keeps watching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-watch-'));
    await main(['init', '--yes'], io(dir).io);
    const controller = new AbortController();
    const { io: cli, out } = io(dir, { signal: controller.signal });
    const running = main(['build', '--watch'], cli);
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(check()).toBe(true);
    };
    await until(() => out.stderr.includes('watching for changes'));
    const file = join(dir, 'policies', 'privacy.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('12 months after our last reply', '18 months after our last reply'),
    );
    await until(() => readFileSync(join(dir, 'site', 'privacy.md'), 'utf8').includes('18 months'));
    await until(() => out.stderr.includes('Rebuilt after a change to policies/privacy.yaml'));
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind: contact-details', 'kind: nonsense'));
    await until(() => out.stderr.includes('Build failed after a change'));
    expect(out.stderr).toMatch(/"nonsense" is not an allowed value/);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('kind: nonsense', 'kind: contact-details').replace('18 months', '24 months'),
    );
    await until(() => readFileSync(join(dir, 'site', 'privacy.md'), 'utf8').includes('24 months'));
    // Renamed away, the declaration cannot be read: the build fails and watching goes on;
    // renamed back, it is built again.
    const failures = out.stderr.split('Build failed').length;
    renameSync(file, `${file}.moved`);
    await until(() => out.stderr.split('Build failed').length > failures);
    writeFileSync(`${file}.moved`, readFileSync(`${file}.moved`, 'utf8').replace('24 months', '30 months'));
    renameSync(`${file}.moved`, file);
    await until(
      () =>
        existsSync(join(dir, 'site', 'privacy.md')) &&
        readFileSync(join(dir, 'site', 'privacy.md'), 'utf8').includes('30 months'),
    );
    controller.abort();
    expect(await running).toBe(0);
    expect(existsSync(join(dir, 'site', '.policygen.lock'))).toBe(false);
  }, 45_000);
});
