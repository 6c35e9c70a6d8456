import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { blockRuleProblems } from '../src/render/block-rule.js';
import { compileText, minimal, root, run } from './helpers.js';

const fromMarkdown = (markdown: string) => unified().use(remarkParse).parse(markdown);
const problems = (source: string) => blockRuleProblems(Handlebars.parse(source), source);
const at = (source: string) => problems(source).map((p) => `${p.line}:${p.column}`);

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templateFiles(path);
    return name.endsWith('.md.hbs') ? [path] : [];
  });
}

describe('the block rule (docs/templates.md)', () => {
  it('holds for every template policygen ships, in every locale', () => {
    const found = templateFiles(join(root, 'templates')).flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return problems(source).map((p) => `${relative(root, file)}:${p.line}:${p.column}: ${p.message}`);
    });
    expect(found).toEqual([]);
  });

  const allowed: [string, string][] = [
    ['a block inside one line', 'We sell data{{#if to}} to {{to}}{{/if}}.\nMore of the same paragraph.\n'],
    ['whole paragraphs chosen', 'Intro.\n\n{{#if a}}\nA.\n{{else if b}}\nB.\n{{else}}\nC.\n{{/if}}\n\nEnd.\n'],
    ['list items repeated after a paragraph', 'Lead:\n{{#each xs}}\n- {{this}}\n{{/each}}\n'],
    ['table rows repeated', '| a | b |\n| --- | --- |\n{{#each xs}}\n| {{a}} | {{b}} |\n{{/each}}\n'],
    ['a heading chosen', '{{#if a}}\n## Title\n{{/if}}\nText.\n'],
    ['a block that always prints, across lines', 'Text.\n\n{{#law}}\nThe law says so.\n{{/law}}\n'],
    ['alternatives that never meet', 'Text.\n\n{{#if a}}\nA.\n{{else}}\n{{#if b}}\nB.\n{{/if}}\n{{/if}}\n'],
    ['a comment line', 'Text.\n{{!-- a note --}}\nMore.\n'],
    [
      'one-line blocks nested in a line with text outside them',
      'Text.\n{{#if a}}x{{#if b}}y{{/if}}{{/if}} and more.\nEnd.\n',
    ],
  ];
  for (const [what, source] of allowed) it(`allows ${what}`, () => expect(problems(source)).toEqual([]));

  const refused: [string, string, string, RegExp][] = [
    [
      'a block opened inside a line that ends on another',
      'Text.{{#if a}} More:\n\n- x\n{{/if}}\n',
      '1:6',
      /each of its tags must stand on a line of its own/,
    ],
    [
      'a block whose last line runs into the next paragraph',
      'Text.\n\n{{#if a}}\nA.\n{{/if}}\nB.\n',
      '3:1',
      /lines 4 and 6 .*its last line and the line after it/,
    ],
    [
      'two alternatives on consecutive lines',
      '{{#if a}}\nA.\n{{/if}}\n{{#if b}}\nB.\n{{/if}}\n',
      '1:1',
      /lines 2 and 5/,
    ],
    [
      'a block that prints nothing between two lines of one paragraph',
      'A\n{{#if a}}\n\nX\n\n{{/if}}\nC\n',
      '2:1',
      /when it prints nothing/,
    ],
    [
      'a repeated paragraph that would continue a list item',
      '{{#each xs}}\nLead.\n\n- {{this}}\n{{/each}}\n',
      '1:1',
      /when it repeats/,
    ],
    [
      'a list marker inside a block',
      'Ways:\n\n{{#if email}}- By e-mail{{/if}}\n',
      '3:1',
      /begins a heading, list item, quote or table row inside a block/,
    ],
    ['a line of blocks only, inside a paragraph', 'One.\n{{#if a}}Two.{{/if}}\nThree.\n', '2:1', /may print nothing/],
    [
      'two tags on one line',
      'Text.\n\n{{#if a}}\nA.\n\n{{/if}}{{#if b}}\n\nB.\n{{/if}}\n',
      '6:8',
      /puts two block tags on one line/,
    ],
  ];
  for (const [what, source, where, message] of refused)
    it(`refuses ${what}, at its line`, () => {
      expect(at(source)[0]).toBe(where);
      expect(problems(source)[0]!.message).toMatch(message);
    });

  // What the rule prevents: the same template, two values, two block structures.
  it('refuses exactly what would change the Markdown blocks with the data', () => {
    const source = '{{#each providers}}\nWe use {{name}}.\n\n{{#each vendors}}\n- {{this}}\n{{/each}}\n{{/each}}\n';
    const markdown = Handlebars.compile(source)({
      providers: [
        { name: 'A', vendors: ['x'] },
        { name: 'B', vendors: [] },
      ],
    });
    const list = fromMarkdown(markdown).children.find((node) => node.type === 'list');
    // "We use B." became part of the list item above it (a lazy continuation line).
    expect(JSON.stringify(list)).toContain('We use B.');
    expect(problems(source).map((p) => p.message)).toEqual([expect.stringMatching(/when it repeats/)]);
    const fixed = source.replace('{{/each}}\n{{/each}}', '{{/each}}\n\n{{/each}}');
    expect(problems(fixed)).toEqual([]);
    const blocks = fromMarkdown(
      Handlebars.compile(fixed)({
        providers: [
          { name: 'A', vendors: ['x'] },
          { name: 'B', vendors: [] },
        ],
      }),
    );
    expect(blocks.children.map((node) => node.type)).toEqual(['paragraph', 'list', 'paragraph']);
  });

  // The bug the rule found in policygen's own analytics clause (fixed with it).
  it("keeps a second analytics provider's sentence out of the first one's list", () => {
    const example = readFileSync(join(root, 'examples/craft-room.yaml'), 'utf8');
    const start = example.indexOf('  - id: analytics-providers');
    const end = example.indexOf('  - id: service-providers');
    const second = example.slice(start, end).replace('id: analytics-providers', 'id: more-analytics');
    const { outputs } = compileText(example.slice(0, end) + second + example.slice(end), ['md']);
    const md = outputs.find((o) => o.format === 'md')!.content;
    expect(md).toMatch(/- \*\*Lucky Orange\*\*\. Opt out: \[[^\n]+\n\nWe use analytics providers/);
    expect(md).not.toMatch(/\n {2}We use analytics providers/);
  });

  it('stops a build with a user template that breaks it, at the template line, exit 2 (real binary)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-block-rule-'));
    writeFileSync(join(dir, 'policy.yaml'), minimal);
    mkdirSync(join(dir, 'mine'));
    writeFileSync(
      join(dir, 'mine', 'changes.md.hbs'),
      '## Changes\n\nWe post changes here.\n{{#if organization.name}}\nAsk us.\n{{/if}}\n',
    );
    const { code, stderr } = await run(['build', 'policy.yaml', '-o', 'out', '--templates', 'mine'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^mine\/changes\.md\.hbs:4:1 +error +This template has an \{\{#if\}\} that can make one Markdown block of lines 3 and 5/m,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
