import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';
import { LINK_TEXT_TOKEN_PATTERN, URL_TOKEN_PATTERN, type Assembled, type AssembledSection } from '../assemble/assemble.js';
import { TOKEN_PATTERN } from '../render/tokens.js';
import { fieldTree } from './fields.js';
import { markdownText, markdownUrl } from './values.js';

// Compact tables (no column padding) keep diffs of generated policies readable.
const options: Options = { bullet: '-', emphasis: '_', strong: '*', fence: '`', rule: '-', listItemIndent: 'one', incrementListMarker: true };
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, options).freeze();

export interface MarkdownOptions {
  /** Print each jurisdiction section's law under its heading. */
  visibleCitations?: boolean;
}

const shapes = new Map<string, string>();
const fields = new Map<string, string>();

/**
 * The policy as GitHub-flavoured Markdown. Each section's shape is serialised once (with value
 * tokens in it) and every value is then put in escaped for its place: see values.ts.
 */
export function emitMarkdown(assembled: Assembled, options: MarkdownOptions = {}): string {
  return assembled.sections.map((section) => fill(serialiseShape(section, options), section)).join('\n');
}

function serialiseShape(section: AssembledSection, options: MarkdownOptions): string {
  const citation = options.visibleCitations && section.citation ? section.citation : '';
  const key = `${citation}\0${section.key}`;
  let text = shapes.get(key);
  if (text === undefined) {
    const tree = structuredClone(section.shape) as Root;
    if (citation && tree.children[0]?.type === 'heading') {
      tree.children.splice(1, 0, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: citation }] }] });
    }
    text = stringifier.stringify(tree);
    if (shapes.size >= 5000) shapes.clear();
    shapes.set(key, text);
  }
  return text;
}

function fill(shape: string, section: AssembledSection): string {
  const { values } = section;
  return shape
    .split('\n')
    .map((line) => {
      // A Markdown field alone in its paragraph becomes that field's blocks.
      const alone = /^\uE000(\d+)\uE001$/.exec(line);
      const value = alone ? values[Number(alone[1])] : undefined;
      if (value?.kind === 'markdown') return field(value.value);
      const inline = /^\s*(\||#)/.test(line);
      const raw = (i: string) => values[Number(i)]?.value ?? '';
      return (
        line
          // A link target is checked whole, with the template's part (such as "mailto:") in it.
          .replace(/\]\(([^()\s]*\uE002\d+\uE003[^()\s]*)\)/g, (_, url: string) => `](${markdownUrl(url.replace(URL_TOKEN_PATTERN, (__, i: string) => raw(i)))})`)
          .replace(LINK_TEXT_TOKEN_PATTERN, (_, i: string) => markdownText(raw(i), true, true))
          .replace(TOKEN_PATTERN, (_, i: string) => markdownText(raw(i), inline))
      );
    })
    .join('\n');
}

/** Forgets serialised shapes (for benchmarks of the uncached path). */
export function clearMarkdownCache(): void {
  shapes.clear();
  fields.clear();
}

function field(markdown: string): string {
  let text = fields.get(markdown);
  if (text === undefined) {
    text = stringifier.stringify(structuredClone(fieldTree(markdown))).trimEnd();
    if (fields.size >= 1000) fields.clear();
    fields.set(markdown, text);
  }
  return text;
}
