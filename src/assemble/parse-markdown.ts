import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const gfmParser = unified().use(remarkParse).use(remarkGfm).freeze();
const commonMarkParser = unified().use(remarkParse).freeze();

/**
 * Everything that can lead to a GFM construct:
 * - a table: its delimiter row needs a `|`, or a `:` beside a `-` (`a\n:-` is a table);
 * - strikethrough: `~`;
 * - a task list item: `[` then whitespace (a tab or a line break counts), or `[x]`;
 * - a footnote: `[^`;
 * - an autolink literal: `www.`, `http://`, `https://` or an e-mail address's `@` (which
 *   `mailto:` and `xmpp:` literals contain too). GFM finds these in the text *after*
 *   character references and backslash escapes are decoded (`www&#46;x`, `www\.x`), so any
 *   `&` or `\` counts as well.
 * Markdown with none of these parses to the same tree with or without the GFM extensions,
 * and CommonMark alone parses it in about 40% of the time (test/property.test.ts checks that
 * the trees agree, on the examples and on arbitrary Markdown).
 */
export const GFM_TRIGGER = /[|~@&\\]|www\.|https?:\/\/|\[\^|\[\s|\[[xX]\]|:-|-:/i;

/** Parses Markdown (CommonMark + GFM) into an mdast tree. Nothing downstream uses the positions. */
export function parseMarkdown(markdown: string): Root {
  return parseWith(GFM_TRIGGER.test(markdown) ? 'gfm' : 'commonmark', markdown);
}

/** Parses with or without the GFM extensions, whatever the text holds (for tests). */
export function parseWith(syntax: 'gfm' | 'commonmark', markdown: string): Root {
  const parser = syntax === 'gfm' ? gfmParser : commonMarkParser;
  const tree = parser.parse(markdown);
  parser.runSync(tree);
  return tree;
}
