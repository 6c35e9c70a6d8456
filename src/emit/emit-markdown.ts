import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';
import { LINK_TEXT_TOKEN_PATTERN, URL_TOKEN_PATTERN, type Assembled, type AssembledSection } from '../assemble/assemble.js';
import { fieldTree } from './fields.js';
import { markdownText, markdownUrl, stopAfter } from './values.js';

// Compact tables (no column padding) keep diffs of generated policies readable.
const options: Options = { bullet: '-', emphasis: '_', strong: '*', fence: '`', rule: '-', listItemIndent: 'one', incrementListMarker: true };
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, options).freeze();

export interface MarkdownOptions {
  /** Print each jurisdiction section's law under its heading. */
  visibleCitations?: boolean;
  /** Write each heading's id after it ("## Cookies {#cookies}"), as markdown-it-attrs, Pandoc, kramdown and Hugo read it. */
  headingIds?: boolean;
  /** Add a table of contents with this heading after the first section. */
  toc?: string;
  /** YAML front matter to put first. */
  frontMatter?: string;
}

const shapes = new Map<string, string>();
const fields = new Map<string, string>();
const TOKEN_THEN_STOP = /\uE000(\d+)\uE001(\.)?/g;

/**
 * The policy as GitHub-flavoured Markdown. Each section's shape is serialised once (with value
 * tokens in it) and every value is then put in escaped for its place: see values.ts.
 */
export function emitMarkdown(assembled: Assembled, options: MarkdownOptions = {}): string {
  const parts = assembled.sections.map((section) => fill(withIds(serialiseShape(section, options), section, options), section));
  if (options.toc && parts.length > 1) parts.splice(1, 0, tableOfContents(assembled, options));
  const body = parts.join('\n');
  return (options.frontMatter ?? '') + (options.headingIds ? body : retarget(body, assembled, options));
}

/**
 * Without `{#id}` attributes, a Markdown renderer names each heading after its text (GitHub's
 * rule: lower case, punctuation dropped, spaces to hyphens, repeats numbered), so in-page
 * links are pointed at those names instead of policygen's ids.
 */
function retarget(markdown: string, assembled: Assembled, options: MarkdownOptions): string {
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  const name = (title: string) => {
    const base = title.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
  assembled.outline.forEach((section, i) => {
    names.set(section.id, name(section.title));
    if (i === 0 && options.toc && assembled.outline.length > 1) names.set('contents', name(options.toc));
    for (const heading of section.headings) names.set(heading.id, name(heading.title));
  });
  return markdown.replace(/\]\(#([a-z0-9][a-z0-9-]*)\)/g, (whole, id: string) => (names.has(id) ? `](#${names.get(id)})` : whole));
}

/** "## Title {#id}" for every heading of a section's shape (before values go in). */
function withIds(shape: string, section: AssembledSection, options: MarkdownOptions): string {
  if (!options.headingIds) return shape;
  let n = 0;
  return shape.replace(/^(#{1,6} .*)$/gm, (line) => `${line} {#${section.headingIds[n++] ?? section.id}}`);
}

function tableOfContents(assembled: Assembled, options: MarkdownOptions): string {
  const items = assembled.outline.slice(1).map((s) => `- [${markdownText(s.title, true, true)}](#${s.id})`);
  return `## ${options.toc}${options.headingIds ? ' {#contents}' : ''}\n\n${items.join('\n')}\n`;
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

/** Text before a value that is content, not just indentation or a list, quote or heading marker. */
const MID_LINE = /^(?!\s*(?:[-+*]|\d+[.)]|>|#{1,6})?\s*$)/;

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
          // A value that ends a sentence with its own full stop ("Example Co., Ltd.") takes the template's.
          .replace(TOKEN_THEN_STOP, (_, i: string, stop: string | undefined, offset: number) => markdownText(raw(i), inline, false, MID_LINE.test(line.slice(0, offset))) + stopAfter(raw(i), stop))
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
