import type { List, Nodes, Root, RootContent, Table, TableRow } from 'mdast';
import { TOKEN_PATTERN, valueToken } from '../render/tokens.js';
import { parseMarkdown } from './parse-markdown.js';

/**
 * A section parsed block by block (issue 16). Templates keep the block rule (docs/templates.md),
 * so a rendered section is a sequence of headings, paragraphs, list items and table rows, one
 * after another at the start of lines. Each block is parsed once per session by its own text,
 * with the section's value tokens renumbered from 0, and the section's tree is put together
 * from copies: a new declaration whose lists are longer or shorter, or whose values differ,
 * parses only blocks it has not seen. Anything else a Markdown text may hold (an indented line,
 * a quote, a fence, HTML, a link definition, a setext heading, another list marker, a table
 * that does not start after a blank line) makes `parseByBlocks` decline, and the section is
 * parsed whole. test/blocks.test.ts holds both to the same tree, positions included, on every
 * example, locale and fixture, and on arbitrary block sequences.
 */

/** Parsed blocks by their text, tokens numbered from 0 (kept by a Session; bounded). */
export type BlockMemo = Map<string, Root>;
const MEMO_LIMIT = 20_000;

type Kind = 'heading' | 'paragraph' | 'item' | 'table' | 'row';

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
  /** Key end offsets of the block's tokens and how much longer the section's are by then. */
  ends: number[];
  by: number[];
}

/**
 * The section's tree from its blocks, as `parseMarkdown(markdown)` gives it, or `undefined`
 * where the text is not a plain sequence of blocks. `positions` keeps node positions in the
 * section's offsets (for the statements), otherwise none are set.
 */
export function parseByBlocks(markdown: string, memo: BlockMemo, positions: boolean): Root | undefined {
  const cuts = cutBlocks(markdown);
  if (!cuts) return undefined;
  const lineStarts = positions ? startsOfLines(markdown) : [];
  const tokensBefore = tokenCounter(markdown);
  const root: Root = { type: 'root', children: [] };
  let list: List | undefined;
  let table: Table | undefined;
  for (const cut of cuts) {
    const placement = place(markdown, cut, tokensBefore);
    const parsed = parsed_(placement.key, memo);
    const mapped = (node: Nodes) => copy(node, placement, positions, lineStarts) as RootContent;
    if (cut.kind === 'row') {
      const head = parsed.children[0];
      const row = head?.type === 'table' && head.children.length === 2 ? head.children[1] : undefined;
      if (!row || !table || parsed.children.length !== 1) return undefined;
      const copied = mapped(row) as TableRow;
      table.children.push(copied);
      if (positions) table.position!.end = copied.position!.end;
      continue;
    }
    const only = parsed.children.length === 1 ? parsed.children[0]! : undefined;
    const expected = { heading: 'heading', paragraph: 'paragraph', item: 'list', table: 'table' }[cut.kind];
    if (!only || only.type !== expected) return undefined;
    if (only.type === 'list') {
      if (only.ordered || only.children.length !== 1) return undefined;
      const item = mapped(only.children[0]!) as List['children'][number];
      if (list && root.children.at(-1) === list) {
        list.children.push(item);
        if (cut.blankBefore) list.spread = true;
        if (positions) list.position!.end = item.position!.end;
        continue;
      }
      list = { ...(mapped({ ...only, children: [] }) as List), children: [item] };
      if (positions) list.position = { start: item.position!.start, end: item.position!.end };
      root.children.push(list);
      continue;
    }
    const node = mapped(only);
    if (node.type === 'table') {
      if (only.type !== 'table' || only.children.length !== 1) return undefined;
      table = node;
    }
    root.children.push(node);
  }
  if (positions) {
    const end = point(markdown.length, lineStarts);
    root.position = { start: { line: 1, column: 1, offset: 0 }, end };
  }
  return root;
}

/** Parses a block's key once per memo. */
function parsed_(key: string, memo: BlockMemo): Root {
  let tree = memo.get(key);
  if (!tree) {
    tree = parseMarkdown(key);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, tree);
  }
  return tree;
}

/** How many value tokens come before each offset (by token start). */
function tokenCounter(markdown: string): (offset: number) => number {
  const starts: number[] = [];
  for (const match of markdown.matchAll(TOKEN_PATTERN)) starts.push(match.index);
  return (offset) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A block's key (its head first, for a row) with its tokens numbered from 0. */
function place(markdown: string, cut: Cut, tokensBefore: (offset: number) => number): Placement {
  const ends: number[] = [];
  const by: number[] = [];
  let n = 0;
  let longer = 0;
  // `at` is where the token was in the section's text; in the key it is `longer` earlier.
  const renumber = (text: string, offset: number, record: boolean) =>
    text.replace(TOKEN_PATTERN, (whole: string, _i: string, at: number) => {
      const local = valueToken(n++);
      if (record) {
        ends.push(offset + at - longer + local.length);
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
  return { key: key + body, shift: tokensBefore(cut.start) - first, from, at: cut.start, ends, by };
}

/** A copy of a parsed node, its tokens renumbered for the section, its positions the section's. */
function copy(node: Nodes, placement: Placement, positions: boolean, lineStarts: number[]): Nodes {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === 'position') {
      if (positions && node.position) {
        const start = node.position.start.offset ?? 0;
        const end = node.position.end.offset ?? 0;
        out['position'] = {
          start: point(sectionOffset(placement, start), lineStarts),
          end: point(sectionOffset(placement, end), lineStarts),
        };
      }
    } else if (name === 'children') {
      out['children'] = (value as Nodes[]).map((child) => copy(child, placement, positions, lineStarts));
    } else if (typeof value === 'string' && placement.shift !== 0 && value.includes('\uE000')) {
      out[name] = value.replace(TOKEN_PATTERN, (_whole: string, i: string) => valueToken(Number(i) + placement.shift));
    } else if (Array.isArray(value)) {
      out[name] = [...value];
    } else if (value && typeof value === 'object') {
      out[name] = { ...(value as object) };
    } else out[name] = value;
  }
  return out as unknown as Nodes;
}

function sectionOffset(placement: Placement, offset: number): number {
  const { ends, by } = placement;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return placement.at + (offset - placement.from) + (lo > 0 ? by[lo - 1]! : 0);
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function point(offset: number, lineStarts: number[]): { line: number; column: number; offset: number } {
  let lo = 0;
  let hi = lineStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return { line: lo, column: offset - lineStarts[lo - 1]! + 1, offset };
}
