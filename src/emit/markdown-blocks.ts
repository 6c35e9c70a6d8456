import type { Html, List, ListItem, Root, RootContent, Table, TableRow } from 'mdast';
import { blocksOf, type BlockRef } from '../assemble/blocks.js';

/** Every token kind (value, URL, link text) with its number; in HTML a URL token is percent-encoded. */
const ANY_TOKEN = /([\uE000\uE002\uE005]|%EE%80%82)(\d+)([\uE001\uE003\uE006]|%EE%80%83)/gi;
/** A serialised block's tokens, their numbers moved by `by` (the block's place in another section). */
export const renumber = (text: string, by: number): string =>
  by === 0
    ? text
    : text.replace(ANY_TOKEN, (_, open: string, n: string, close: string) => open + (Number(n) + by) + close);

/**
 * Serialised blocks by key, tokens numbered as in the key (kept by a Session; bounded); a block
 * of a section written whole is kept as its node, and written the first time it is needed.
 */
export type MarkdownBlocks = Map<string, string | Planned>;
const LIMIT = 20_000;

/** Between blocks written together: raw text no block can hold (the schema refuses U+E00D). */
const SEPARATOR = '\uE00D';
const SEPARATOR_NODE: Html = { type: 'html', value: SEPARATOR };

/** One block of a section: what to write if it is not in the memo, and which line of that to keep. */
interface Planned {
  ref: BlockRef;
  node: RootContent;
  line?: number;
}

/**
 * A section's Markdown written block by block, when assemble put its tree together from
 * blocks (src/assemble/blocks.ts): each heading, paragraph, list item and table row is
 * serialised once per session by its key, and the section is joined as remark-stringify joins
 * them (a blank line between blocks, a line break between the items of a tight list and the
 * rows of a table). The blocks not seen before are serialised in one run, with a separator
 * between them. Declines (`undefined`) for a tree whose blocks are not all plain: an item of
 * more than one paragraph, a row with more cells than its head. test/blocks.test.ts holds the
 * result to serialising the whole tree, on every section of every example and fixture.
 */
export function markdownByBlocks(
  shape: Root,
  stringify: (tree: Root) => string,
  memo: MarkdownBlocks,
  afterHeading?: Root,
): string | undefined {
  const refs = blocksOf(shape);
  if (!refs || shape.children.length === 0) return undefined;
  // Each top-level node as the blocks it joins and the text between them.
  const groups: { blocks: Planned[]; join: string }[] = [];
  let r = 0;
  const plan = (kind: BlockRef['kind'], node: RootContent, line?: number): Planned | undefined => {
    const ref = refs[r++];
    return ref?.kind === kind ? { ref, node, ...(line === undefined ? {} : { line }) } : undefined;
  };
  for (const node of shape.children) {
    if (node.type === 'heading' || node.type === 'paragraph') {
      const block = plan(node.type, node);
      if (!block) return undefined;
      groups.push({ blocks: [block], join: '' });
    } else if (node.type === 'list') {
      if (node.ordered) return undefined;
      const blocks: Planned[] = [];
      for (const item of node.children) {
        if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph' || item.spread) return undefined;
        const block = plan('item', listOf(node, item));
        if (!block) return undefined;
        blocks.push(block);
      }
      groups.push({ blocks, join: node.spread ? '\n\n' : '\n' });
    } else if (node.type === 'table') {
      const [head, ...rows] = node.children;
      if (!head) return undefined;
      const blocks = [plan('table', tableOf(node, [head]))];
      for (const row of rows) {
        if (row.children.length > head.children.length) return undefined;
        blocks.push(plan('row', tableOf(node, [head, row]), 2));
      }
      if (blocks.includes(undefined)) return undefined;
      groups.push({ blocks: blocks as Planned[], join: '\n' });
    } else return undefined;
  }
  if (r !== refs.length) return undefined;
  const blocks = groups.flatMap((g) => g.blocks);
  // Mostly new blocks: the section is written whole, as before, and its blocks kept for later.
  const absent = blocks.filter((b) => !memo.has(b.ref.key));
  if (absent.length * 4 > blocks.length) {
    if (memo.size + absent.length > LIMIT) memo.clear();
    for (const block of absent) memo.set(block.ref.key, block);
    return undefined;
  }
  writeMissing(
    groups.flatMap((g) => g.blocks),
    stringify,
    memo,
  );
  const parts = groups.map((g) =>
    g.blocks.map((b) => renumber(memo.get(b.ref.key) as string, b.ref.shift)).join(g.join),
  );
  // A section's citation, under its heading (MarkdownOptions.visibleCitations).
  if (afterHeading && shape.children[0]!.type === 'heading')
    parts.splice(1, 0, stringify(afterHeading).replace(/\n$/, ''));
  return `${parts.join('\n\n')}\n`;
}

/** Serialises the blocks the memo lacks, in one run, and keeps each by its key. */
function writeMissing(blocks: Planned[], stringify: (tree: Root) => string, memo: MarkdownBlocks): void {
  const unique = (list: Planned[]) => {
    const seen = new Set<string>();
    return list.filter((b) => !seen.has(b.ref.key) && seen.add(b.ref.key));
  };
  // Blocks not written yet, or kept as nodes (written with their own section's numbers).
  const pending = (b: Planned): Planned | undefined => {
    const entry = memo.get(b.ref.key);
    return entry === undefined ? b : typeof entry === 'string' ? undefined : entry;
  };
  let missing = unique(blocks.map(pending).filter((b) => b !== undefined));
  if (missing.length === 0) return;
  if (memo.size + missing.length > LIMIT) {
    memo.clear();
    missing = unique(blocks);
  }
  const children = missing.flatMap((b, i) => (i === 0 ? [b.node] : [SEPARATOR_NODE, b.node]));
  const texts = stringify({ type: 'root', children }).replace(/\n$/, '').split(`\n\n${SEPARATOR}\n\n`);
  missing.forEach((block, i) => {
    // Each alone, if the separator did not come out where it was put.
    const whole = texts.length === missing.length ? texts[i]! : stringify(alone(block.node)).replace(/\n$/, '');
    // Stored with the key's numbers: the same block elsewhere has other numbers.
    memo.set(
      block.ref.key,
      renumber(block.line === undefined ? whole : whole.split('\n')[block.line]!, -block.ref.shift),
    );
  });
}

const alone = (node: RootContent): Root => ({ type: 'root', children: [node] });
const listOf = (list: List, item: ListItem): List => ({ ...list, spread: false, children: [item] });
const tableOf = (table: Table, rows: TableRow[]): Table => ({ ...table, children: rows });
