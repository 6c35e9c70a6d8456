import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** What the statements of the JSON output are checked against: the text of the Markdown output. */
const parser = unified().use(remarkParse).use(remarkGfm);

/** The Markdown's text, block by block (headings without their {#id}, table rows' cells joined by " | "). */
export function markdownText(markdown: string): string {
  const tree = parser.parse(markdown.replace(/^---\n[\s\S]*?\n---\n/, '')) as Root;
  const out: string[] = [];
  const text = (node: Nodes): string => {
    if (node.type === 'image') return node.alt ?? '';
    if (node.type === 'break') return ' ';
    if ('value' in node && typeof node.value === 'string') return node.value;
    if ('children' in node) return (node.children as Nodes[]).map(text).join('');
    return '';
  };
  const block = (node: Nodes) => {
    if (node.type === 'heading') out.push(text(node).replace(/\s*\{#[a-z0-9-]+\s*\}\s*$/, ''));
    else if (node.type === 'paragraph' || node.type === 'code' || node.type === 'html') out.push(text(node));
    else if (node.type === 'table')
      for (const row of node.children) out.push(row.children.map((cell) => text(cell).trim()).join(' | '));
    else if ('children' in node) for (const child of node.children as Nodes[]) block(child);
  };
  for (const node of tree.children) block(node);
  return normal(out.join(' '));
}

export const normal = (text: string) =>
  text
    .replace(/\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();
// Chinese and Japanese put no space between sentences: compare their text without spaces.
export const compact = (text: string, locale: string) => (/^(ja|zh)/.test(locale) ? text.replace(/\s+/g, '') : text);

/** Whether a JSON pointer names a node of a value. */
export function resolves(value: unknown, pointer: string): boolean {
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
