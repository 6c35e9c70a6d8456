import type { List, Nodes, Root, RootContent, Table } from 'mdast';
import { TOKEN_PATTERN, valueToken } from '../render/tokens.js';
import { parseMarkdown } from './parse-markdown.js';

/**
 * A section parsed block by block (issue 16). Templates keep the block rule (docs/templates.md),
 * so a rendered section is a sequence of headings, paragraphs, list items and table rows, one
 * after another at the start of lines. Each block is kept once per session by its own text,
 * with the section's value tokens renumbered from 0: from the whole parse of the first section
 * that holds it when most of that section is new, otherwise parsed with the section's other new
 * blocks, and the section's tree is put together from copies. A new declaration whose lists are
 * longer or shorter, or whose values differ, then parses only blocks it has not seen. Anything
 * else a Markdown text may hold (an indented line,
 * a quote, a fence, HTML, a link definition, a setext heading, another list marker, a table
 * that does not start after a blank line) makes `parseByBlocks` decline, and the section is
 * parsed whole. test/blocks.test.ts holds both to the same tree, positions included, on every
 * example, locale and fixture, and on arbitrary block sequences.
 */

/**
 * What a tree put together from blocks keeps on its root's `data`: each block's kind, its key
 * (a row's with its table head before it) and how much its tokens' numbers grow in the
 * section. The emitters write each block once by its key (src/emit/markdown-blocks.ts,
 * html-blocks.ts).
 */
export interface BlockRef {
  kind: Kind;
  key: string;
  shift: number;
}

/** The blocks a tree was put together from, if it was. */
export function blocksOf(tree: Root): BlockRef[] | undefined {
  return (tree.data as { blocks?: BlockRef[] } | undefined)?.blocks;
}

/**
 * Parsed blocks by their text, tokens numbered from 0 (kept by a Session; bounded): each as the
 * node it parses to (a list item's item, a table head's table, a row's row), with positions
 * in its key.
 */
export type BlockMemo = Map<string, Nodes | Pending>;

/**
 * A block seen in a section parsed whole, not yet needed again: its node in a copy of that
 * section's tree, moved into its key's numbers and positions the first time it is used.
 * A build that never meets the block again pays only for the copy.
 */
interface Pending {
  pending: Nodes;
  placement: Placement;
}

/** A kept block's node, made from a pending one if need be. */
function kept(memo: BlockMemo, key: string): Nodes | undefined {
  const entry = memo.get(key);
  if (!entry || !('pending' in entry)) return entry;
  const { pending, placement } = entry;
  const starts = startsOfLines(key);
  let node = mapNode(pending, -placement.shift, (offset) => keyOffset(placement, offset), starts);
  // A table head's table is kept as its head alone parses: it ends with the head.
  if (node.type === 'table') node = { ...node, position: { start: point(0, starts), end: point(key.length, starts) } };
  memo.set(key, node);
  return node;
}
const MEMO_LIMIT = 20_000;

export type Kind = 'heading' | 'paragraph' | 'item' | 'table' | 'row';

interface Cut {
  kind: Kind;
  start: number;
  end: number;
  /** A blank line comes between this block and the one before. */
  blankBefore: boolean;
  /** A row's table head. */
  head?: Cut;
}

const BLANK = /^[ \t]*$/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const ITEM = /^- (?! *$)/;
const TABLE = /^\|/;
const DELIMITER_ROW = /^\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$/;
/**
 * Lines that may start anything but a heading, paragraph, `- ` item or table: tabs, quotes, fences, HTML, link and footnote definitions, other list markers, thematic breaks and
 * setext underlines, and a line of only pipes, colons and hyphens (a table's delimiter row).
 */
const OTHER =
  /^(?:\t|>|```|~~~|<|\[[^\]]*\]:|\[\^|[*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|-(?:\t|$)|=+[ \t]*$|([*_-])(?:[ \t]*\1){2,}[ \t]*$|[ \t|:-]*-[ \t|:-]*$)/;
/** An item whose text would start another block inside it. */
const ITEM_OTHER = /^- +(?:#{1,6}(?:[ \t]|$)|>|```|~~~|<|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\|)/;
/** Link and footnote definitions anywhere, which other blocks may refer to. */
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)*\]:/m;

/** Cuts a section's Markdown into blocks, or `undefined` if it holds anything else. */
export function cutBlocks(markdown: string): Cut[] | undefined {
  if (DEFINITION.test(markdown) || markdown.includes('\r')) return undefined;
  const cuts: Cut[] = [];
  let open: Cut | undefined;
  let head: Cut | undefined;
  let blank = false;
  let start = 0;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const end = start + line.length;
    const next = () => {
      start = end + 1;
    };
    if (BLANK.test(line)) {
      open = undefined;
      head = undefined;
      blank = true;
      next();
      continue;
    }
    if (HEADING.test(line)) {
      cuts.push({ kind: 'heading', start, end, blankBefore: blank });
      open = undefined;
      head = undefined;
    } else if (ITEM.test(line)) {
      if (ITEM_OTHER.test(line) || head) return undefined;
      open = { kind: 'item', start, end, blankBefore: blank };
      cuts.push(open);
    } else if (TABLE.test(line)) {
      if (head) cuts.push({ kind: 'row', start, end, blankBefore: false, head });
      else {
        const delimiter = lines[i + 1];
        if (open || delimiter === undefined || !DELIMITER_ROW.test(delimiter)) return undefined;
        head = { kind: 'table', start, end: end + 1 + delimiter.length, blankBefore: blank };
        cuts.push(head);
        i++;
        start = head.end + 1;
        blank = false;
        continue;
      }
    } else {
      // Up to three spaces may begin a paragraph's line (a template's condition left out what
      // came first); after an item, they could put the line inside it.
      const text = line.replace(/^ {1,3}/, '');
      if (text !== line && (/^[ #|*+-]/.test(text) || (!open && cuts.at(-1)?.kind === 'item'))) return undefined;
      if (OTHER.test(text) || head) return undefined;
      // A line after a paragraph or item continues it.
      if (open) open.end = end;
      else {
        open = { kind: 'paragraph', start, end, blankBefore: blank };
        cuts.push(open);
      }
    }
    blank = false;
    next();
  }
  return cuts;
}

/** Where a block's text sits in the section's key: for mapping tokens and positions back. */
interface Placement {
  /** The block's text, tokens numbered from `first` (its head's tokens come before, for a row). */
  key: string;
  /** The section's number of the block's first token, minus the number the key gives it. */
  shift: number;
  /** Section offset of key offset `from`; key offsets below `from` are the head's. */
  from: number;
  at: number;
  /** Key end offsets of the block's tokens, the same in the section, and how much longer the section's are by then. */
  ends: number[];
  sectionEnds: number[];
  by: number[];
}

/**
 * The section's tree, as `parseMarkdown(markdown)` gives it, or `undefined` where the text is
 * not a plain sequence of blocks. When most of its blocks are new, the section is parsed whole
 * (one parser run, as before) and its blocks are kept; otherwise the few new blocks are parsed
 * together and the tree is put together from copies of the kept ones. `positions` asks for node
 * positions in the section's offsets (for the statements); without it, they may be left out.
 */
export function parseByBlocks(markdown: string, memo: BlockMemo, positions: boolean): Root | undefined {
  const cuts = cutBlocks(markdown);
  if (!cuts) return undefined;
  const tokensBefore = tokenCounter(markdown);
  const placements = cuts.map((cut) => place(markdown, cut, tokensBefore));
  const refs: BlockRef[] = placements.map((p, i) => ({ kind: cuts[i]!.kind, key: p.key, shift: p.shift }));
  const missing = new Set(placements.filter((p) => !memo.has(p.key)).map((p) => p.key));
  if (missing.size * 4 > cuts.length) {
    const tree = parseMarkdown(markdown);
    // Later stages change the tree they are given: the blocks are kept from a copy.
    const nodes = split(structuredClone(tree), cuts);
    if (!nodes) return tree;
    if (memo.size + missing.size > MEMO_LIMIT) memo.clear();
    nodes.forEach((node, i) => {
      const placement = placements[i]!;
      if (!memo.has(placement.key)) memo.set(placement.key, { pending: node, placement });
    });
    tree.data = { blocks: refs } as Root['data'];
    return tree;
  }
  if (!parseMissing(placements, cuts, memo)) return undefined;
  const lineStarts = positions ? startsOfLines(markdown) : undefined;
  const root: Root = { type: 'root', children: [], data: { blocks: refs } as Root['data'] };
  let list: List | undefined;
  let table: Table | undefined;
  for (const [i, cut] of cuts.entries()) {
    const placement = placements[i]!;
    const node = mapNode(
      kept(memo, placement.key)!,
      placement.shift,
      (offset) => sectionOffset(placement, offset),
      lineStarts,
    );
    if (node.type !== KIND_NODE[cut.kind]) return undefined;
    if (node.type === 'tableRow') {
      if (!table) return undefined;
      table.children.push(node);
      if (node.position) table.position!.end = node.position.end;
    } else if (node.type === 'listItem') {
      if (list && root.children.at(-1) === list) {
        list.children.push(node);
        if (cut.blankBefore) list.spread = true;
        if (node.position) list.position!.end = node.position.end;
      } else {
        list = { type: 'list', ordered: false, start: null, spread: false, children: [node] };
        if (node.position) list.position = { start: node.position.start, end: node.position.end };
        root.children.push(list);
      }
    } else {
      if (node.type === 'table') table = node;
      root.children.push(node as RootContent);
    }
  }
  if (lineStarts) root.position = { start: point(0, lineStarts), end: point(markdown.length, lineStarts) };
  return root;
}

/** The node each kind of block is kept as. */
const KIND_NODE: Record<Kind, Nodes['type']> = {
  heading: 'heading',
  paragraph: 'paragraph',
  item: 'listItem',
  table: 'table',
  row: 'tableRow',
};

/**
 * A whole section's tree cut as `cuts` cut its text: each block's node (a list's items, a
 * table's head as a table of one row, its rows), or `undefined` if the tree does not match.
 */
function split(tree: Root, cuts: Cut[]): Nodes[] | undefined {
  const nodes: Nodes[] = [];
  let c = 0;
  let list: List | undefined;
  let table: Table | undefined;
  let next = 0;
  for (const cut of cuts) {
    if (cut.kind === 'item' && list && nodes.at(-1)?.type === 'listItem' && next < list.children.length) {
      nodes.push(list.children[next++]!);
      continue;
    }
    if (list && next !== list.children.length) return undefined;
    list = undefined;
    if (cut.kind === 'row') {
      const row = table?.children[next++];
      if (!row) return undefined;
      nodes.push(row);
      continue;
    }
    if (table && next !== table.children.length) return undefined;
    table = undefined;
    const node = tree.children[c++];
    if (cut.kind === 'item') {
      if (node?.type !== 'list' || node.ordered) return undefined;
      list = node;
      next = 1;
      nodes.push(node.children[0]!);
    } else if (cut.kind === 'table') {
      if (node?.type !== 'table') return undefined;
      table = node;
      next = 1;
      nodes.push({ ...node, children: node.children.slice(0, 1) });
    } else {
      if (node?.type !== cut.kind) return undefined;
      nodes.push(node);
    }
  }
  const rest = list ?? table;
  if (rest && next !== rest.children.length) return undefined;
  return c === tree.children.length ? nodes : undefined;
}

/** Between two items parsed together, so that they are not one list: an empty heading. */
const SEPARATOR = '######';

/**
 * Parses the few blocks the memo lacks, all in one document, and keeps each one's node with
 * positions of its own key. Each block starts a line after a blank line, where nothing before
 * it changes how it is read; two items have an empty heading between them, which ends a list.
 * `false` if the document does not come out as one node per block.
 */
function parseMissing(placements: Placement[], cuts: Cut[], memo: BlockMemo): boolean {
  const kinds = new Map<string, Kind>();
  placements.forEach((p, i) => {
    if (!memo.has(p.key)) kinds.set(p.key, cuts[i]!.kind);
  });
  if (kinds.size === 0) return true;
  let text = '';
  let line = 0;
  const starts: { offset: number; line: number }[] = [];
  let item = false;
  for (const [key, kind] of kinds) {
    if (text) {
      const apart = item && kind === 'item';
      text += apart ? `\n\n${SEPARATOR}\n\n` : '\n\n';
      line += apart ? 4 : 2;
    }
    starts.push({ offset: text.length, line });
    text += key;
    line += countLines(key) - 1;
    item = kind === 'item';
  }
  let parsed = parseMarkdown(text).children.filter(
    (node) => !(node.type === 'heading' && node.depth === 6 && node.children.length === 0),
  );
  if (parsed.length !== kinds.size) {
    // A block that is itself an empty level-6 heading: each is parsed alone instead.
    parsed = [...kinds.keys()].map((key) => parseMarkdown(key).children[0]!);
    starts.fill({ offset: 0, line: 0 });
  }
  const nodes: Nodes[] = [];
  let i = 0;
  for (const kind of kinds.values()) {
    const node = parsed[i++];
    if (kind === 'item' && node?.type === 'list' && node.children.length === 1) nodes.push(node.children[0]!);
    else if (kind === 'row' && node?.type === 'table' && node.children.length === 2) nodes.push(node.children[1]!);
    else if (kind === 'table' && node?.type === 'table' && node.children.length === 1) nodes.push(node);
    else if (node?.type === kind) nodes.push(node);
    else return false;
  }
  if (memo.size + kinds.size > MEMO_LIMIT) {
    // The section's other blocks go too: parse them all again.
    memo.clear();
    return parseMissing(placements, cuts, memo);
  }
  [...kinds.keys()].forEach((key, n) => {
    const node = nodes[n]!;
    shiftPositions(node, starts[n]!.offset, starts[n]!.line);
    memo.set(key, node);
  });
  return true;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function shiftPositions(node: Nodes, offset: number, line: number): void {
  if (node.position) {
    const { start, end } = node.position;
    node.position = {
      start: { line: start.line - line, column: start.column, offset: (start.offset ?? 0) - offset },
      end: { line: end.line - line, column: end.column, offset: (end.offset ?? 0) - offset },
    };
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child, offset, line);
}

/** How many value tokens come before each offset (by token start). */
function tokenCounter(markdown: string): (offset: number) => number {
  const starts: number[] = [];
  for (const match of markdown.matchAll(TOKEN_PATTERN)) starts.push(match.index);
  return (offset) => countUpTo(starts, offset, true);
}

/** A block's key (its head first, for a row) with its tokens numbered from 0. */
function place(markdown: string, cut: Cut, tokensBefore: (offset: number) => number): Placement {
  const ends: number[] = [];
  const sectionEnds: number[] = [];
  const by: number[] = [];
  let n = 0;
  let longer = 0;
  // `at` is where the token was in the section's text; in the key it is `longer` earlier.
  const renumber = (text: string, offset: number, record: boolean) =>
    text.replace(TOKEN_PATTERN, (whole: string, _i: string, at: number) => {
      const local = valueToken(n++);
      if (record) {
        ends.push(offset + at - longer + local.length);
        sectionEnds.push(cut.start + at + whole.length);
        longer += whole.length - local.length;
        by.push(longer);
      }
      return local;
    });
  let key = '';
  let from = 0;
  if (cut.head) {
    key = `${renumber(markdown.slice(cut.head.start, cut.head.end), 0, false)}\n`;
    from = key.length;
  }
  const first = n;
  const own = markdown.slice(cut.start, cut.end);
  // The key offsets recorded are the block's own, after the head.
  const body = renumber(own, from, true);
  return { key: key + body, shift: tokensBefore(cut.start) - first, from, at: cut.start, ends, sectionEnds, by };
}

/**
 * A copy of a node with its tokens' numbers moved by `shift` and its positions moved by
 * `offset` (with line and column from `lineStarts`), or without positions.
 */
function mapNode<T extends Nodes>(
  node: T,
  shift: number,
  offset: (at: number) => number,
  lineStarts: number[] | undefined,
): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === 'position') {
      if (lineStarts && node.position) {
        out['position'] = {
          start: point(offset(node.position.start.offset ?? 0), lineStarts),
          end: point(offset(node.position.end.offset ?? 0), lineStarts),
        };
      }
    } else if (name === 'children') {
      out['children'] = (value as Nodes[]).map((child) => mapNode(child, shift, offset, lineStarts));
    } else if (typeof value === 'string' && shift !== 0 && value.includes('\uE000')) {
      out[name] = value.replace(TOKEN_PATTERN, (_whole: string, i: string) => valueToken(Number(i) + shift));
    } else if (Array.isArray(value)) {
      out[name] = [...value];
    } else if (value && typeof value === 'object') {
      out[name] = { ...(value as object) };
    } else out[name] = value;
  }
  return out as T;
}

/** Where a section offset is in a block's key (the inverse of sectionOffset). */
function keyOffset(placement: Placement, offset: number): number {
  const n = countUpTo(placement.sectionEnds, offset);
  return offset - placement.at + placement.from - (n > 0 ? placement.by[n - 1]! : 0);
}

/** Where a block's key offset is in its section (tokens there may be longer or shorter). */
function sectionOffset(placement: Placement, offset: number): number {
  const n = countUpTo(placement.ends, offset);
  return placement.at + (offset - placement.from) + (n > 0 ? placement.by[n - 1]! : 0);
}

/** How many of an ascending list are at most `value` (or, with `below`, less than it). */
function countUpTo(sorted: readonly number[], value: number, below = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below ? sorted[mid]! < value : sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function point(offset: number, lineStarts: number[]): { line: number; column: number; offset: number } {
  const line = countUpTo(lineStarts, offset);
  return { line, column: offset - lineStarts[line - 1]! + 1, offset };
}
