import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, symlinkSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheBody, minimal, root, run, sealed } from './helpers.js';

/** `build --cache` through the real bin: what it skips, what it keeps, and that it never changes an output. */
describe('build --cache', () => {
  const workspace = () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-cache-'));
    writeFileSync(join(dir, 'p.yaml'), readFileSync(join(root, 'examples/multinational.yaml'), 'utf8'));
    return dir;
  };
  const build = (dir: string, extra: string[] = []) =>
    run(['build', 'p.yaml', '-o', 'out', '-f', 'md,html', '--cache', ...extra], { cwd: dir });
  const outputs = (dir: string, folder = 'out') =>
    Object.fromEntries(readdirSync(join(dir, folder)).map((f) => [f, readFileSync(join(dir, folder, f), 'utf8')]));

  it('skips a declaration whose inputs and outputs have not changed', async () => {
    const dir = workspace();
    expect((await build(dir)).stderr).toBe('0 errors, 0 warnings, 2 files written\n');
    expect((await build(dir)).stderr).toBe('0 errors, 0 warnings, 0 files written (1 declaration up to date)\n');
    // An output changed by hand is written again.
    writeFileSync(join(dir, 'out/p.md'), 'edited');
    expect((await build(dir)).stderr).toBe('0 errors, 0 warnings, 2 files written\n');
  });

  it('never writes through a cache folder that is a symbolic link, which could lead outside the project', async () => {
    const dir = workspace();
    const outside = mkdtempSync(join(tmpdir(), 'policygen-cache-outside-'));
    symlinkSync(outside, join(dir, '.policygen-cache'));
    const first = await build(dir);
    expect(first.code).toBe(0);
    expect(readdirSync(outside)).toEqual([]);
    expect(Object.keys(outputs(dir)).sort()).toEqual(['p.html', 'p.md']);
  });

  it('keeps parsed shapes for the next process, which builds exactly what a build without them builds', async () => {
    const dir = workspace();
    await build(dir);
    const stored = JSON.parse(cacheBody(join(dir, '.policygen-cache/shapes.json'))) as {
      version: string;
      shapes: { key: string }[];
    };
    expect(stored.shapes.length).toBeGreaterThan(10);
    // A one-line change: the next process takes the shapes back instead of parsing them, so
    // it has none to add and leaves the file alone.
    const before = statSync(join(dir, '.policygen-cache/shapes.json')).mtimeMs;
    appendFileSync(join(dir, 'p.yaml'), '# edited\n');
    expect((await build(dir)).code).toBe(0);
    expect(statSync(join(dir, '.policygen-cache/shapes.json')).mtimeMs).toBe(before);
    const fresh = await run(['build', 'p.yaml', '-o', 'fresh', '-f', 'md,html'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(outputs(dir)).toEqual(Object.fromEntries(Object.entries(outputs(dir, 'fresh'))));
  });

  it('ignores a damaged or outdated shapes file, and replaces it', async () => {
    const dir = workspace();
    await build(dir);
    const path = join(dir, '.policygen-cache/shapes.json');
    // Damaged, unsealed (made elsewhere), and sealed but from another policygen.
    const outdated = JSON.stringify({
      version: 'another policygen',
      shapes: [{ key: 'x', tree: { type: 'root', children: [] }, md: {}, html: {} }],
    });
    for (const damage of [sealed('{not json'), outdated, sealed(outdated)]) {
      writeFileSync(path, damage);
      appendFileSync(join(dir, 'p.yaml'), '# again\n');
      const result = await build(dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('0 errors, 0 warnings, 2 files written\n');
      expect(JSON.parse(cacheBody(path)).version).not.toBe('another policygen');
      await run(['build', 'p.yaml', '-o', 'fresh', '-f', 'md,html'], { cwd: dir });
      expect(outputs(dir)).toEqual(outputs(dir, 'fresh'));
    }
  });

  it('keeps every locale of a declaration up to date', async () => {
    const dir = workspace();
    const locales = ['--locale', 'de', '--locale', 'fr'];
    expect((await build(dir, locales)).stderr).toBe('0 errors, 0 warnings, 4 files written\n');
    expect((await build(dir, locales)).stderr).toBe(
      '0 errors, 0 warnings, 0 files written (2 declarations up to date)\n',
    );
  });
});

describe('build --cache and warnings, and --check --cache', () => {
  // The minimal declaration under the GDPR, which warns that it does not say whether the
  // contact details are required.
  const declaration = `${minimal.replace('jurisdictions: [us]', 'jurisdictions: [eea]').replace('  name: Example\n', '  name: Example\n  established_in: [eea]\n')}automated_decision_making: false
rights:
  channels:
    - email: privacy@example.com
`;
  const workspace = () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-cache-check-'));
    writeFileSync(join(dir, 'q.yaml'), declaration);
    return dir;
  };
  const warning = 'q.yaml:10:5  warning  The data category "contact" is provided by people';

  it('reports a declaration’s warnings again while it is up to date', async () => {
    const dir = workspace();
    const first = await run(['build', 'q.yaml', '-o', 'out', '--cache'], { cwd: dir });
    expect(first.stderr).toContain(warning);
    expect(first.stderr).toContain('0 errors, 1 warning, 3 files written');
    const again = await run(['build', 'q.yaml', '-o', 'out', '--cache'], { cwd: dir });
    expect(again.stderr).toContain(warning);
    expect(again.stderr).toContain('0 errors, 1 warning, 0 files written (1 declaration up to date)');
    // --strict makes it an error: another key, so the declaration is compiled and fails.
    const strict = await run(['build', 'q.yaml', '-o', 'out', '--cache', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
  });

  it('lists the diagnostics of up-to-date and compiled declarations in the order of the declarations', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'a.yaml'), declaration);
    writeFileSync(join(dir, 'b.yaml'), declaration);
    const build = () => run(['build', 'a.yaml', 'b.yaml', '-o', 'out', '--cache'], { cwd: dir });
    await build();
    // a.yaml is compiled again, b.yaml is up to date: a's warning still comes first.
    appendFileSync(join(dir, 'a.yaml'), '# edited\n');
    const files = (await build()).stderr
      .split('\n')
      .filter((line) => / warning /.test(line))
      .map((line) => line.split(':')[0]);
    expect(files).toEqual(['a.yaml', 'b.yaml']);
    // A new error in a.yaml is listed before b.yaml's replayed warning.
    writeFileSync(join(dir, 'a.yaml'), declaration.replace('legal_basis: contract', 'legal_basis: contrakt'));
    const broken = await build();
    expect(broken.code).toBe(1);
    expect(broken.stderr.indexOf('a.yaml:')).toBeLessThan(broken.stderr.indexOf('b.yaml:'));
    expect(broken.stderr).toMatch(/a\.yaml:\d+:\d+ +error/);
  });

  it('treats a damaged manifest entry as missing', async () => {
    const dir = workspace();
    await run(['build', 'q.yaml', '-o', 'out', '--cache'], { cwd: dir });
    const path = join(dir, '.policygen-cache/manifest.json');
    const manifest = JSON.parse(cacheBody(path)) as { entries: Record<string, { diagnostics?: unknown }> };
    for (const entry of Object.values(manifest.entries)) delete entry.diagnostics;
    writeFileSync(path, sealed(JSON.stringify(manifest)));
    const result = await run(['build', 'q.yaml', '-o', 'out', '--cache'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('0 errors, 1 warning, 3 files written');
  });

  it('checks without compiling what the manifest shows up to date, and writes nothing', async () => {
    const dir = workspace();
    await run(['build', 'q.yaml', '-o', 'out', '--cache'], { cwd: dir });
    const manifest = readFileSync(join(dir, '.policygen-cache/manifest.json'), 'utf8');
    const check = await run(['build', 'q.yaml', '-o', 'out', '--check', '--cache'], {
      cwd: dir,
      env: { POLICYGEN_DEBUG_CODE_CACHE: '1' },
    });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(warning);
    expect(check.stderr).toContain('all outputs up to date');
    // The pipeline was never loaded.
    expect(check.stderr).not.toContain('bundle/pipeline.cjs');
    // An output edited by hand is compiled again and reported; the manifest stays as it was.
    writeFileSync(join(dir, 'out/q.md'), 'edited');
    const stale = await run(['build', 'q.yaml', '-o', 'out', '--check', '--cache'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/out\/q\.md \(differs from line 1\)/);
    expect(readFileSync(join(dir, '.policygen-cache/manifest.json'), 'utf8')).toBe(manifest);
    expect(readFileSync(join(dir, 'out/q.md'), 'utf8')).toBe('edited');
  });
});

describe('build --cache from a project config', () => {
  it('keeps the resolved config, and resolves it again when the config changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-cache-config-'));
    expect((await run(['init', dir, '--yes'])).code).toBe(0);
    const debug = { POLICYGEN_DEBUG_CODE_CACHE: '1' };
    expect((await run(['build', '--cache'], { cwd: dir })).code).toBe(0);
    // Nothing changed: neither the config reader nor the pipeline is loaded.
    const again = await run(['build', '--cache'], { cwd: dir, env: debug });
    expect(again.stderr).toContain('(1 declaration up to date)');
    expect(again.stderr).not.toMatch(/bundle\/(config|pipeline)\.cjs/);
    // An edited config is read again, and what it says is built.
    const config = join(dir, 'policygen.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/formats: \[[^\]]*\]/, 'formats: [md]'));
    const edited = await run(['build', '--cache'], { cwd: dir, env: debug });
    expect(edited.stderr).toContain('bundle/config.cjs');
    expect(edited.stderr).toContain('0 errors, 0 warnings, 1 file written');
    // A check only reads the cache: a new config is not kept.
    writeFileSync(config, readFileSync(config, 'utf8').replace('formats: [md]', 'formats: [md, html]'));
    const cached = readFileSync(join(dir, '.policygen-cache/config.json'), 'utf8');
    // (The HTML of the first build is still there, and up to date.)
    expect((await run(['build', '--check', '--cache'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, '.policygen-cache/config.json'), 'utf8')).toBe(cached);
    // A broken config is reported, not taken from the cache.
    writeFileSync(config, 'policies: 3\n');
    const broken = await run(['build', '--cache'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('policygen.config.yaml');
  });
});

describe('build --cache where the cache cannot be saved', () => {
  it('writes the outputs, says so, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-cache-unwritable-'));
    writeFileSync(join(dir, 'p.yaml'), minimal);
    writeFileSync(join(dir, 'not-a-folder'), '');
    const result = await run(['build', 'p.yaml', '-o', 'out', '--cache', '--cache-location', 'not-a-folder'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('policygen: cannot save the cache in not-a-folder:');
    expect(result.stderr).toContain('0 errors, 0 warnings, 3 files written');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['p.html', 'p.json', 'p.md']);
  });
});

/** The cache folder is untrusted input (issue 14): whatever it holds, a build does fresh work. */
describe('a poisoned cache folder', () => {
  const project = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-poison-'));
    expect((await run(['init', dir, '--yes'])).code).toBe(0);
    expect((await run(['build', '--cache'], { cwd: dir })).code).toBe(0);
    return dir;
  };
  const files = (dir: string, folder: string) => readdirSync(join(dir, folder), { recursive: true }).map(String).sort();

  it('cannot send outputs outside the project through config.json, sealed or not', async () => {
    const dir = await project();
    const outside = mkdtempSync(join(tmpdir(), 'policygen-outside-'));
    const path = join(dir, '.policygen-cache/config.json');
    const stored = JSON.parse(cacheBody(path)) as {
      key: string;
      config: { root: string; jobs: { outputs: { path: string }[] }[] };
    };
    stored.config.root = '/';
    for (const job of stored.config.jobs) for (const output of job.outputs) output.path = join(outside, 'planted.md');
    // Edited with its key kept, as an attacker without the secret can: ignored.
    writeFileSync(path, `${'0'.repeat(64)}\n${JSON.stringify(stored)}\n`);
    writeFileSync(
      join(dir, 'policies/privacy.yaml'),
      readFileSync(join(dir, 'policies/privacy.yaml'), 'utf8') + '# edited\n',
    );
    const result = await run(['build', '--cache'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readdirSync(outside)).toEqual([]);
    // Made under another secret (a CI cache restored from elsewhere): ignored too.
    writeFileSync(path, sealed(JSON.stringify(stored)));
    writeFileSync(
      join(dir, 'policies/privacy.yaml'),
      readFileSync(join(dir, 'policies/privacy.yaml'), 'utf8') + '# again\n',
    );
    expect(
      (await run(['build', '--cache'], { cwd: dir, env: { POLICYGEN_CACHE_SECRET: 'another machine' } })).code,
    ).toBe(0);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('cannot put markup into the outputs through shapes.json', async () => {
    const dir = await project();
    const path = join(dir, '.policygen-cache/shapes.json');
    const stored = JSON.parse(cacheBody(path)) as {
      shapes: { md: Record<string, string>; html: Record<string, string> }[];
    };
    for (const shape of stored.shapes) {
      for (const key of Object.keys(shape.md)) shape.md[key] = '[x](javascript:alert(1))\n';
      for (const key of Object.keys(shape.html)) shape.html[key] = '<script>alert(1)</script>';
    }
    writeFileSync(path, `${'f'.repeat(64)}\n${JSON.stringify(stored)}\n`);
    writeFileSync(
      join(dir, 'policies/privacy.yaml'),
      readFileSync(join(dir, 'policies/privacy.yaml'), 'utf8') + '# edited\n',
    );
    expect((await run(['build', '--cache'], { cwd: dir })).code).toBe(0);
    for (const file of files(dir, 'site')) {
      const built = readFileSync(join(dir, 'site', file), 'utf8');
      expect(built).not.toMatch(/javascript:|<script/);
    }
  });

  it('cannot report a changed declaration up to date through a planted manifest entry', async () => {
    const dir = await project();
    const path = join(dir, '.policygen-cache/manifest.json');
    const manifest = JSON.parse(cacheBody(path)) as { entries: Record<string, { outputs: Record<string, string> }> };
    // Unsealed: ignored, so the check compiles and finds the stale output.
    writeFileSync(join(dir, 'site', readdirSync(join(dir, 'site'))[0]!), 'stale');
    writeFileSync(path, `${'0'.repeat(64)}\n${JSON.stringify(manifest)}\n`);
    expect((await run(['build', '--check', '--cache'], { cwd: dir })).code).toBe(1);
    // Sealed but naming other files than the job's (whose hashes match): not this job's entry.
    const decoy = join(dir, 'decoy.txt');
    writeFileSync(decoy, 'x');
    for (const entry of Object.values(manifest.entries))
      entry.outputs = { [decoy]: createHash('sha256').update('x').digest('hex') };
    writeFileSync(path, sealed(JSON.stringify(manifest)));
    expect((await run(['build', '--check', '--cache'], { cwd: dir })).code).toBe(1);
  });
});

describe("the fingerprint of policygen's own inputs", () => {
  it('covers the code that runs: the bundle for the bin, the compiled modules for the plain path', async () => {
    const { computeFingerprint } = await import('../src/build/cache.js');
    const { mkdirSync } = await import('node:fs');
    const pkg = mkdtempSync(join(tmpdir(), 'policygen-fingerprint-'));
    for (const dir of ['templates/en', 'dist/emit', 'dist/bundle', 'dist/generated'])
      mkdirSync(join(pkg, dir), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"version":"1.0.0"}');
    writeFileSync(join(pkg, 'templates/en/cookies.md.hbs'), 'x');
    writeFileSync(join(pkg, 'dist/emit/emit-html.js'), 'a');
    writeFileSync(join(pkg, 'dist/bundle/pipeline.cjs'), 'a');
    writeFileSync(join(pkg, 'dist/generated/t.cjs'), 'a');
    const plain = computeFingerprint(pkg, 'en', false);
    const bundled = computeFingerprint(pkg, 'en', true);
    writeFileSync(join(pkg, 'dist/emit/emit-html.js'), 'ab');
    expect(computeFingerprint(pkg, 'en', false)).not.toBe(plain);
    expect(computeFingerprint(pkg, 'en', true)).toBe(bundled);
    writeFileSync(join(pkg, 'dist/bundle/pipeline.cjs'), 'ab');
    expect(computeFingerprint(pkg, 'en', true)).not.toBe(bundled);
    // Generated files are checked against what they were made from, not fingerprinted.
    const now = computeFingerprint(pkg, 'en', false);
    writeFileSync(join(pkg, 'dist/generated/t.cjs'), 'ab');
    expect(computeFingerprint(pkg, 'en', false)).toBe(now);
  });
});
