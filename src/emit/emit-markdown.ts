import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';

// Compact tables (no column padding) keep diffs of generated policies readable.
const options: Options = { bullet: '-', emphasis: '_', strong: '*', fence: '`', rule: '-', listItemIndent: 'one', incrementListMarker: true };
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, options).freeze();

/** The policy as GitHub-flavoured Markdown. Values were placed as text nodes, so they come out escaped. */
export function emitMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}
