import type { Heading, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { Rendered } from '../render/render.js';
import { asLinkText, asUrlTokens, TOKEN_OPEN, TOKEN_PATTERN, valueToken, type TokenValue } from '../render/tokens.js';
import { breakAutolinks } from './autolinks.js';
import { parseByBlocks, type BlockMemo } from './blocks.js';
import { parseMarkdown } from './parse-markdown.js';

/** A section of the assembled policy, for tables of contents and the JSON output. */
export interface SectionInfo {
  id: string;
  title: string;
  /** The law a jurisdiction supplement implements. */
  citation?: string;
  /** Sub-headings with their ids. */
  headings: { id: string; title: string; depth: number }[];
}

/**
 * One section, ready to emit. Its `shape` is the parsed Markdown of the rendered template with
 * the declaration's values still out of it: text holds local value tokens (U+E000 n U+E001)
 * and link targets hold URL tokens (U+E002 n U+E003). Policies whose sections differ only in
 * their values share shapes; the emitters serialise a shape once and put `values` into the
 * result, escaped for the exact place each one goes.
 */
export interface AssembledSection {
  id: string;
  citation?: string;
  /** The cache key of the shape: the rendered Markdown with tokens numbered locally. */
  key: string;
  /** Read-only: shared between every section with the same key. */
  shape: Root;
  values: TokenValue[];
  /** Heading ids, in document order (the first is the section's own id). */
  headingIds: string[];
}

export interface Assembled {
  sections: AssembledSection[];
  outline: SectionInfo[];
}

export const ALLOWED_SCHEMES = /^(https?:|mailto:)/i;

/**
 * Parses each rendered section (once per distinct shape), gives every heading a stable id,
 * and records the values to put back. Values never go through the Markdown parser.
 */
export function assemble(
  rendered: Rendered,
  onParse?: ParseHook,
  memo?: ShapeMemo,
  blocks: BlockMemo = new Map(),
): Assembled {
  const sections: AssembledSection[] = [];
  const outline: SectionInfo[] = [];
  for (const section of rendered.sections) {
    const { key, values } = localise(section.markdown, rendered.tokens.values);
    const shape = parseShape(key, onParse && ((tree) => onParse(key, tree, values)), memo, blocks);
    const expand = (text: string) => text.replace(TOKEN_PATTERN, (_, i: string) => values[Number(i)]?.value ?? '');
    const info: SectionInfo = {
      id: section.id,
      title: '',
      ...(section.citation ? { citation: section.citation } : {}),
      headings: [],
    };
    const headingIds: string[] = [];
    const used = new Set<string>();
    let position = 0;
    for (const node of shape.children) {
      if (node.type !== 'heading') continue;
      const text = toText(node);
      const title = expand(text);
      if (headingIds.length === 0) {
        info.title = title;
        headingIds.push(section.id);
        used.add(section.id);
        continue;
      }
      position++;
      const explicit = (node.data as { explicitId?: string } | undefined)?.explicitId;
      // A heading whose words come from the declaration gets a positional id: no value chooses an id.
      const base = explicit ?? (TOKEN_PATTERN.test(text) ? `${section.id}-${position}` : `${section.id}-${slug(text)}`);
      TOKEN_PATTERN.lastIndex = 0;
      const id = uniqueId(base, used);
      headingIds.push(id);
      info.headings.push({ id, title, depth: node.depth });
    }
    sections.push({
      id: section.id,
      ...(section.citation ? { citation: section.citation } : {}),
      key,
      shape,
      values,
      headingIds,
    });
    outline.push(info);
  }
  return { sections, outline };
}

/**
 * A section's rendered Markdown with its value tokens numbered from 0 in order of appearance,
 * and the values they stand for.
 */
export function localise(
  markdown: string,
  all: readonly TokenValue[],
  shifts?: Shifts,
): { key: string; values: TokenValue[] } {
  const values: TokenValue[] = [];
  let shift = 0;
  // Every occurrence gets a number of its own, even of a value seen before in the section: the
  // key then depends only on where values go, not on which of them happen to be equal.
  const key = markdown.replace(TOKEN_PATTERN, (whole: string, i: string, at: number) => {
    values.push(all[Number(i)]!);
    const local = valueToken(values.length - 1);
    if (shifts) {
      shift += local.length - whole.length;
      shifts.ends.push(at + whole.length);
      shifts.by.push(shift);
    }
    return local;
  });
  return { key, values };
}

/** Where each token ended in the Markdown, and how much longer or shorter the key is by then. */
export interface Shifts {
  ends: number[];
  by: number[];
}

/** Where an offset in a section's Markdown is in its key (markers are never inside a token). */
export function keyOffset(shifts: Shifts, at: number): number {
  let lo = 0;
  let hi = shifts.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (shifts.ends[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return at + (lo > 0 ? shifts.by[lo - 1]! : 0);
}

/**
 * Called with a section's tree, with positions and raw HTML shown as text, when it is parsed
 * (not when its shape comes from the cache), before anything else changes it.
 */
export type ParseHook = (key: string, tree: Root, values: readonly TokenValue[]) => void;

/**
 * Parsed shapes by key, kept by a Session (up to 5,000): Markdown parsing is most of the cost
 * of a build, and declarations that differ only in their values share every shape.
 */
export type ShapeMemo = Map<string, Root>;

/** Parses a shape (once per session, with one), block by block where it can (blocks.ts). */
function parseShape(
  key: string,
  parsed: ((tree: Root) => void) | undefined,
  memo: ShapeMemo | undefined,
  blocks: BlockMemo,
): Root {
  let tree = memo?.get(key);
  if (!tree) {
    tree = parseByBlocks(key, blocks, parsed !== undefined) ?? parseMarkdown(key);
    // Template wording is trusted, but raw HTML would make the Markdown and HTML outputs
    // disagree (remark-rehype drops it): show it as text in both.
    neutralise(tree, false);
    // The one look at the tree with its positions (the statements' sentences: src/provenance/).
    parsed?.(tree);
    dropPositions(tree);
    // Explicit ids are read before values go in, so no value can choose an id.
    markExplicitIds(tree);
    markUrlTokens(tree);
    if (memo) {
      if (memo.size >= 5000) memo.clear();
      memo.set(key, tree);
    }
  }
  return tree;
}

/** A shape parsed by an earlier process, as parseShape would have made it (for the --cache folder: see src/shapes.ts). */
export function restoreShape(memo: ShapeMemo, key: string, tree: Root): void {
  if (!memo.has(key) && memo.size < 5000) memo.set(key, tree);
}

/**
 * Templates may end a heading with `{#some-id}` (a space may precede the brace) to give it a
 * stable id built from declared ids rather than from its wording
 * (`### To {{description}} {#purpose-{{id}} }`). The id is kept on the heading's data.
 */
function markExplicitIds(tree: Root): void {
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'text') continue;
    const match = /\s*\{#([a-z0-9][a-z0-9-]*)\s*\}$/.exec(last.value);
    if (!match) continue;
    last.value = last.value.slice(0, match.index);
    node.data = { ...node.data, explicitId: match[1]! } as Heading['data'];
  }
}

/**
 * Link targets that hold a value get URL tokens, and link texts get link-text tokens, so the
 * emitters escape each for its place.
 */
function markUrlTokens(node: Nodes, inLink = false): void {
  if (node.type === 'link') node.url = asUrlTokens(node.url);
  if (inLink && node.type === 'text') node.value = asLinkText(node.value);
  if ('children' in node)
    for (const child of node.children as Nodes[]) markUrlTokens(child, inLink || node.type === 'link');
}

/**
 * Makes Markdown safe to publish. Raw HTML becomes text. For text a person wrote into a
 * Markdown field (`userText`): images are reduced to their description, links and
 * definitions that do not use http, https, mailto or an in-page anchor keep only their text,
 * and headings are kept below the section heading.
 */
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * A link target no renderer may follow as code: not http(s), mailto or a fragment. A target that
 * is a value's token is checked when the value is put back.
 */
function unsafeTarget(url: string): boolean {
  return !ALLOWED_SCHEMES.test(url) && !url.startsWith('#') && !url.startsWith(TOKEN_OPEN);
}

export function neutralise(parent: Parent, userText: boolean): void {
  const out: Nodes[] = [];
  for (const node of parent.children as Nodes[]) {
    // Template wording too (a --templates override): no javascript: or data: link in the
    // Markdown, which no sanitiser sees (issue 14); the link's words stay.
    if (node.type === 'definition' && unsafeTarget(node.url)) node.url = '#';
    if (node.type === 'link' && unsafeTarget(node.url)) {
      neutralise(node, userText);
      out.push(...(node.children as PhrasingContent[]));
      continue;
    }
    if (node.type === 'html') {
      // Shown as text, it must not become a link when the Markdown is read back; a block of
      // HTML becomes a paragraph of text.
      const text: Text = { type: 'text', value: breakAutolinks(node.value) };
      out.push(BLOCK_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text] } : text);
      continue;
    }
    if (userText) {
      if (node.type === 'image' || node.type === 'imageReference') {
        if (node.alt) out.push({ type: 'text', value: node.alt });
        continue;
      }
      if (node.type === 'heading' && node.depth < 3) node.depth = 3;
      // Code cannot escape its braces, which site generators read as template tags: as text.
      if ((node.type === 'inlineCode' || node.type === 'code') && /[{}]/.test(node.value)) {
        const text: Text = { type: 'text', value: node.value };
        out.push(node.type === 'code' ? { type: 'paragraph', children: [text] } : text);
        continue;
      }
    }
    if ('children' in node) neutralise(node, userText);
    out.push(node);
  }
  parent.children = out as Parent['children'];
}

export function dropPositions(node: Nodes): void {
  delete node.position;
  if ('children' in node) for (const child of node.children) dropPositions(child);
}

/** The plain text of a node. */
export function toText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  if (node.type === 'break') return ' ';
  return '';
}

/** A heading slug: lower case ASCII letters, digits and hyphens. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function uniqueId(base: string, used: Set<string>): string {
  const stem = base.replace(/-+$/, '') || 'section';
  let id = stem;
  for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
  used.add(id);
  return id;
}
