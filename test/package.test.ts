// The package as users get it: packed by npm (without its scripts: `npm test` has built),
// checked by publint and arethetypeswrong, installed into a new project from the tarball,
// and run there, with V8 code caches recorded on first use and with them refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

describe('the published package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-package-'));
  let packed: Packed;
  let tarball: Buffer;

  beforeAll(() => {
    const json = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    packed = (JSON.parse(json) as Packed[])[0]!;
    tarball = readFileSync(join(dir, packed.filename));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds what users run and read, and nothing of the repository besides', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of [
      'bin/policygen.cjs',
      'bin/load.cjs',
      'bin/worker.cjs',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/entry.js',
      'dist/bundle/entry.cjs',
      'dist/bundle/pipeline.cjs',
      'dist/generated/validate-policy.cjs',
      'dist/generated/templates/en.cjs',
      'dist/generated/jurisdictions/eea.json',
      'schemas/policy.schema.json',
      'templates/en/labels.json',
      'jurisdictions/eea/jurisdiction.yaml',
      'docs/declaration.md',
      'README.md',
      'LICENSE',
    ]) {
      expect(paths, needed).toContain(needed);
    }
    const foreign = paths.filter((p) => /^(src|test|bench|scripts|examples|\.scratch|dist\/code-cache)\//.test(p));
    expect(foreign).toEqual([]);
    // 30 MB before the templates were minified and the code caches were no longer shipped.
    expect(packed.unpackedSize).toBeLessThan(20_000_000);
  });

  it('passes publint (strict) and arethetypeswrong for an ES module package', async () => {
    const buffer = tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer;
    const lint = await publint({ pack: { tarball: buffer }, strict: true });
    expect(lint.messages.map((m) => formatMessage(m, lint.pkg))).toEqual([]);
    const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(tarball)));
    expect(analysis.types).toEqual({ kind: 'included' });
    // policygen is an ES module: `require` (node16-cjs) and node10, which ignores `exports`,
    // are not ways to load it (the "esm-only" profile of arethetypeswrong).
    const problems = 'problems' in analysis ? analysis.problems : [];
    const relevant = problems.filter(
      (p) => !('resolutionKind' in p) || !['node10', 'node16-cjs'].includes(p.resolutionKind as string),
    );
    expect(relevant).toEqual([]);
  }, 60_000);

  it('installs from the tarball into a new project and builds a policy, with code caches and with them refused', () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "site", "private": true, "type": "module" }\n');
    const install = spawnSync(
      npm,
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)],
      { cwd: project, encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/npm warn/i);
    copyFileSync(join(root, 'examples/minimal.yaml'), join(project, 'privacy.yaml'));
    const caches = join(dir, 'caches');
    const build = (out: string, env: Record<string, string> = {}) => {
      const result = spawnSync(
        join(project, 'node_modules/.bin/policygen'),
        ['build', 'privacy.yaml', '-o', out, '-f', 'md,html,json'],
        {
          cwd: project,
          encoding: 'utf8',
          env: {
            ...process.env,
            NO_COLOR: '1',
            POLICYGEN_CODE_CACHE_DIR: caches,
            POLICYGEN_DEBUG_CODE_CACHE: '1',
            ...env,
          },
        },
      );
      expect(result.status, result.stderr).toBe(0);
      return result.stderr.split('\n').filter((line) => line.startsWith('code cache'));
    };
    const first = build('first');
    expect(first.every((line) => line.endsWith(': none'))).toBe(true);
    const second = build('second');
    expect(second.length).toBeGreaterThan(2);
    expect(second.every((line) => line.endsWith(': used'))).toBe(true);
    // Other V8 flags: V8 would refuse the caches above, so these runs keep their own.
    const other = build('other', { NODE_OPTIONS: '--max-old-space-size=4096' });
    expect(other.every((line) => line.endsWith(': none'))).toBe(true);
    const none = build('none', { POLICYGEN_NO_CODE_CACHE: '1' });
    expect(none.every((line) => line.endsWith(': none'))).toBe(true);
    // The library too, imported by name as a site generator would.
    const library = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { compile } from 'policygen'; import { readFileSync } from 'node:fs'; const r = compile({ file: 'privacy.yaml', text: readFileSync('privacy.yaml', 'utf8') }, { formats: ['md'] }); process.stdout.write(r.outputs[0].content);",
      ],
      { cwd: project, encoding: 'utf8' },
    );
    expect(library.status, library.stderr).toBe(0);
    for (const out of ['second', 'other', 'none']) {
      for (const file of ['privacy.md', 'privacy.html', 'privacy.json']) {
        expect(readFileSync(join(project, out, file), 'utf8'), `${out}/${file}`).toBe(
          readFileSync(join(project, 'first', file), 'utf8'),
        );
      }
    }
    expect(library.stdout).toBe(readFileSync(join(project, 'first', 'privacy.md'), 'utf8'));
    const golden = readFileSync(join(root, 'test/golden/minimal.md'), 'utf8');
    expect(library.stdout).toBe(golden);
  }, 240_000);
});
