import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';
import type { Assembled, AssembledSection } from '../assemble/assemble.js';
import { fieldTree } from '../assemble/fields.js';
import { markdownByBlocks } from './markdown-blocks.js';
import { newEmitMemo, type EmitMemo } from './memo.js';
import { ALONE_LINE, MARKDOWN_PLACES, splitUrl } from '../render/tokens.js';
import { BRACES, markdownText, markdownUrl, stopAfter } from './values.js';

// Compact tables (no column padding) keep diffs of generated policies readable.
// Braces are escaped wherever they occur in text (a Markdown field's): they start site-template
// tags, MDX expressions and markdown-it-attrs attributes. Links are written [text](url), never
// <url>, which MDX reads as a tag.
const options: Options = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: true,
  unsafe: [{ character: '{' }, { character: '}' }],
};
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, options).freeze();
/** Serialises a whole tree (and is the oracle markdown-blocks.ts is tested against). */
export const stringify = (tree: Root): string => stringifier.stringify(tree);

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

/**
 * The policy as GitHub-flavoured Markdown. Each section's shape is serialised once (with value
 * tokens in it) and every value is then put in escaped for its place: see values.ts.
 */
export function emitMarkdown(
  assembled: Assembled,
  options: MarkdownOptions = {},
  memo: EmitMemo = newEmitMemo(),
): string {
  const parts = assembled.sections.map((section) =>
    fill(withIds(serialiseShape(section, options, memo), section, options), section, memo),
  );
  if (options.toc && parts.length > 1) parts.splice(1, 0, tableOfContents(assembled, options, memo));
  const body = parts.join('\n');
  return (options.frontMatter ?? '') + (options.headingIds ? body : retarget(body, assembled, options, memo));
}

/**
 * Without `{#id}` attributes, a Markdown renderer names each heading after its text (GitHub's
 * rule: lower case, punctuation dropped, spaces to hyphens, repeats numbered), so in-page
 * links are pointed at those names instead of policygen's ids.
 */
function retarget(markdown: string, assembled: Assembled, options: MarkdownOptions, memo: EmitMemo): string {
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  const name = (title: string) => {
    const base = githubSlug(title, memo.slugs);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
  assembled.outline.forEach((section, i) => {
    names.set(section.id, name(section.title));
    if (i === 0 && options.toc && assembled.outline.length > 1) names.set('contents', name(options.toc));
    for (const heading of section.headings) names.set(heading.id, name(heading.title));
  });
  return markdown.replace(/\]\(#([a-z0-9][a-z0-9-]*)\)/g, (whole, id: string) =>
    names.has(id) ? `](#${names.get(id)})` : whole,
  );
}

/** A heading's name as GitHub's renderer gives it, before repeats are numbered. */
function githubSlug(title: string, slugs: Map<string, string>): string {
  let slug = slugs.get(title);
  if (slug === undefined) {
    slug = title
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    if (slugs.size >= 10_000) slugs.clear();
    slugs.set(title, slug);
  }
  return slug;
}

/** "## Title {#id}" for every heading of a section's shape (before values go in). */
function withIds(shape: string, section: AssembledSection, options: MarkdownOptions): string {
  if (!options.headingIds) return shape;
  let n = 0;
  return shape.replace(/^(#{1,6} .*)$/gm, (line) => `${line} {#${section.headingIds[n++] ?? section.id}}`);
}

function tableOfContents(assembled: Assembled, options: MarkdownOptions, memo: EmitMemo): string {
  const items = assembled.outline
    .slice(1)
    .map((s) => `- [${markdownText(s.title, true, true, false, memo.escaped)}](#${s.id})`);
  return `## ${options.toc}${options.headingIds ? ' {#contents}' : ''}\n\n${items.join('\n')}\n`;
}

function serialiseShape(section: AssembledSection, options: MarkdownOptions, memo: EmitMemo): string {
  const citation = options.visibleCitations && section.citation ? section.citation : '';
  let byCitation = memo.markdownShapes.get(section.shape);
  if (!byCitation) memo.markdownShapes.set(section.shape, (byCitation = new Map()));
  let text = byCitation.get(citation);
  if (text === undefined) {
    // The shape is shared and never changed: a citation goes into a new root.
    const shape = section.shape as Root;
    const cited: Root | undefined =
      citation && shape.children[0]?.type === 'heading'
        ? {
            type: 'root',
            children: [
              { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: citation }] }] },
            ],
          }
        : undefined;
    text =
      markdownByBlocks(shape, stringify, memo.markdownBlocks, cited) ??
      stringify(
        cited ? { ...shape, children: [shape.children[0]!, ...cited.children, ...shape.children.slice(1)] } : shape,
      );
    byCitation.set(citation, text);
  }
  return text;
}

/**
 * Text before a value that is content, not just indentation and container markers (list
 * items and quotes, nested in any order: "- > ", "1. - ") with perhaps a heading marker.
 */
const MID_LINE = /^(?!\s*(?:(?:[-+*]|\d{1,9}[.)]|>)\s*)*(?:#{1,6}\s*)?$)/;

/** A line of a serialised shape, split once into template text and the places values go. */
type Op =
  | string
  /** A link target with values in it, checked whole (with the template's part, such as "mailto:"). */
  | { url: (string | number)[] }
  /** A value in a link's text. */
  | { linkText: number }
  /** A value in text; `stop` is the template's full stop after it, dropped if the value ends with its own. */
  | { text: number; inline: boolean; midLine: boolean; stop: string | undefined };
export interface Line {
  /** The line is a value alone: a Markdown field becomes its own blocks there. */
  alone?: number;
  ops: Op[];
}

function compileShape(shape: string, compiledShapes: Map<string, Line[]>): Line[] {
  let lines = compiledShapes.get(shape);
  if (lines) return lines;
  lines = shape.split('\n').map((line) => {
    const alone = ALONE_LINE.exec(line);
    const inline = /^\s*(\||#)/.test(line);
    const ops: Op[] = [];
    let last = 0;
    for (const match of line.matchAll(MARKDOWN_PLACES)) {
      const [whole, url, linkText, text, stop] = match;
      if (match.index > last) ops.push(line.slice(last, match.index));
      if (url !== undefined) ops.push({ url: splitUrl(url) });
      else if (linkText !== undefined) ops.push({ linkText: Number(linkText) });
      else ops.push({ text: Number(text), inline, midLine: MID_LINE.test(line.slice(0, match.index)), stop });
      last = match.index + whole.length;
    }
    if (last < line.length) ops.push(line.slice(last));
    return { ...(alone ? { alone: Number(alone[1]) } : {}), ops };
  });
  if (compiledShapes.size >= 5000) compiledShapes.clear();
  compiledShapes.set(shape, lines);
  return lines;
}

function fill(shape: string, section: AssembledSection, memo: EmitMemo): string {
  const { values } = section;
  const raw = (i: number) => values[i]?.value ?? '';
  let out = '';
  compileShape(shape, memo.markdownLines).forEach((line, n) => {
    if (n > 0) out += '\n';
    // A Markdown field alone in its paragraph becomes that field's blocks.
    if (line.alone !== undefined && values[line.alone]?.kind === 'markdown') {
      out += field(values[line.alone]!.value, memo);
      return;
    }
    for (const op of line.ops) {
      if (typeof op === 'string') out += op;
      else if ('url' in op)
        out += `](${markdownUrl(op.url.map((part) => (typeof part === 'number' ? raw(part) : part)).join(''))})`;
      else if ('linkText' in op) out += markdownText(raw(op.linkText), true, true, false, memo.escaped);
      else
        out +=
          markdownText(raw(op.text), op.inline, false, op.midLine, memo.escaped) + stopAfter(raw(op.text), op.stop);
    }
  });
  return out;
}

/** Serialised Markdown an earlier process made for a shape (for the --cache folder: see src/shapes.ts). */
export function restoreMarkdown(memo: EmitMemo, shape: object, citation: string, text: string): void {
  let byCitation = memo.markdownShapes.get(shape);
  if (!byCitation) memo.markdownShapes.set(shape, (byCitation = new Map()));
  if (!byCitation.has(citation)) byCitation.set(citation, text);
}

function field(markdown: string, memo: EmitMemo): string {
  const fields = memo.markdownFields;
  let text = fields.get(markdown);
  if (text === undefined) {
    // Its braces, which the stringifier backslash-escapes, as character references: "\{{" is
    // still a Liquid tag to a site generator, "&#x7B;&#x7B;" is not.
    text = stringifier
      .stringify(fieldTree(markdown, memo.fieldTrees))
      .trimEnd()
      .replace(/\\([{}])/g, (_, brace: string) => BRACES[brace]!);
    if (fields.size >= 1000) fields.clear();
    fields.set(markdown, text);
  }
  return text;
}
