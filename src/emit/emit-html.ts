import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Heading, Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Assembled, AssembledSection } from '../assemble/assemble.js';
import { fieldTree, idFieldHeadings } from '../assemble/fields.js';
import { htmlByBlocks } from './html-blocks.js';
import { newEmitMemo, type EmitMemo } from './memo.js';
import { BODY_SLOT, HTML_PLACES, splitEncodedUrl } from '../render/tokens.js';
import { checkedUrl, htmlText, inertBraces, stopAfter } from './values.js';

/**
 * The document structure is sanitised with rehype-sanitize; the declaration's values are then
 * put in as escaped text or checked, escaped URLs, so they cannot add elements or attributes.
 * policygen's own heading ids are kept as they are (no `user-content-` prefix): values never
 * choose ids.
 */
const sanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: { ...defaultSchema.attributes, h2: [...(defaultSchema.attributes?.['h2'] ?? []), 'dataCitation'] },
};
const toHast = unified().use(remarkRehype, { clobberPrefix: '' }).use(rehypeSanitize, sanitizeSchema).freeze();
const stringifier = unified().use(rehypeStringify, { upperDoctype: true }).freeze();
/** A Markdown tree as sanitised HTML (and the oracle html-blocks.ts is tested against). */
export const toHtml = (tree: Root): string => stringifier.stringify(toHast.runSync(tree) as HastRoot);

export const DEFAULT_STYLE = `:root{color-scheme:light dark;--text:#1b1b1f;--muted:#5b5b66;--rule:#d0d0d7;--link:#1c4fd6}
@media (prefers-color-scheme:dark){:root{--text:#e8e8ee;--muted:#a8a8b3;--rule:#3a3a44;--link:#8fb0ff}}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text)}
main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:2rem;line-height:1.2}h2{margin-top:2.5rem;padding-top:1rem;border-top:1px solid var(--rule)}
a{color:var(--link)}table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.95rem}
th,td{border:1px solid var(--rule);padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:color-mix(in srgb,var(--rule) 35%,transparent)}
.skip-link{position:absolute;left:-999px}.skip-link:focus{left:1rem;top:1rem;background:Canvas;padding:.5rem}
@media print{body{font-size:11pt}a{color:inherit}h2{break-after:avoid}tr{break-inside:avoid}.skip-link{display:none}}`;

export interface HtmlOptions {
  lang: string;
  /** The document title (the declaration's text: it is escaped). */
  title: string;
  /** Print each jurisdiction section's law under its heading. */
  visibleCitations?: boolean;
  /** Only the <article>, for a site's own layout. */
  fragment?: boolean;
  /** "default" (policygen's style), "none", or a URL to link. */
  stylesheet?: string;
  /** The words of the skip link a page starts with. */
  skipLink?: string;
  /** Add a table of contents with this heading after the first section. */
  toc?: string;
  /**
   * Every language version of this policy, this one included: hreflang links in the page's
   * head, and a list of the other versions (labelled `alternatesLabel`) at the top of the article.
   */
  alternates?: readonly Alternate[];
  alternatesLabel?: string;
}

/**
 * The head's hreflang links: every version, then x-default for the first (the locale listed
 * first), which search engines offer to readers whose language has no version.
 */
function alternateLinks(alternates: readonly Alternate[]): { lang: string; href: string }[] {
  return alternates.length ? [...alternates, { lang: 'x-default', href: alternates[0]!.href }] : [];
}

/** One language version of a policy: its locale, its address relative to this page, its name in its own language. */
export interface Alternate {
  lang: string;
  href: string;
  name: string;
}

/** A shape serialised as HTML, once for each way it is dressed, and split into the places values go. */
export interface HtmlShape {
  html: string;
  ops: Op[];
}

/** The policy body: the sections as sanitised HTML, values filled in. */
export function emitHtmlBody(
  assembled: Assembled,
  options: Omit<HtmlOptions, 'lang' | 'title'> = {},
  memo: EmitMemo = newEmitMemo(),
): string {
  const parts = assembled.sections.map((section) => fill(serialiseShape(section, options, memo), section, memo));
  if (options.toc && parts.length > 1) {
    const items = assembled.outline
      .slice(1)
      .map((s) => `<li><a href="#${s.id}">${htmlText(s.title)}</a></li>`)
      .join('\n');
    parts.splice(
      1,
      0,
      `<nav aria-labelledby="contents">\n<h2 id="contents">${htmlText(options.toc)}</h2>\n<ul>\n${items}\n</ul>\n</nav>`,
    );
  }
  // A Markdown field's braces as well as the values': a site generator's Liquid or Nunjucks
  // finds no tag in the policy.
  return inertBraces(parts.join('\n'));
}

/**
 * The policy as a complete, accessible HTML page (language, title, a skip link, landmarks and
 * a print-friendly style that can be replaced), or, with `fragment`, as its <article> alone.
 */
export function emitHtml(assembled: Assembled, options: HtmlOptions, memo: EmitMemo = newEmitMemo()): string {
  const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
    type: 'element',
    tagName,
    properties,
    children,
  });
  const nl = (): ElementContent => ({ type: 'text', value: '\n' });
  const BODY = BODY_SLOT;
  const others = (options.alternates ?? []).filter((a) => a.lang !== options.lang);
  const languages: ElementContent[] = others.length
    ? [
        el('nav', { className: ['policygen-languages'], ariaLabel: options.alternatesLabel ?? 'Other languages' }, [
          nl(),
          el(
            'ul',
            {},
            others
              .flatMap((a) => [
                nl(),
                el('li', {}, [
                  el('a', { href: a.href, hrefLang: a.lang, lang: a.lang }, [{ type: 'text', value: a.name }]),
                ]),
              ])
              .concat(nl()),
          ),
          nl(),
        ]),
        nl(),
      ]
    : [];
  const article = el('article', { className: ['policygen'], ...(options.fragment ? { lang: options.lang } : {}) }, [
    nl(),
    ...languages,
    { type: 'text', value: BODY },
    nl(),
  ]);
  if (options.fragment)
    return stringifier
      .stringify({ type: 'root', children: [article, nl()] })
      .replace(BODY, () => emitHtmlBody(assembled, options, memo));
  const stylesheet = options.stylesheet ?? 'default';
  const style: ElementContent[] =
    stylesheet === 'none'
      ? []
      : stylesheet === 'default'
        ? [el('style', {}, [{ type: 'text', value: DEFAULT_STYLE }]), nl()]
        : [el('link', { rel: ['stylesheet'], href: stylesheet }), nl()];
  const page: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      nl(),
      el('html', { lang: options.lang }, [
        nl(),
        el('head', {}, [
          nl(),
          el('meta', { charSet: 'utf-8' }),
          nl(),
          el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          nl(),
          el('title', {}, [{ type: 'text', value: options.title }]),
          nl(),
          ...alternateLinks(options.alternates ?? []).flatMap((a) => [
            el('link', { rel: ['alternate'], hrefLang: a.lang, href: a.href }),
            nl(),
          ]),
          ...style,
        ]),
        nl(),
        el('body', {}, [
          nl(),
          el('a', { href: '#main', className: ['skip-link'] }, [
            { type: 'text', value: options.skipLink ?? 'Skip to content' },
          ]),
          nl(),
          el('main', { id: 'main' }, [nl(), article, nl()]),
          nl(),
        ]),
        nl(),
      ]),
      nl(),
    ],
  };
  // The title holds the organisation's name: its braces too (the head's style keeps its own).
  return stringifier
    .stringify(page)
    .replace(/<title>([^<]*)<\/title>/, (_, title: string) => `<title>${inertBraces(title)}</title>`)
    .replace(BODY, () => emitHtmlBody(assembled, options, memo));
}

function serialiseShape(section: AssembledSection, options: Omit<HtmlOptions, 'lang' | 'title'>, memo: EmitMemo): Op[] {
  const citation = options.visibleCitations && section.citation ? section.citation : '';
  const key = `${section.id}\0${section.citation ?? ''}\0${citation}`;
  let dressed = memo.htmlShapes.get(section.shape);
  if (!dressed) memo.htmlShapes.set(section.shape, (dressed = new Map()));
  let serialised = dressed.get(key);
  if (serialised === undefined) {
    const { tree, inserted } = dress(section, citation);
    const html = htmlByBlocks(section.shape, tree, toHtml, memo.htmlBlocks, inserted) ?? toHtml(tree);
    serialised = { html, ops: compileShape(html) };
    dressed.set(key, serialised);
  }
  return serialised.ops;
}

/**
 * A section's shape as it is written in HTML: its headings with their ids, and a visible
 * citation (at `inserted`) under the first. The shape is shared and never changed: they go into
 * a new root.
 */
export function dress(section: AssembledSection, citation: string): { tree: Root; inserted?: number } {
  const shape = section.shape as Root;
  let n = 0;
  const tree: Root = {
    ...shape,
    children: shape.children.map((node) => {
      if (node.type !== 'heading') return node;
      const id = section.headingIds[n++]!;
      // `hProperties` is what remark-rehype copies onto the element.
      return {
        ...node,
        data: {
          ...node.data,
          hProperties: n === 1 && section.citation ? { id, dataCitation: section.citation } : { id },
        } as Heading['data'],
      };
    }),
  };
  if (!citation || tree.children[0]?.type !== 'heading') return { tree };
  tree.children.splice(1, 0, {
    type: 'paragraph',
    children: [{ type: 'emphasis', children: [{ type: 'text', value: citation }] }],
  });
  return { tree, inserted: 1 };
}

/** Serialised HTML an earlier process made for a shape (for the --cache folder: see src/shapes.ts). */
export function restoreHtml(memo: EmitMemo, shape: object, key: string, html: string): void {
  let dressed = memo.htmlShapes.get(shape);
  if (!dressed) memo.htmlShapes.set(shape, (dressed = new Map()));
  if (!dressed.has(key)) dressed.set(key, { html, ops: compileShape(html) });
}

/** Serialised HTML split once into template text and the places values go. */
export type Op =
  | string
  /** A paragraph that is one value: a Markdown field's blocks when the value is one, the paragraph (`whole`) otherwise. */
  | { alone: number; whole: string }
  /** A link target with values in it (percent-encoded tokens), checked whole with the template's part. */
  | { url: (string | number)[] }
  /** A value in text or in a link's text; `stop` is the template's full stop after it. */
  | { text: number; stop: string | undefined };

function compileShape(html: string): Op[] {
  const ops: Op[] = [];
  let last = 0;
  for (const match of html.matchAll(HTML_PLACES)) {
    const [whole, alone, url, linkText, text, stop] = match;
    if (match.index > last) ops.push(html.slice(last, match.index));
    if (alone !== undefined)
      ops.push({ alone: Number(alone), whole: '' }, '<p>', { text: Number(alone), stop: undefined }, '</p>');
    else if (url !== undefined) ops.push('href="', { url: splitEncodedUrl(url) }, '"');
    else if (linkText !== undefined) ops.push({ text: Number(linkText), stop: undefined });
    else ops.push({ text: Number(text), stop });
    last = match.index + whole.length;
  }
  if (last < html.length) ops.push(html.slice(last));
  return ops;
}

function fill(ops: Op[], section: AssembledSection, memo: EmitMemo): string {
  const { values } = section;
  const raw = (i: number) => values[i]?.value ?? '';
  let out = '';
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (typeof op === 'string') out += op;
    else if ('alone' in op) {
      // A Markdown field alone in its paragraph becomes that field's blocks, in place of the paragraph.
      const value = values[op.alone];
      if (value?.kind === 'markdown') {
        out += field(value.value, section.id, memo);
        k += 3;
      }
    } else if ('url' in op)
      out += htmlText(checkedUrl(op.url.map((part) => (typeof part === 'number' ? raw(part) : part)).join('')));
    else {
      // A value that ends a sentence with its own full stop ("Example Co., Ltd.") takes the template's.
      const value = raw(op.text);
      out += htmlText(value) + stopAfter(value, op.stop);
    }
  }
  return out;
}

function field(markdown: string, sectionId: string, memo: EmitMemo): string {
  const key = `${sectionId}\0${markdown}`;
  const fields = memo.htmlFields;
  let html = fields.get(key);
  if (html === undefined) {
    const tree = toHast.runSync(fieldTree(markdown, memo.fieldTrees)) as HastRoot;
    idFieldHeadings(tree, sectionId);
    html = stringifier.stringify(tree);
    if (fields.size >= 1000) fields.clear();
    fields.set(key, html);
  }
  return html;
}
