import type { RootContent } from 'mdast';

/**
 * What the Markdown and HTML emitters share when they write a section block by block
 * (markdown-blocks.ts, html-blocks.ts): a memo of written blocks by key, with their tokens
 * numbered as in the key; the rule that a section of mostly new blocks is written whole and its
 * blocks kept as nodes, to be written when a later section needs them; and writing the missing
 * ones in one run, with a separator between them.
 */

/** A block to write: its key, how far its tokens' numbers move in its section, and the tree it is written from. */
export interface Writable {
  key: string;
  shift: number;
  node: RootContent;
}

/** Written blocks by key (kept by a Session; bounded), or the block to write the first time it is needed. */
export type WrittenBlocks<T extends Writable> = Map<string, string | T>;
const LIMIT = 20_000;

/** Text no block can hold (the schema refuses U+E00D in every declared text), to separate blocks written together. */
export const SEPARATOR = '\uE00D';

/** Every token kind (value, URL, link text) with its number; in HTML a URL token is percent-encoded. */
const ANY_TOKEN = /([\uE000\uE002\uE005]|%EE%80%82)(\d+)([\uE001\uE003\uE006]|%EE%80%83)/gi;
/** A written block's tokens, their numbers moved by `by` (the block's place in another section). */
export const renumber = (text: string, by: number): string =>
  by === 0
    ? text
    : text.replace(ANY_TOKEN, (_, open: string, n: string, close: string) => open + (Number(n) + by) + close);

/**
 * Whether most of a section's blocks are new: the section is then written whole, as without
 * blocks, and its new blocks are kept to be written when another section uses them.
 */
export function mostlyNew<T extends Writable>(blocks: T[], memo: WrittenBlocks<T>): boolean {
  const absent = blocks.filter((b) => !memo.has(b.key));
  if (absent.length * 4 <= blocks.length) return false;
  if (memo.size + absent.length > LIMIT) memo.clear();
  for (const block of absent) memo.set(block.key, block);
  return true;
}

/** How an emitter writes blocks: all together with separators between them (split again), or one alone. */
export interface Writer<T extends Writable> {
  together(nodes: RootContent[]): string[];
  alone(node: RootContent): string;
  /** The part of a block's text that is kept (a list's item, a table's row). */
  keep(text: string, block: T): string;
  separator: RootContent;
}

/** Writes the blocks the memo lacks, or holds as nodes, in one run, and keeps each one's text by its key. */
export function writeMissing<T extends Writable>(blocks: T[], memo: WrittenBlocks<T>, writer: Writer<T>): void {
  const unique = (list: T[]) => {
    const seen = new Set<string>();
    return list.filter((b) => !seen.has(b.key) && seen.add(b.key));
  };
  // A block kept as a node is written with its own section's numbers.
  const pending = (b: T): T | undefined => {
    const entry = memo.get(b.key);
    return entry === undefined ? b : typeof entry === 'string' ? undefined : entry;
  };
  let missing = unique(blocks.map(pending).filter((b) => b !== undefined));
  if (missing.length === 0) return;
  if (memo.size + missing.length > LIMIT) {
    memo.clear();
    missing = unique(blocks);
  }
  const texts = writer.together(missing.flatMap((b, i) => (i === 0 ? [b.node] : [writer.separator, b.node])));
  for (const [i, block] of missing.entries()) {
    // Each alone, if the separator did not come out where it was put.
    const whole = texts.length === missing.length ? texts[i]! : writer.alone(block.node);
    // Kept with the key's numbers: the same block elsewhere has other numbers.
    memo.set(block.key, renumber(writer.keep(whole, block), -block.shift));
  }
}

/** A block's text, from the memo, with its section's numbers. */
export const written = <T extends Writable>(memo: WrittenBlocks<T>, block: T): string =>
  renumber(memo.get(block.key) as string, block.shift);
