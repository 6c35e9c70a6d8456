import type { Html, List, ListItem, Root, RootContent, Table, TableRow } from 'mdast';
import { blocksOf, type BlockRef } from '../assemble/blocks.js';
import { mostlyNew, SEPARATOR, type Writable, type WrittenBlocks, writeMissing, written } from './written-blocks.js';

/** Written Markdown of blocks by key (kept by a Session; bounded). */
export type MarkdownBlocks = WrittenBlocks<Planned>;

/** One block of a section: what to write if it is not in the memo, and which line of that to keep. */
interface Planned extends Writable {
  line?: number;
}

const SEPARATOR_NODE: Html = { type: 'html', value: SEPARATOR };

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
    return ref?.kind === kind
      ? { key: ref.key, shift: ref.shift, node, ...(line === undefined ? {} : { line }) }
      : undefined;
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
  if (mostlyNew(blocks, memo)) return undefined;
  writeMissing(blocks, memo, {
    together: (nodes) => stringify({ type: 'root', children: nodes }).replace(/\n$/, '').split(`\n\n${SEPARATOR}\n\n`),
    alone: (node) => stringify(alone(node)).replace(/\n$/, ''),
    keep: (text, block) => (block.line === undefined ? text : text.split('\n')[block.line]!),
    separator: SEPARATOR_NODE,
  });
  const parts = groups.map((g) => g.blocks.map((b) => written(memo, b)).join(g.join));
  // A section's citation, under its heading (MarkdownOptions.visibleCitations).
  if (afterHeading && shape.children[0]!.type === 'heading')
    parts.splice(1, 0, stringify(afterHeading).replace(/\n$/, ''));
  return `${parts.join('\n\n')}\n`;
}

const alone = (node: RootContent): Root => ({ type: 'root', children: [node] });
const listOf = (list: List, item: ListItem): List => ({ ...list, spread: false, children: [item] });
const tableOf = (table: Table, rows: TableRow[]): Table => ({ ...table, children: rows });
