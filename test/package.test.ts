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

  /** A new project with the tarball installed and examples/minimal.yaml as privacy.yaml (made once). */
  let installed: string | undefined;
  const install = (): string => {
    if (installed) return installed;
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "site", "private": true, "type": "module" }\n');
    const result = spawnSync(
      npm,
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)],
      { cwd: project, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/npm warn/i);
    copyFileSync(join(root, 'examples/minimal.yaml'), join(project, 'privacy.yaml'));
    return (installed = project);
  };

  it('installs from the tarball into a new project and builds a policy, with code caches and with them refused', () => {
    const project = install();
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

  // A site's bundler moves policygen's code into the site's output, where import.meta.url no
  // longer leads to the package's files; it then finds the installed package as Node would.
  it('works when a site bundles it with esbuild (ES module and CommonJS) or Vite, run from anywhere', async () => {
    const project = install();
    writeFileSync(
      join(project, 'app.mjs'),
      [
        "import { compile } from 'policygen';",
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'node:path';",
        "const file = join(process.env.SITE ?? '.', 'privacy.yaml');",
        "const result = compile({ file: 'privacy.yaml', text: readFileSync(file, 'utf8') }, { formats: ['md'] });",
        'process.stdout.write(result.outputs[0].content);',
        '',
      ].join('\n'),
    );
    const esbuild = join(root, 'node_modules/.bin/esbuild');
    const bundle = (format: string, out: string, extra: string[] = []) => {
      const result = spawnSync(
        esbuild,
        [
          'app.mjs',
          '--bundle',
          '--platform=node',
          `--format=${format}`,
          `--outfile=${out}`,
          '--log-level=error',
          ...extra,
        ],
        { cwd: project, encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
    };
    // The usual banner of an ES module bundle, for its CommonJS dependencies' require calls.
    bundle('esm', 'out/esbuild.mjs', [
      "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ]);
    bundle('cjs', 'out/esbuild.cjs');
    const vite = (await import('vite')) as typeof import('vite');
    await vite.build({
      root: project,
      configFile: false,
      logLevel: 'silent',
      build: { ssr: 'app.mjs', outDir: 'out/vite', minify: false },
      ssr: { noExternal: true, target: 'node' },
    });
    const golden = readFileSync(join(root, 'test/golden/minimal.md'), 'utf8');
    for (const script of ['out/esbuild.mjs', 'out/esbuild.cjs', 'out/vite/app.js']) {
      const text = readFileSync(join(project, script), 'utf8');
      expect(text, `${script} holds policygen's code`).toContain('cannot find its own files');
      // From the project, and from elsewhere (found from the script's own place).
      for (const cwd of [project, dir]) {
        const run = spawnSync(process.execPath, [join(project, script)], {
          cwd,
          encoding: 'utf8',
          env: { ...process.env, SITE: project },
        });
        expect(run.status, `${script} from ${cwd}: ${run.stderr}`).toBe(0);
        expect(run.stdout, `${script} from ${cwd}`).toBe(golden);
      }
    }
  }, 240_000);
});
