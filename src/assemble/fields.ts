import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { dropPositions, neutralise, slug, uniqueId } from './assemble.js';
import { parseMarkdown } from './parse-markdown.js';

/**
 * Markdown fields (an introduction, a clause body, a purpose's details) are the one kind of
 * value parsed as Markdown: with raw HTML shown as text, images reduced to their description,
 * only http, https, mailto and in-page links, and headings kept below the section heading.
 */
export function fieldTree(markdown: string, memo?: Map<string, Root>): Root {
  let tree = memo?.get(markdown);
  if (!tree) {
    tree = parseMarkdown(markdown);
    dropPositions(tree);
    neutralise(tree, true);
    if (memo) {
      if (memo.size >= 1000) memo.clear();
      memo.set(markdown, tree);
    }
  }
  return tree;
}

/** Gives a field's HTML headings ids under its section, so they can be linked to. */
export function idFieldHeadings(tree: HastRoot, sectionId: string): void {
  const used = new Set<string>();
  for (const node of tree.children) {
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
      node.properties = { ...node.properties, id: uniqueId(`${sectionId}-${slug(textOf(node))}`, used) };
    }
  }
}

function textOf(node: Element | HastRoot): string {
  return node.children
    .map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : ''))
    .join('');
}
