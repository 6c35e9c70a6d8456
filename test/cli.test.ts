import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { minimal, root, run } from './helpers.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('policygen CLI (real bin)', () => {
  it('prints help and its version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/build \[options\] \[declaration\.\.\.\]/);
    const version = await run(['--version']);
    // The version the CLI prints (src/cli/package-info.ts) is package.json's.
    const { version: packaged } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version).toMatchObject({ code: 0, stdout: `${packaged}\n` });
  });

  it('builds an example into Markdown, HTML and JSON', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-out-'));
    const result = await run(['build', 'examples/minimal.yaml', '--out-dir', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('0 errors, 0 warnings, 3 files written\n');
    expect(readdirSync(out).sort()).toEqual(['minimal.html', 'minimal.json', 'minimal.md']);
    expect(readFileSync(join(out, 'minimal.md'), 'utf8')).toBe(
      readFileSync(join(root, 'test/golden/minimal.md'), 'utf8'),
    );
  });

  it('builds only the formats asked for', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-out-'));
    expect((await run(['build', 'examples/minimal.yaml', '-o', out, '--format', 'md'])).code).toBe(0);
    expect(readdirSync(out)).toEqual(['minimal.md']);
  });

  const cases: [string, string, RegExp][] = [
    [
      'a YAML syntax error',
      minimal.replace('jurisdictions: [us]', 'jurisdictions: [us'),
      /^policy\.yaml:\d+:\d+ {2}error {2}.+ {2}yaml-syntax$/m,
    ],
    [
      'an unknown top-level key',
      minimal + 'purpose: []\n',
      /^policy\.yaml:20:1 {2}error {2}Unknown key "purpose" at the top level of the declaration\. {2}unknown-key$/m,
    ],
    [
      'an unknown nested key',
      minimal.replace('    retention:', '    retension:'),
      /^policy\.yaml:13:5 {2}error {2}Unknown key "retension" in data\[0\]\. {2}unknown-key$/m,
    ],
    [
      'a wrong type',
      minimal.replace('name: Example', 'name: [Example]'),
      /^policy\.yaml:3:9 {2}error {2}Expected text \(name\) here, but found a list\. {2}wrong-type$/m,
    ],
    [
      'a missing required key',
      minimal.replace('    sources: [user]\n', ''),
      /^policy\.yaml:9:5 {2}error {2}Missing the required key "sources" in data\[0\]/m,
    ],
    [
      'an unknown id reference',
      minimal.replace('data: [contact]', 'data: [contacts]'),
      /^policy\.yaml:17:12 {2}error {2}No data category has the id "contacts"\. {2}unknown-reference$/m,
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`reports ${what} at its line and column, exits 1 and writes nothing`, async () => {
      const dir = workspace({ 'policy.yaml': text });
      const result = await run(['build', 'policy.yaml', '--out-dir', 'out'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).toMatch(/^> +\d+ \|/m); // a code frame
      expect(result.stderr).toMatch(/0 files written: nothing is written while a declaration has an error/);
      expect(readdirSync(dir)).toEqual(['policy.yaml']);
    });
  }

  it('validate ends with the same summary line as build, also when all is well', async () => {
    const dir = workspace({ 'policy.yaml': minimal });
    const ok = await run(['validate', 'policy.yaml'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('0 errors, 0 warnings, 1 declaration checked\n');
    const bad = await run(['validate', 'policy.yaml'], {
      cwd: workspace({ 'policy.yaml': minimal.replace('data: [contact]', 'data: [contacts]') }),
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/\n1 error, 0 warnings, 1 declaration checked\n$/);
  });

  it('prints did-you-mean hints', async () => {
    const dir = workspace({ 'policy.yaml': minimal.replace('    retention:', '    retension:') });
    const result = await run(['validate', 'policy.yaml'], { cwd: dir });
    expect(result.stderr).toMatch(/hint: Did you mean "retention"\?/);
  });

  it('prints JSON diagnostics with --reporter json', async () => {
    const dir = workspace({ 'policy.yaml': minimal.replace('data: [contact]', 'data: [contacts]') });
    const result = await run(['validate', 'policy.yaml', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const diagnostics = JSON.parse(result.stdout) as { severity: string }[];
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        file: 'policy.yaml',
        line: 17,
        column: 12,
        severity: 'error',
        code: 'unknown-reference',
        message: 'No data category has the id "contacts".',
        docs: expect.stringMatching(/^https:\/\/unpkg\.com\/policygen@[^/]+\/docs\/diagnostics\.md#unknown-reference$/),
      }),
    ]);
  });

  it('writes nothing for any declaration when one of several has an error', async () => {
    const dir = workspace({ 'good.yaml': minimal, 'bad.yaml': minimal.replace('policygen: 1', 'policygen: 3') });
    const result = await run(['build', 'good.yaml', 'bad.yaml', '-o', 'out'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'good.yaml']);
  });

  it('exits 0 with warnings', async () => {
    const text = minimal.replace(
      'purposes:',
      '  - id: spare\n    kind: usage-data\n    sources: [automatic]\n    retention: 30 days\npurposes:',
    );
    const dir = workspace({ 'policy.yaml': text });
    const result = await run(['build', 'policy.yaml', '-o', 'out'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning .+unused-data/);
    expect(readdirSync(join(dir, 'out')).length).toBe(3);
  });

  it("judges the policy's age only as of a date it is given (--as-of), never by the clock", async () => {
    // craft-room (us-ca) was last updated 2024-09-01: the CCPA asks for an update every 12 months.
    expect((await run(['validate', 'examples/craft-room.yaml'])).stderr).not.toMatch(/update-interval/);
    const late = await run(['validate', 'examples/craft-room.yaml', '--as-of', '2025-09-02']);
    expect(late.code).toBe(0);
    expect(late.stderr).toMatch(
      /craft-room\.yaml:\d+:\d+ +warning +The CCPA requires this policy to be updated at least every 12 months; it was last updated on 2024-09-01, more than 12 months before 2025-09-02\. +update-interval/,
    );
    expect((await run(['validate', 'examples/craft-room.yaml', '--as-of', '2025-09-01'])).stderr).not.toMatch(
      /update-interval/,
    );
    const bad = await run(['validate', 'examples/craft-room.yaml', '--as-of', '2025-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"2025-02-30" is not a date in the form YYYY-MM-DD/);
  });

  it('exits 2 for usage errors and unreadable files', async () => {
    expect((await run(['build', 'examples/minimal.yaml'])).code).toBe(2); // no --out-dir
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['build', 'examples/minimal.yaml', '-o', 'x', '--format', 'pdf'])).code).toBe(2);
    const missing = await run(['validate', 'no-such-file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-file\.yaml {2}error {2}Cannot read the declaration: no such file\./);
  });

  it('exits 2 when the output cannot be written', async () => {
    const dir = workspace({ 'policy.yaml': minimal, blocker: 'a file, not a directory' });
    const result = await run(['build', 'policy.yaml', '-o', 'blocker'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write to blocker/);
  });

  it('prints the schema', async () => {
    const result = await run(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('policygen CLI (in-process main)', () => {
  it('returns the same exit code as the bin and never touches process.exit', async () => {
    const dir = workspace({ 'policy.yaml': minimal.replace('data: [contact]', 'data: [contacts]') });
    let stderr = '';
    const code = await main(['validate', 'policy.yaml'], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      cwd: dir,
      env: {},
      isTTY: false,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/policy\.yaml:17:12/);
    expect(stderr).not.toMatch(/\u001b\[/); // no colour when not a terminal
  });

  it('colours output when FORCE_COLOR is set', async () => {
    const dir = workspace({ 'policy.yaml': minimal + 'purpose: []\n' });
    let stderr = '';
    await main(['validate', 'policy.yaml'], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      cwd: dir,
      env: { FORCE_COLOR: '1' },
      isTTY: false,
    });
    expect(stderr).toMatch(/\u001b\[/);
  });
});

describe('outputs two declarations would share', () => {
  it('are a usage error, before anything is compiled or written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-clash-'));
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, 'x.yaml'), minimal);
    }
    const result = await run(['build', 'a/x.yaml', 'b/x.yaml', '-o', 'out'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a\/x\.yaml and b\/x\.yaml would both write .*out\/x\.md/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect((await run(['build', 'a/x.yaml', 'a/x.yaml', '-o', 'out'], { cwd: dir })).stderr).toContain(
      'a/x.yaml is named twice',
    );
  });
});

describe('--list-different on worker threads', () => {
  it('lists stale outputs in the order of the declarations, every time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-order-'));
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const name of names) writeFileSync(join(dir, `${name}.yaml`), minimal);
    const args = [
      'build',
      ...names.map((n) => `${n}.yaml`),
      '-o',
      'out',
      '-f',
      'md,html',
      '--list-different',
      '-w',
      '3',
    ];
    const expected = names.flatMap((n) => [`out/${n}.md`, `out/${n}.html`]);
    for (let i = 0; i < 3; i++) {
      const result = await run(args, { cwd: dir });
      expect(result.code).toBe(1);
      expect(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => line.replace(/^.*?(out\/)/, '$1')),
      ).toEqual(expected);
    }
  }, 30_000);
});

describe('a batch on worker threads', () => {
  it('writes exactly what one thread writes, several declarations in flight per worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-batch-'));
    // A batch (16 or more) of declarations that differ in their values and in their shapes.
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`);
    for (const [i, name] of names.entries())
      writeFileSync(
        join(dir, `${name}.yaml`),
        minimal.replace('name: Example', `name: Example ${i}`).replace('6 months', `${1 + (i % 4)} months`),
      );
    const files = names.map((n) => `${n}.yaml`);
    const one = await run(['build', ...files, '-o', 'one', '-f', 'md,html,json'], { cwd: dir });
    const two = await run(['build', ...files, '-o', 'two', '-f', 'md,html,json', '-w', '2'], { cwd: dir });
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(readdirSync(join(dir, 'two')).sort()).toEqual(readdirSync(join(dir, 'one')).sort());
    for (const name of readdirSync(join(dir, 'one')))
      expect(readFileSync(join(dir, 'two', name), 'utf8'), name).toBe(readFileSync(join(dir, 'one', name), 'utf8'));
    expect(readdirSync(join(dir, 'one'))).toHaveLength(60);
  }, 30_000);
});

describe('--format with a project config', () => {
  it('builds only the formats asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-config-format-'));
    expect((await run(['init', dir, '--yes'])).code).toBe(0);
    const result = await run(['build', '-f', 'md'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'site'))).toEqual(['privacy.md']);
    expect((await run(['build', '-f', 'md', '--check'], { cwd: dir })).code).toBe(0);
  });
});

describe('--check with a machine-readable reporter', () => {
  it('prints one JSON document with the warnings and the stale outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-check-json-'));
    // Under the GDPR the minimal declaration warns that it does not say whether the contact
    // details are required.
    writeFileSync(
      join(dir, 'q.yaml'),
      `${minimal.replace('jurisdictions: [us]', 'jurisdictions: [eea]').replace('  name: Example\n', '  name: Example\n  established_in: [eea]\n')}automated_decision_making: false\nrights:\n  channels:\n    - email: privacy@example.com\n`,
    );
    expect((await run(['build', 'q.yaml', '-o', 'out', '-f', 'md'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'out/q.md'), 'edited');
    const result = await run(['build', 'q.yaml', '-o', 'out', '-f', 'md', '--check', '--reporter', 'json'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { code: string }[];
    expect(report.map((d) => d.code)).toEqual(['provision-stated', 'stale-output']);
  });
});
