import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parses Markdown (CommonMark + GFM) into an mdast tree. Positions are dropped: nothing downstream uses them. */
export function parseMarkdown(markdown: string): Root {
  const tree = parser.parse(markdown);
  parser.runSync(tree);
  return tree;
}
