import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { firstDifference } from '../src/build/build.js';
import { main } from '../src/cli/main.js';
import { minimal, run } from './helpers.js';

/** A repository with a config, two declarations and a site folder. */
function project(config: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-project-'));
  mkdirSync(join(dir, 'policies'));
  mkdirSync(join(dir, 'site', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'policies', 'main.yaml'), minimal);
  writeFileSync(join(dir, 'policies', 'app.yaml'), minimal.replace('name: Example', 'name: Example App'));
  writeFileSync(join(dir, 'policygen.config.yaml'), config);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

const CONFIG = `# yaml-language-server: $schema=../schemas/config.schema.json
defaults:
  formats: [md, html]
  front_matter: [title, last_updated, version]
policies:
  - input: policies/main.yaml
    output: site/privacy
  - input: policies/app.yaml
    output: site/nested/app-privacy
    html: fragment
    heading_ids: true
`;

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env, isTTY: false });
  return { code, stdout, stderr };
}

describe('policygen.config.yaml', () => {
  it('builds every policy it lists when build has no arguments, finding the config from a sub-folder', async () => {
    const dir = project(CONFIG);
    const { code, stderr } = await cli(['build'], join(dir, 'site', 'nested'));
    expect(code).toBe(0);
    expect(stderr).toBe('0 errors, 0 warnings, 4 files written\n');
    const md = readFileSync(join(dir, 'site', 'privacy.md'), 'utf8');
    const front = parse(md.split('---\n')[1]!);
    expect(front).toEqual({
      title: 'Privacy Policy',
      last_updated: '2024-07-15',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(readFileSync(join(dir, 'site', 'privacy.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const fragment = readFileSync(join(dir, 'site', 'nested', 'app-privacy.html'), 'utf8');
    expect(fragment).toMatch(/^<article class="policygen" lang="en">/);
    expect(readFileSync(join(dir, 'site', 'nested', 'app-privacy.md'), 'utf8')).toContain(
      '## Information we collect {#information-we-collect}',
    );
  });

  it('reports a mistake in the config at its line and column, with exit 2', async () => {
    const dir = project(CONFIG.replace('    html: fragment', '    htlm: fragment'));
    const { code, stderr } = await cli(['build'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^policygen\.config\.yaml:10:5 +error +Unknown key "htlm" in policies\[1\]\. +unknown-key$/m,
    );
    expect(stderr).toMatch(/Did you mean "html"\?/);
  });

  it('refuses outputs outside the project', async () => {
    const dir = project(CONFIG.replace('output: site/privacy', 'output: ../escape'));
    const { code, stderr } = await cli(['build'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/policygen\.config\.yaml:7:13 +error .+outside the folder of the config file/);
  });

  it('reports a declaration the config names but that is missing at the config line, with a did-you-mean', async () => {
    const dir = project(CONFIG.replace('input: policies/app.yaml', 'input: policies/apps.yaml'));
    const { code, stderr } = await cli(['build'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^policygen\.config\.yaml:8:12 +error +Cannot read the declaration "policies\/apps\.yaml": no such file\. +cannot-read$/m,
    );
    expect(stderr).toMatch(/hint: Did you mean "policies\/app\.yaml"\?/);
    const github = await cli(['build', '--reporter', 'github'], dir);
    expect(github.stdout).toMatch(/^::error file=policygen\.config\.yaml,line=8,col=12,/m);
  });

  it('says clearly when there is nothing to build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-empty-'));
    const { code, stderr } = await cli(['build'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no declarations given and no policygen\.config\.yaml found/);
  });

  it('applies rule severities from the config, which --rule overrides', async () => {
    const dir = project(
      `rules:\n  retention-required: off\npolicies:\n  - input: policies/main.yaml\n    output: site/privacy\n    formats: [md]\n`,
    );
    writeFileSync(
      join(dir, 'policies', 'main.yaml'),
      minimal
        .replace('jurisdictions: [us]', 'jurisdictions: [us-ca]')
        .replace('    retention: 6 months after the account is closed\n', ''),
    );
    const withConfig = await cli(['validate', '--reporter', 'json'], dir);
    expect(JSON.parse(withConfig.stdout).map((d: { code: string }) => d.code)).not.toContain('retention-required');
    const overridden = await cli(['validate', '--reporter', 'json', '--rule', 'retention-required=warn'], dir);
    expect(JSON.parse(overridden.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'retention-required', severity: 'warning' })]),
    );
  });
});

describe('build --check', () => {
  it('writes nothing, lists missing and stale outputs and exits 1; exits 0 when all are current', async () => {
    const dir = project(CONFIG);
    const missing = await cli(['build', '--check'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/4 outputs are not up to date/);
    expect(missing.stderr).toMatch(/site\/privacy\.md \(missing\)/);
    expect(() => readFileSync(join(dir, 'site', 'privacy.md'))).toThrow();

    expect((await cli(['build'], dir)).code).toBe(0);
    const current = await cli(['build', '--check'], dir);
    expect(current.code).toBe(0);

    writeFileSync(
      join(dir, 'policies', 'main.yaml'),
      minimal.replace('12 months', '13 months').replace('6 months after', '7 months after'),
    );
    const stale = await cli(['build', '--list-different'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('site/privacy.md\nsite/privacy.html\n');
  });
});

describe('reporters', () => {
  const broken = minimal.replace('data: [contact]', 'data: [contacts]');

  it('writes GitHub workflow annotations, chosen automatically under GitHub Actions', async () => {
    const dir = project(CONFIG);
    writeFileSync(join(dir, 'policies', 'main.yaml'), broken);
    const { code, stdout } = await cli(['validate'], dir, { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(1);
    expect(stdout).toContain(
      '::error file=policies/main.yaml,line=17,col=12,endLine=17,endColumn=20,title=policygen unknown-reference::No data category has the id "contacts". Did you mean "contact"?\n',
    );
  });

  it('writes SARIF 2.1.0 for code scanning', async () => {
    const dir = project(CONFIG);
    writeFileSync(join(dir, 'policies', 'main.yaml'), broken);
    const { stdout } = await cli(['validate', '--reporter', 'sarif'], dir);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'unknown-reference');
    expect(result).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'policies/main.yaml' },
            region: { startLine: 17, startColumn: 12 },
          },
        },
      ],
    });
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('unknown-reference');
    // SARIF 2.1.0 §3.49.12: helpUri is an absolute URI; the driver says which version ran.
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(log.runs[0].tool.driver.version).toBe(version);
    for (const rule of log.runs[0].tool.driver.rules as { helpUri: string }[])
      expect(rule.helpUri).toMatch(new RegExp(`^https://unpkg\\.com/policygen@${version}/docs/`));
    // A compliance rule is described by its title and description.
    writeFileSync(join(dir, 'policies', 'main.yaml'), minimal.replace('jurisdictions: [us]', 'jurisdictions: [eea]'));
    const rules = JSON.parse((await cli(['validate', '--reporter', 'sarif'], dir)).stdout).runs[0].tool.driver
      .rules as { id: string; shortDescription?: { text: string }; fullDescription?: { text: string } }[];
    const { ruleById } = await import('../src/rules/index.js');
    const described = rules.filter((r) => ruleById.has(r.id));
    expect(described.length).toBeGreaterThan(0);
    for (const r of described) {
      expect(r.shortDescription?.text).toBe(ruleById.get(r.id)!.title);
      expect(r.fullDescription?.text).toBe(ruleById.get(r.id)!.description);
    }
  });

  it('writes SARIF that the official SARIF 2.1.0 schema accepts, with fingerprints that survive moved lines', async () => {
    // The schema as Microsoft's SARIF SDK ships it (sarif-2.1.0-rtm.5, the OASIS standard's).
    const schema = JSON.parse(
      readFileSync(
        new URL('../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url),
        'utf8',
      ),
    ) as object;
    const Ajv = AjvDraft04Module.default;
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    const dir = project(CONFIG);
    writeFileSync(join(dir, 'policies', 'main.yaml'), broken);
    const log = JSON.parse((await cli(['validate', '--reporter', 'sarif'], dir)).stdout);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // Every code used is described, rule or not.
    for (const rule of log.runs[0].tool.driver.rules as { id: string; shortDescription?: { text: string } }[])
      expect(rule.shortDescription?.text, rule.id).toBeTruthy();
    // Two blank lines at the top move every finding down two lines; no fingerprint changes.
    writeFileSync(join(dir, 'policies', 'main.yaml'), broken.replace('policygen: 1\n', 'policygen: 1\n\n\n'));
    const moved = JSON.parse((await cli(['validate', '--reporter', 'sarif'], dir)).stdout);
    type Result = {
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { region: { startLine: number } } }[];
    };
    const prints = (l: { runs: { results: Result[] }[] }) =>
      l.runs[0]!.results.map((r) => r.partialFingerprints['policygen/v1']);
    expect(prints(moved)).toEqual(prints(log));
    expect(new Set(prints(log)).size).toBe(prints(log).length);
    expect(moved.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(
      log.runs[0].results[0].locations[0].physicalLocation.region.startLine + 2,
    );
  });

  it("the README's CI workflow is valid YAML that checks the policies and uploads their SARIF", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('# .github/workflows/privacy-policy.yml');
    const workflow = parse(readme.slice(start, readme.indexOf('```', start))) as {
      jobs: { policy: { steps: { uses?: string; run?: string; with?: Record<string, string> }[] } };
    };
    const steps = workflow.jobs.policy.steps;
    expect(steps.map((step) => step.uses ?? step.run)).toEqual(
      expect.arrayContaining([
        'npx policygen build --check --cache',
        'npx policygen validate --reporter sarif > policygen.sarif',
        'github/codeql-action/upload-sarif@v3',
      ]),
    );
    expect(steps.find((step) => step.uses === 'actions/cache@v4')?.with?.['path']).toBe('.policygen-cache');
  });

  it('describes in one line each diagnostic code docs/diagnostics.md explains, and no other', async () => {
    const { DIAGNOSTIC_SUMMARIES } = await import('../src/diagnostics/codes.js');
    const documented = [
      ...readFileSync(new URL('../docs/diagnostics.md', import.meta.url), 'utf8').matchAll(/^## (\S+)$/gm),
    ].map((m) => m[1]);
    expect(Object.keys(DIAGNOSTIC_SUMMARIES).sort()).toEqual(documented.sort());
  });

  it('reports a misspelled rule in the config at its line, with a did-you-mean, also as a GitHub annotation', async () => {
    const dir = project(`${CONFIG}rules:\n  representative-requird: off\n`);
    const line = CONFIG.split('\n').length + 1;
    const { code, stderr } = await cli(['build'], dir);
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      `policygen.config.yaml:${line}:3  error  There is no rule "representative-requird".  unknown-rule`,
    );
    expect(stderr).toContain('hint: Did you mean "representative-required"?');
    const github = await cli(['build'], dir, { GITHUB_ACTIONS: 'true' });
    expect(github.stdout).toContain(
      `::error file=policygen.config.yaml,line=${line},col=3,endLine=${line},endColumn=25,title=policygen unknown-rule::There is no rule "representative-requird". Did you mean "representative-required"?`,
    );
    // On the command line, the same did-you-mean.
    const flag = await cli(['build', '--rule', 'retention-requird=off'], project(CONFIG));
    expect(flag.stderr).toBe('policygen: no rule "retention-requird"; did you mean "retention-required"?\n');
  });

  it('lists in the config schema exactly the rule ids there are, so that an editor flags a misspelled one', async () => {
    const schema = JSON.parse(readFileSync(new URL('../schemas/config.schema.json', import.meta.url), 'utf8')) as {
      properties: { rules: { propertyNames: { enum: string[] } } };
    };
    const { ruleById } = await import('../src/rules/index.js');
    expect(schema.properties.rules.propertyNames.enum).toEqual([...ruleById.keys(), 'unused-field'].sort());
  });

  it('writes front matter under the names a site generator reads, from a mapping (issue 18)', async () => {
    const config = CONFIG.replace(
      '  front_matter: [title, last_updated, version]\n',
      '  front_matter:\n    title: title\n    lastmod: last_updated\n    lang: locale\n    layout: policy\n    weight: 3\n    draft: false\n    last_update: { date: last_updated }\n',
    );
    const dir = project(config);
    const { code, stderr } = await cli(['build'], dir);
    expect(code, stderr).toBe(0);
    const md = readFileSync(join(dir, 'site', 'privacy.md'), 'utf8');
    expect(parse(md.split('---\n')[1]!)).toEqual({
      title: 'Privacy Policy',
      lastmod: '2024-07-15',
      lang: 'en',
      layout: 'policy',
      weight: 3,
      draft: false,
      last_update: { date: '2024-07-15' },
    });
    // A key no generator could read is refused at its line.
    writeFileSync(
      join(dir, 'policygen.config.yaml'),
      config.replace('    layout: policy\n', '    "bad key!": policy\n'),
    );
    const refused = await cli(['build'], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/policygen\.config\.yaml:\d+:\d+ {2}error/);
  });

  it('the real bin runs a config build', async () => {
    const dir = project(CONFIG);
    const result = await run(['build'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('0 errors, 0 warnings, 4 files written\n');
  });
});

describe('the library API', () => {
  it('builds a project with build(), and checks it', async () => {
    const { build } = await import('../src/index.js');
    const dir = project(CONFIG);
    const first = await build({ cwd: dir });
    expect(first).toMatchObject({ diagnostics: [], written: 4, failed: false });
    const checked = await build({ cwd: dir, check: true });
    expect(checked).toMatchObject({ written: 0, stale: [] });
  });
});

describe('progress', () => {
  it('is shown on a terminal for a build of many policies, and not in CI logs', async () => {
    const dir = project(CONFIG);
    const files = Array.from({ length: 12 }, (_, i) => `policies/p${i}.yaml`);
    for (const file of files) writeFileSync(join(dir, file), minimal);
    let tty = '';
    await main(['build', ...files, '-o', 'out', '-f', 'md'], {
      stdout: () => {},
      stderr: (t) => (tty += t),
      cwd: dir,
      env: {},
      isTTY: true,
    });
    expect(tty).toContain('\rcompiling 12/12 (100%)');
    let ci = '';
    await main(['build', ...files, '-o', 'out', '-f', 'md'], {
      stdout: () => {},
      stderr: (t) => (ci += t),
      cwd: dir,
      env: { CI: 'true' },
      isTTY: true,
    });
    expect(ci).not.toContain('compiling');
    expect(ci).toMatch(/12 files written/);
  });
});

describe('build --check in GitHub Actions', () => {
  it('annotates the declaration whose policy is stale', async () => {
    const dir = project(CONFIG);
    await cli(['build'], dir);
    writeFileSync(join(dir, 'policies', 'main.yaml'), minimal.replace('6 months after', '7 months after'));
    const { code, stdout } = await cli(['build', '--check'], dir, { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(1);
    // The first line that differs, past the version line that every change alters.
    expect(stdout).toMatch(
      /^::error file=policies\/main\.yaml,line=1,col=1,title=policygen stale-output::site\/privacy\.md is out of date from line \d+: it has ".*6 months after.*" where the build now writes ".*7 months after.*"\. Run policygen build and commit the result\.$/m,
    );
  });

  it('finds the first change past the version line, and shows it in a long line', () => {
    const version = (hash: string) => `---\nversion: ${hash}\n---\n\n| a | ${'x'.repeat(120)} | kept for 6 months |`;
    const first = firstDifference(version('0123456789ab'), version('ba9876543210').replace('6 months', '7 months'));
    expect(first.line).toBe(5);
    expect(first.found).toMatch(/^….*kept for 6 months \|$/);
    expect(first.expected).toMatch(/^….*kept for 7 months \|$/);
    // Only the version differs: that line is the difference.
    expect(firstDifference(version('0123456789ab'), version('ba9876543210')).line).toBe(2);
  });
});

describe('front matter', () => {
  it('front_matter: true writes every field the config schema lists', async () => {
    const { compileOptionsOf } = await import('../src/config/options.js');
    const schema = JSON.parse(
      readFileSync(new URL('../schemas/config.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    const fields = JSON.stringify(schema).match(/"enum":\["title"[^\]]*\]/)![0];
    expect(compileOptionsOf({ front_matter: true }).markdown?.frontMatter).toEqual(
      JSON.parse(fields.slice('"enum":'.length)),
    );
    expect(compileOptionsOf({ front_matter: true }).markdown?.frontMatter).toContain('organization');
  });
});
