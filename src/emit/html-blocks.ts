import type { List, ListItem, Paragraph, Root, RootContent, Table, TableRow } from 'mdast';
import { blocksOf, type BlockRef } from '../assemble/blocks.js';
import { mostlyNew, SEPARATOR, type Writable, type WrittenBlocks, writeMissing, written } from './written-blocks.js';

/** Written HTML of blocks by key (kept by a Session; bounded). */
export type HtmlBlocks = WrittenBlocks<Planned>;

/** Between blocks written together: a paragraph of the separator. */
const SEPARATOR_NODE: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: SEPARATOR }] };
const SEPARATOR_HTML = `\n<p>${SEPARATOR}</p>\n`;

/** One block to write, and what to keep of its HTML: all, a list's item, a table's head, a table's last row. */
interface Planned extends Writable {
  part: 'all' | 'item' | 'head' | 'row';
}

/**
 * A section's HTML written block by block, for a shape assemble put together from blocks
 * (src/assemble/blocks.ts), as src/emit/markdown-blocks.ts writes its Markdown: each heading
 * (with its id), paragraph, list item and table row is written once per session and joined as
 * remark-rehype and rehype-stringify join them. `tree` is the shape as the HTML emitter dresses
 * it: headings with their ids, perhaps a citation paragraph after the first (which has no
 * block of its own, at `inserted`). Declines (`undefined`) where the tree is not plain blocks, and writes a
 * section of mostly new blocks whole, keeping its blocks for later. test/blocks.test.ts holds
 * the result to writing the whole tree, on every section of every example and fixture, and on
 * arbitrary block sequences.
 */
export function htmlByBlocks(
  shape: Root,
  tree: Root,
  toHtml: (tree: Root) => string,
  memo: HtmlBlocks,
  inserted?: number,
): string | undefined {
  const refs = blocksOf(shape);
  if (!refs || tree.children.length === 0) return undefined;
  const pieces: Planned[][] = [];
  const joins: string[][] = [];
  let r = 0;
  const plan = (kind: BlockRef['kind'], node: RootContent, part: Planned['part'], salt = ''): Planned | undefined => {
    const ref = refs[r++];
    return ref?.kind === kind ? { key: `${ref.key}\0${part}${salt}`, shift: ref.shift, node, part } : undefined;
  };
  for (const [i, node] of tree.children.entries()) {
    if (i === inserted) {
      // The citation paragraph the emitter added under the first heading.
      pieces.push([{ key: '', shift: 0, node, part: 'all' }]);
      joins.push(['', '']);
      continue;
    }
    if (node.type === 'heading' || node.type === 'paragraph') {
      const props = node.type === 'heading' ? JSON.stringify(node.data ?? {}) : '';
      const block = plan(node.type, node, 'all', props);
      if (!block) return undefined;
      pieces.push([block]);
      joins.push(['', '']);
    } else if (node.type === 'list') {
      if (node.ordered) return undefined;
      const items: Planned[] = [];
      for (const item of node.children) {
        // A task item gives its list a class of its own.
        if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph' || item.spread) return undefined;
        if (item.checked !== null && item.checked !== undefined) return undefined;
        const block = plan('item', listOf(node, item), 'item', node.spread ? 'spread' : '');
        if (!block) return undefined;
        items.push(block);
      }
      pieces.push(items);
      joins.push(['<ul>\n', '\n</ul>']);
    } else if (node.type === 'table') {
      const [head, ...rows] = node.children;
      if (!head) return undefined;
      const align = JSON.stringify(node.align ?? []);
      const blocks = [plan('table', tableOf(node, [head]), 'head', align)];
      for (const row of rows) {
        if (row.children.length > head.children.length) return undefined;
        blocks.push(plan('row', tableOf(node, [head, row]), 'row', align));
      }
      if (blocks.includes(undefined)) return undefined;
      pieces.push(blocks as Planned[]);
      joins.push(['<table>\n', rows.length ? '\n</tbody>\n</table>' : '\n</table>']);
    } else return undefined;
  }
  if (r !== refs.length) return undefined;
  const blocks = pieces.flat().filter((b) => b.key !== '');
  if (mostlyNew(blocks, memo)) return undefined;
  writeMissing(blocks, memo, {
    together: (nodes) => toHtml({ type: 'root', children: nodes }).split(SEPARATOR_HTML),
    alone: (node) => toHtml({ type: 'root', children: [node] }),
    keep: (text, block) => partOf(text, block.part),
    separator: SEPARATOR_NODE,
  });
  const html = (b: Planned) => (b.key === '' ? toHtml({ type: 'root', children: [b.node] }) : written(memo, b));
  return pieces
    .map((group, g) => {
      const [open, close] = joins[g]!;
      const texts = group.map(html);
      // A table's head, then its rows in a body.
      if (open === '<table>\n')
        return `${open}${texts[0]}${texts.length > 1 ? `\n<tbody>\n${texts.slice(1).join('\n')}` : ''}${close}`;
      return open + texts.join('\n') + close;
    })
    .join('\n');
}

/** The part of a written block that is kept: a list's item, a table's head or its last row. */
function partOf(html: string, part: Planned['part']): string {
  if (part === 'all') return html;
  if (part === 'item') return html.slice('<ul>\n'.length, -'\n</ul>'.length);
  const head = html.indexOf('<thead>');
  const headEnd = html.indexOf('</thead>') + '</thead>'.length;
  if (part === 'head') return html.slice(head, headEnd);
  const body = html.indexOf('<tbody>\n') + '<tbody>\n'.length;
  return html.slice(body, html.lastIndexOf('\n</tbody>'));
}

const listOf = (list: List, item: ListItem): List => ({ ...list, children: [item] });
const tableOf = (table: Table, rows: TableRow[]): Table => ({ ...table, children: rows });
