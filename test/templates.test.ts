import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { HELPER_NAMES, registerHelpers } from '../src/render/helpers.js';
import { bundledTemplates } from '../src/render/templates.js';
import { minimal } from './helpers.js';

/** Runs `policygen build` in a fresh folder holding the declaration and a template folder. */
async function buildWith(templates: Record<string, string>, declaration = minimal, formats = 'md') {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-templates-'));
  writeFileSync(join(dir, 'policy.yaml'), declaration);
  mkdirSync(join(dir, 'mine', 'partials'), { recursive: true });
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'mine', name), text);
  let stderr = '';
  const code = await main(['build', 'policy.yaml', '-o', 'out', '-f', formats, '--templates', 'mine'], {
    stdout: () => {},
    stderr: (t) => (stderr += t),
    cwd: dir,
    env: {},
    isTTY: false,
  });
  const md = code === 0 ? readFileSync(join(dir, 'out', 'policy.md'), 'utf8') : '';
  const json =
    code === 0 && formats.includes('json')
      ? (JSON.parse(readFileSync(join(dir, 'out', 'policy.json'), 'utf8')) as {
          statements: { section: string; kind: string; text: string; sources: string[] }[];
        })
      : undefined;
  return { code, stderr, md, json, dir };
}

describe('user template overrides (--templates)', () => {
  it('replace a section by file name, keeping values as text', async () => {
    const { code, md } = await buildWith(
      {
        'changes.md.hbs':
          '## Updates\n\n{{organization.name}} posts every change here. {{#each data}}{{> data-label}}{{/each}}\n',
      },
      minimal.replace('name: Example', 'name: "{{evil}} *Corp*"'),
    );
    expect(code).toBe(0);
    expect(md).toContain(
      '## Updates\n\n&#x7B;&#x7B;evil&#x7D;&#x7D; \\*Corp\\* posts every change here. Contact details',
    );
  });

  it('replace words through labels.json', async () => {
    const { code, md } = await buildWith({
      'labels.json': JSON.stringify({ 'data-kind': { 'contact-details': 'How to reach you' } }),
    });
    expect(code).toBe(0);
    expect(md).toContain('How to reach you');
  });

  it('trace where their sentences come from, with {{#explanation}} for neutral help', async () => {
    const template =
      '## Updates\n\n{{organization.name}} posts every change here. {{#explanation}}A policy is a document.{{/explanation}}\n';
    const { code, md, json } = await buildWith({ 'changes.md.hbs': template }, minimal, 'md,json');
    expect(code).toBe(0);
    expect(md).toContain('Example posts every change here. A policy is a document.');
    const changes = json!.statements.filter((s) => s.section === 'changes');
    expect(changes).toEqual([
      { section: 'changes', kind: 'explanation', text: 'Updates', sources: [], citations: [] },
      {
        section: 'changes',
        kind: 'fact',
        text: 'Example posts every change here.',
        sources: ['/organization/name'],
        citations: [],
      },
      { section: 'changes', kind: 'explanation', text: 'A policy is a document.', sources: [], citations: [] },
    ]);
  });

  const failures: [string, Record<string, string>, RegExp][] = [
    [
      'a name policygen reserves for its provenance markers',
      { 'changes.md.hbs': '## Changes\n\n{{__pv_close}}\n' },
      /mine\/changes\.md\.hbs.+error +This template uses "__pv_close", a name policygen reserves/,
    ],
    [
      'a syntax error, at its line',
      { 'changes.md.hbs': '## Changes\n\n{{#if x}}\n' },
      /^mine\/changes\.md\.hbs:\d+:\d+ +error +This template .*template-error$/m,
    ],
    [
      'an unknown helper',
      { 'changes.md.hbs': '## Changes\n\n{{shout organization.name}}\n' },
      /mine\/changes\.md\.hbs.+error +This template .*shout/,
    ],
    [
      'a field that does not exist (strict mode), at its line and column',
      { 'changes.md.hbs': '## Changes\n\nText {{organisation.name}}\n' },
      /^mine\/changes\.md\.hbs:3:8 +error +This template prints "organisation\.name", which does not exist\./m,
    ],
    [
      'prototype access',
      { 'changes.md.hbs': '## Changes\n\n{{organization.constructor.name}}\n' },
      /mine\/changes\.md\.hbs:3:\d+ +error/,
    ],
    [
      'a partial that includes itself',
      { 'partials/data-label.md.hbs': '{{> data-label}}' },
      /mine\/partials\/data-label\.md\.hbs +error +This template recurses too deeply/,
    ],
    [
      'a file policygen does not know',
      { 'footer.md.hbs': 'x' },
      /mine\/footer\.md\.hbs +error +This template is not a section template/,
    ],
    // {{log}} would print to stdout, where --reporter json and sarif write their document.
    [
      '{{log}}, at its line',
      { 'changes.md.hbs': '## Changes\n\n{{log "debug"}}\n' },
      /^mine\/changes\.md\.hbs:3:1 +error +This template uses \{\{log\}\}, which would write to the terminal/m,
    ],
  ];
  for (const [what, templates, expected] of failures) {
    it(`report ${what}, exit 2 and write nothing`, async () => {
      const { code, stderr, dir } = await buildWith(templates);
      expect(code).toBe(2);
      expect(stderr).toMatch(expected);
      expect(() => readFileSync(join(dir, 'out', 'policy.md'))).toThrow();
    });
  }

  it('write no javascript: or data: link into the Markdown, where no sanitiser runs', async () => {
    const { code, dir } = await buildWith({
      'changes.md.hbs':
        '## Changes\n\nSee [our notes](javascript:alert(1)), [a picture](data:text/html,x) and [the site](https://example.com).\n\n[ref]: javascript:alert(2)\n',
    });
    expect(code).toBe(0);
    const md = readFileSync(join(dir, 'out', 'policy.md'), 'utf8');
    expect(md).not.toMatch(/javascript:|data:text/);
    expect(md).toContain('See our notes, a picture and [the site](https://example.com).');
  });

  it('refuse a symbolic link, which could lead outside the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-templates-'));
    writeFileSync(join(dir, 'policy.yaml'), minimal);
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    mkdirSync(join(dir, 'mine'));
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'mine', 'changes.md.hbs'));
    let stderr = '';
    const code = await main(['build', 'policy.yaml', '-o', 'out', '--templates', 'mine'], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      cwd: dir,
      env: {},
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/symbolic links are not followed/);
  });

  it('know every helper policygen registers', async () => {
    // What registerHelpers gives Handlebars, taken from a stand-in for it.
    const registered: string[] = [];
    const stand = { registerHelper: (helpers: Record<string, unknown>) => registered.push(...Object.keys(helpers)) };
    registerHelpers(stand as unknown as Parameters<typeof registerHelpers>[0], bundledTemplates('en').labels, 'en');
    // The provenance markers of a traced render (instrument.ts) are not for templates to call.
    const forTemplates = registered.filter((name) => !name.startsWith('__pv_'));
    expect(forTemplates.sort()).toEqual(Object.keys(HELPER_NAMES).sort());
  });
});

describe('a clause after one law’s section (issue 17)', () => {
  const withClause = (after: string, jurisdictions = '[us, us-ca]') =>
    `${minimal.replace('jurisdictions: [us]', `jurisdictions: ${jurisdictions}`)}clauses:\n  - id: california-extra\n    title: More for California\n    after: ${after}\n    body: Our own words for Californians.\n`;

  it('goes right after that section, with the id the HTML and JSON use', async () => {
    const { compile } = await import('../src/compile.js');
    const { ruleById } = await import('../src/rules/index.js');
    // The California section needs facts minimal does not declare; this test is about placement.
    const rules = Object.fromEntries([...ruleById.keys()].map((id) => [id, 'off' as const]));
    const result = compile(
      { file: 'p.yaml', text: withClause('jurisdiction-us-ca') },
      { formats: ['md', 'json'], rules },
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const md = result.outputs[0]!.content;
    const california = md.indexOf('## Information for California residents');
    const clause = md.indexOf('## More for California');
    expect(california).toBeGreaterThan(0);
    expect(clause).toBeGreaterThan(california);
    // Nothing between the California section's end and the clause but that section itself.
    const next = md.slice(california + 1).search(/\n## /) + california + 1;
    expect(md.slice(next + 1).startsWith('## More for California')).toBe(true);
    const outline = JSON.parse(result.outputs[1]!.content).sections.map((s: { id: string }) => s.id) as string[];
    expect(outline.indexOf('california-extra')).toBe(outline.indexOf('jurisdiction-us-ca') + 1);
  });

  it('is refused, with a did-you-mean, after the section of a law the declaration does not declare', async () => {
    const { compile } = await import('../src/compile.js');
    const result = compile({ file: 'p.yaml', text: withClause('jurisdiction-us-ca', '[us]') }, { formats: [] });
    const error = result.diagnostics.find((d) => d.code === 'unknown-section')!;
    expect(error.pointer).toBe('/clauses/0/after');
    expect(error.hint).toMatch(/jurisdiction-us\b/);
  });
});
