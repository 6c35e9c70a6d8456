import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { dropPositions } from '../src/assemble/assemble.js';
import { blocksOf, cutBlocks, parseByBlocks, type BlockMemo } from '../src/assemble/blocks.js';
import { parseMarkdown } from '../src/assemble/parse-markdown.js';
import { compile } from '../src/compile.js';
import { stringify } from '../src/emit/emit-markdown.js';
import { dress, toHtml } from '../src/emit/emit-html.js';
import { htmlByBlocks, type HtmlBlocks } from '../src/emit/html-blocks.js';
import { markdownByBlocks } from '../src/emit/markdown-blocks.js';
import { localeCodes } from '../src/locales.js';
import { valueToken } from '../src/render/tokens.js';
import { Session } from '../src/session.js';
import { equalWorkDeclaration } from '../bench/generate.mjs';
import { root } from './helpers.js';

/** A tree from parseByBlocks as the oracle gives it: without the blocks it was made of, and without positions unless asked. */
function plain(tree: Root | undefined, positions: boolean): Root | undefined {
  if (!tree) return tree;
  const copy = structuredClone({ ...tree, data: undefined });
  if (!positions) dropPositions(copy);
  return copy;
}

/** The whole-document parse, the oracle: what parseByBlocks must give, positions included. */
function whole(markdown: string, positions: boolean): Root {
  const tree = parseMarkdown(markdown);
  if (!positions) dropPositions(tree);
  return tree;
}

/** Every section shape of every example and jurisdiction fixture, in every locale. */
function sectionShapes(): Map<string, Root> {
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
  return session.shapes;
}

describe('sections parsed block by block (src/assemble/blocks.ts)', () => {
  const shapes = sectionShapes();
  const keys = [...shapes.keys()];

  it('give the whole-document tree for every section of every example and fixture, in every locale', () => {
    expect(keys.length).toBeGreaterThan(1000);
    const memo = new Map() as BlockMemo;
    let declined = 0;
    for (const key of keys) {
      const blocks = parseByBlocks(key, memo, true);
      if (!blocks) {
        declined++;
        continue;
      }
      expect(plain(blocks, true), key).toEqual(whole(key, true));
      expect(plain(parseByBlocks(key, memo, false), false), key).toEqual(whole(key, false));
    }
    // policygen's own templates keep the block rule: no section of theirs needs the whole parse.
    expect(declined).toBe(0);
    // Again, every block now kept: each tree is put together from copies.
    for (const key of keys) expect(plain(parseByBlocks(key, memo, true), true), key).toEqual(whole(key, true));
    // With a few blocks forgotten, which are parsed together in one document.
    let n = 0;
    for (const block of [...memo.keys()]) if (n++ % 7 === 0) memo.delete(block);
    for (const key of keys) expect(plain(parseByBlocks(key, memo, true), true), key).toEqual(whole(key, true));
  });

  it('write the Markdown of the whole tree, block by block, for every section of every example and fixture', () => {
    const memo = new Map<string, string>();
    const citation: Root = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'GDPR Art. 13' }] }] },
      ],
    };
    // The first time a section's blocks are mostly new, it is written whole and its blocks kept;
    // the second time, every section is written from its blocks.
    for (const pass of [1, 2]) {
      for (const [key, shape] of shapes) {
        expect(blocksOf(shape), key).toBeDefined();
        const written = markdownByBlocks(shape, stringify, memo);
        if (pass === 2) expect(written, key).toBeDefined();
        if (written !== undefined) expect(written, key).toBe(stringify(shape));
        if (shape.children[0]?.type !== 'heading') continue;
        const cited = { ...shape, children: [shape.children[0]!, ...citation.children, ...shape.children.slice(1)] };
        const withCitation = markdownByBlocks(shape, stringify, memo, citation);
        if (pass === 2) expect(withCitation, key).toBeDefined();
        if (withCitation !== undefined) expect(withCitation, key).toBe(stringify(cited));
      }
    }
  });

  it('write the HTML of the whole tree, block by block, for every section of every example and fixture', () => {
    const memo: HtmlBlocks = new Map();
    for (const pass of [1, 2]) {
      for (const [key, shape] of shapes) {
        const headings = shape.children.filter((node) => node.type === 'heading').length;
        const headingIds = Array.from({ length: headings }, (_, i) => `h${i}`);
        for (const citation of [undefined, 'GDPR Art. 13']) {
          const section = { id: 'h0', key, shape, values: [], headingIds, ...(citation ? { citation } : {}) };
          for (const visible of citation ? ['', citation] : ['']) {
            const { tree, inserted } = dress(section, visible);
            const written = htmlByBlocks(shape, tree, toHtml, memo, inserted);
            if (pass === 2) expect(written, key).toBeDefined();
            if (written !== undefined) expect(written, key).toBe(toHtml(tree));
          }
        }
      }
    }
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
    const memo = new Map() as BlockMemo;
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
    expect(plain(parseByBlocks(key, memo, true), true)).toEqual(whole(key, true));
  });

  // Found by the property test: new blocks are parsed together with an empty level-6 heading
  // between items, so a block that is itself one must be parsed alone.
  it('parses new blocks among kept ones when one of them is an empty level-6 heading', () => {
    // Enough kept blocks that the two new ones are parsed together, not the section whole.
    const key = '# 0\n###### #\n# 0 0\ntext\n0\n\n# a\n\n# b\n\n# c\n\n# d\n\n# e\n\n# f';
    const memo = new Map() as BlockMemo;
    parseByBlocks(key, memo, true);
    expect(memo.has('###### #')).toBe(true);
    memo.delete('###### #');
    memo.delete('# 0');
    expect(plain(parseByBlocks(key, memo, true), true)).toEqual(whole(key, true));
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
    let wrote = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), (lines) => {
        const key = asKey(lines.join('\n'));
        const memo = new Map() as BlockMemo;
        const blocks = parseByBlocks(key, memo, true);
        if (blocks) {
          used++;
          expect(plain(blocks, true)).toEqual(whole(key, true));
          expect(plain(parseByBlocks(key, memo, false), false)).toEqual(whole(key, false));
          // Once more from the kept blocks, and with one of them forgotten.
          expect(plain(parseByBlocks(key, memo, true), true)).toEqual(whole(key, true));
          memo.delete([...memo.keys()][lines.length % memo.size]!);
          expect(plain(parseByBlocks(key, memo, true), true)).toEqual(whole(key, true));
          const writes = new Map();
          const first = markdownByBlocks(blocks, stringify, writes);
          const written = markdownByBlocks(blocks, stringify, writes);
          for (const text of [first, written]) if (text !== undefined) expect(text).toBe(stringify(whole(key, false)));
          if (written !== undefined) wrote++;
          const html: HtmlBlocks = new Map();
          for (const _ of [1, 2]) {
            const text = htmlByBlocks(blocks, blocks, toHtml, html);
            if (text !== undefined) expect(text).toBe(toHtml(whole(key, false)));
          }
        }
      }),
      { numRuns: 3000 },
    );
    // The generator mostly makes what templates make: most are parsed by blocks.
    expect(used).toBeGreaterThan(500);
    expect(wrote).toBeGreaterThan(300);
  });
});
