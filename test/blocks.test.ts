import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { dropPositions } from '../src/assemble/assemble.js';
import { cutBlocks, parseByBlocks } from '../src/assemble/blocks.js';
import { parseMarkdown } from '../src/assemble/parse-markdown.js';
import { compile } from '../src/compile.js';
import { localeCodes } from '../src/locales.js';
import { valueToken } from '../src/render/tokens.js';
import { Session } from '../src/session.js';
import { equalWorkDeclaration } from '../bench/generate.mjs';
import { root } from './helpers.js';

/** The whole-document parse, the oracle: what parseByBlocks must give, positions included. */
function whole(markdown: string, positions: boolean): Root {
  const tree = parseMarkdown(markdown);
  if (!positions) dropPositions(tree);
  return tree;
}

/** Every section shape of every example and jurisdiction fixture, in every locale. */
function sectionKeys(): string[] {
  const files = [
    ...readdirSync(join(root, 'examples'))
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => join(root, 'examples', n)),
    ...readdirSync(join(root, 'test/jurisdictions'))
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => join(root, 'test/jurisdictions', n)),
  ];
  const session = new Session();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const locale of localeCodes())
      compile({ file, text }, { formats: ['md'], locale, allowFallback: true, session });
  }
  return [...session.shapes.keys()];
}

describe('sections parsed block by block (src/assemble/blocks.ts)', () => {
  const keys = sectionKeys();

  it('give the whole-document tree for every section of every example and fixture, in every locale', () => {
    expect(keys.length).toBeGreaterThan(1000);
    const memo = new Map<string, Root>();
    let declined = 0;
    for (const key of keys) {
      const blocks = parseByBlocks(key, memo, true);
      if (!blocks) {
        declined++;
        continue;
      }
      expect(blocks, key).toEqual(whole(key, true));
      expect(parseByBlocks(key, memo, false), key).toEqual(whole(key, false));
    }
    // policygen's own templates keep the block rule: no section of theirs needs the whole parse.
    expect(declined).toBe(0);
  });

  it('share blocks between declarations: another policy of the same kind parses few new blocks', () => {
    const session = new Session();
    const build = (text: string) => compile({ file: 'policy.yaml', text }, { formats: ['md'], session });
    build(equalWorkDeclaration({ seed: 1, categories: 40, vendors: 30 }));
    const before = session.blocks.size;
    const shapes = session.shapes.size;
    // Other values, and lists of other lengths: new section shapes, hardly any new blocks.
    build(equalWorkDeclaration({ seed: 2, categories: 33, vendors: 24 }));
    expect(session.shapes.size - shapes).toBeGreaterThan(5);
    const parsed = [...session.shapes.keys()].slice(shapes).reduce((n, key) => n + cutBlocks(key)!.length, 0);
    expect(session.blocks.size - before).toBeLessThan(parsed / 20);
  });

  it('leave the cached blocks as they were, whatever is done to the trees made from them', () => {
    const memo = new Map<string, Root>();
    const key = `## Title\n\n${valueToken(0)} and ${valueToken(1)}.\n\n- ${valueToken(2)}\n- b\n\n| a | b |\n| - | - |\n| ${valueToken(3)} | c |\n`;
    const first = parseByBlocks(key, memo, true)!;
    const saved = structuredClone([...memo]);
    const mutate = (node: Record<string, unknown>) => {
      for (const value of Object.values(node))
        if (Array.isArray(value)) for (const child of value) if (child && typeof child === 'object') mutate(child);
      if (typeof node['value'] === 'string') node['value'] = 'changed';
      node['data'] = { changed: true };
    };
    mutate(first as unknown as Record<string, unknown>);
    expect([...memo]).toEqual(saved);
    expect(parseByBlocks(key, memo, true)).toEqual(whole(key, true));
  });

  // Arbitrary sequences of the blocks templates make, with and without blank lines between,
  // value tokens anywhere, and lines of anything else Markdown has.
  const word = fc.constantFrom(
    'text',
    'Text.',
    '**Bold.**',
    '_em_',
    '`code`',
    '[link](https://x.example)',
    'a@b.example',
    'www.x.example',
    '~x~',
    'a | b',
    '[ ] task',
    '\\*',
    '&amp;',
    '<b>x</b>',
    '{#id}',
    '#',
    'x  ',
  );
  const inline = fc
    .array(
      fc.oneof(
        word,
        fc.nat(12).map((n) => valueToken(n)),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((parts) => parts.join(' '));
  const other = fc.constantFrom(
    '> quote',
    '    code',
    '```',
    '~~~',
    '<div>',
    '[x]: https://y.example',
    '* star',
    '+ plus',
    '1. one',
    '2) two',
    '---',
    '***',
    '===',
    '|-|-|',
    '  - nested',
    '-',
    '- # h',
    '\t- tab',
    'a\r',
    ' lead',
    '   three',
    ' # h',
    ' - i',
    ' | t |',
  );
  const line = fc.oneof(
    { weight: 4, arbitrary: inline },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([d, t]) => `${'#'.repeat(d)} ${t}`) },
    { weight: 3, arbitrary: inline.map((t) => `- ${t}`) },
    {
      weight: 2,
      arbitrary: fc.array(inline, { minLength: 1, maxLength: 3 }).map((cells) => `| ${cells.join(' | ')} |`),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => `|${' --- |'.repeat(n)}`) },
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: other },
  );
  /** Renumbers tokens in order of appearance, as a section's key has them. */
  const asKey = (text: string) => {
    let n = 0;
    return text.replace(/\uE000\d+\uE001/g, () => valueToken(n++));
  };

  it('give the whole-document tree for arbitrary block sequences, or decline', () => {
    let used = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), (lines) => {
        const key = asKey(lines.join('\n'));
        const memo = new Map<string, Root>();
        const blocks = parseByBlocks(key, memo, true);
        if (blocks) {
          used++;
          expect(blocks).toEqual(whole(key, true));
          expect(parseByBlocks(key, memo, false)).toEqual(whole(key, false));
        }
      }),
      { numRuns: 3000 },
    );
    // The generator mostly makes what templates make: most are parsed by blocks.
    expect(used).toBeGreaterThan(500);
  });
});
