import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';

// Compact tables (no column padding) keep diffs of generated policies readable.
const options: Options = { bullet: '-', emphasis: '_', strong: '*', fence: '`', rule: '-', listItemIndent: 'one', incrementListMarker: true };
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, options).freeze();

/**
 * The policy as GitHub-flavoured Markdown. Values were placed as text nodes, so the printer
 * escapes every character that could start markup. One construct survives escaping: GFM's
 * autolink literals (a bare `https://…`, `www.…` or e-mail address in text becomes a link
 * when a GFM renderer reads it, even when its `:` is escaped). An invisible WORD JOINER
 * (U+2060) is put into each such trigger in text outside links, so a value can never turn
 * into a link in the Markdown, as it cannot in the HTML.
 */
export function emitMarkdown(tree: Root): string {
  return stringifier.stringify(breakAutolinks(structuredClone(tree)));
}

const WORD_JOINER = '\u2060';
const TRIGGERS = /(https?)(?=:\/\/)|(www)(?=\.)|(@)(?=[-\w]+\.[-\w])/gi;

function breakAutolinks<T extends Nodes>(node: T): T {
  if (node.type === 'text') node.value = node.value.replace(TRIGGERS, (match) => (match === '@' ? `@${WORD_JOINER}` : `${match}${WORD_JOINER}`));
  if ('children' in node && node.type !== 'link' && node.type !== 'linkReference') {
    for (const child of node.children as Nodes[]) breakAutolinks(child);
  }
  return node;
}
