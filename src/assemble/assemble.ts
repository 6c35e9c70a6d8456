import type { Heading, Nodes, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Rendered } from '../render/render.js';
import { hasToken, type TokenTable } from '../render/tokens.js';
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

export interface Assembled {
  tree: Root;
  sections: SectionInfo[];
}

const ALLOWED_SCHEMES = /^(https?:|mailto:)/i;

/**
 * Parses each rendered section once, puts the declaration's values back in as text (never as
 * markup), gives every heading a stable id, and joins the sections into one mdast tree.
 */
export interface AssembleOptions {
  /** Show each jurisdiction section's law as a line under its heading, not only as data-citation. */
  visibleCitations?: boolean;
}

export function assemble(rendered: Rendered, options: AssembleOptions = {}): Assembled {
  const children: RootContent[] = [];
  const sections: SectionInfo[] = [];
  const usedIds = new Set<string>();
  for (const section of rendered.sections) {
    const tree = parseMarkdown(section.markdown);
    dropPositions(tree);
    // Template wording is trusted, but raw HTML would make the Markdown and HTML outputs
    // disagree (remark-rehype drops it): show it as text in both.
    neutralise(tree, false);
    // Explicit ids are read before values go in, so no value can choose an id.
    const explicitIds = takeExplicitIds(tree);
    substitute(tree, rendered.tokens);
    const info: SectionInfo = { id: section.id, title: '', ...(section.citation ? { citation: section.citation } : {}), headings: [] };
    let first = true;
    for (const node of tree.children) {
      if (node.type !== 'heading') continue;
      const title = toText(node);
      if (first) {
        setId(node, section.id, section.citation);
        usedIds.add(section.id);
        info.title = title;
        first = false;
      } else {
        const id = uniqueId(explicitIds.get(node) ?? `${section.id}-${slug(title)}`, usedIds);
        setId(node, id);
        info.headings.push({ id, title, depth: node.depth });
      }
    }
    sections.push(info);
    if (options.visibleCitations && section.citation && tree.children[0]?.type === 'heading') {
      tree.children.splice(1, 0, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: section.citation }] }] });
    }
    children.push(...tree.children);
  }
  return { tree: { type: 'root', children }, sections };
}

/**
 * Templates may end a heading with `{#some-id}` (a space may precede the brace) to give it a stable id built from declared ids
 * rather than from its wording (`### To {{description}} {#purpose-{{id}} }`).
 */
function takeExplicitIds(tree: Root): Map<Heading, string> {
  const ids = new Map<Heading, string>();
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'text') continue;
    const match = /\s*\{#([a-z0-9][a-z0-9-]*)\s*\}$/.exec(last.value);
    if (!match) continue;
    last.value = last.value.slice(0, match.index);
    ids.set(node, match[1]!);
  }
  return ids;
}

/** Replaces value tokens: text stays text, Markdown fields become (sanitised) blocks, URLs are checked. */
function substitute(parent: Parent, tokens: TokenTable): void {
  const out: Nodes[] = [];
  for (const node of parent.children as Nodes[]) {
    if (node.type === 'paragraph' && node.children.length === 1 && node.children[0]!.type === 'text') {
      const value = tokens.lookup(node.children[0]!.value);
      if (value?.kind === 'markdown') {
        out.push(...markdownBlocks(value.value));
        continue;
      }
    }
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') {
      if (hasToken(node.value)) node.value = tokens.expand(node.value);
    }
    // A link whose URL came from the declaration must use an allowed scheme; otherwise only
    // its text is kept. Links written into templates (such as "#cookies") are trusted.
    if (node.type === 'link' && hasToken(node.url)) {
      const url = tokens.expand(node.url);
      if (!ALLOWED_SCHEMES.test(url)) {
        substitute(node, tokens);
        out.push(...(node.children as Nodes[]));
        continue;
      }
      node.url = url;
    }
    if (node.type === 'link' && node.title && hasToken(node.title)) node.title = tokens.expand(node.title);
    if ('children' in node) substitute(node, tokens);
    out.push(node);
  }
  parent.children = out as Parent['children'];
}

const markdownCache = new Map<string, RootContent[]>();

/**
 * A Markdown field (an introduction, a clause body) as blocks: raw HTML shown as text,
 * images reduced to their description, links only with http, https or mailto, and headings
 * kept below the section heading.
 */
function markdownBlocks(markdown: string): RootContent[] {
  let blocks = markdownCache.get(markdown);
  if (!blocks) {
    const tree = parseMarkdown(markdown);
    dropPositions(tree);
    neutralise(tree, true);
    blocks = tree.children;
    // Bounded, so a long watch session or a large batch cannot grow it without limit.
    if (markdownCache.size >= 1000) markdownCache.clear();
    markdownCache.set(markdown, blocks);
  }
  return structuredClone(blocks);
}

function neutralise(parent: Parent, userText: boolean): void {
  const out: Nodes[] = [];
  for (const node of parent.children as Nodes[]) {
    if (node.type === 'html') {
      out.push({ type: 'text', value: node.value } satisfies Text);
      continue;
    }
    if (userText) {
      if (node.type === 'image' || node.type === 'imageReference') {
        if (node.alt) out.push({ type: 'text', value: node.alt });
        continue;
      }
      if (node.type === 'definition') {
        if (!ALLOWED_SCHEMES.test(node.url) && !node.url.startsWith('#')) node.url = '#';
      }
      if (node.type === 'link' && !ALLOWED_SCHEMES.test(node.url) && !node.url.startsWith('#')) {
        neutralise(node, userText);
        out.push(...(node.children as PhrasingContent[]));
        continue;
      }
      if (node.type === 'heading' && node.depth < 3) node.depth = 3;
    }
    if ('children' in node) neutralise(node, userText);
    out.push(node);
  }
  parent.children = out as Parent['children'];
}

function dropPositions(node: Nodes): void {
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

function setId(node: Heading, id: string, citation?: string): void {
  // `hProperties` is what remark-rehype copies onto the HTML element.
  node.data = { ...node.data, id, hProperties: citation ? { id, dataCitation: citation } : { id } } as Heading['data'];
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

function uniqueId(base: string, used: Set<string>): string {
  const stem = base.replace(/-+$/, '') || 'section';
  let id = stem;
  for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
  used.add(id);
  return id;
}
