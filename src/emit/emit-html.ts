import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Heading, Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { LINK_TEXT_TOKEN_PATTERN, URL_TOKEN_PATTERN, type Assembled, type AssembledSection } from '../assemble/assemble.js';
import { TOKEN_PATTERN } from '../render/tokens.js';
import { fieldTree, idFieldHeadings } from './fields.js';
import { checkedUrl, htmlText } from './values.js';

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
const stringifier = unified().use(rehypeStringify).freeze();

export const DEFAULT_STYLE = `:root{color-scheme:light dark;--text:#1b1b1f;--muted:#5b5b66;--rule:#d0d0d7;--link:#1c4fd6}
@media (prefers-color-scheme:dark){:root{--text:#e8e8ee;--muted:#a8a8b3;--rule:#3a3a44;--link:#8fb0ff}}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text)}
main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:2rem;line-height:1.2}h2{margin-top:2.5rem;padding-top:1rem;border-top:1px solid var(--rule)}
a{color:var(--link)}table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.95rem}
th,td{border:1px solid var(--rule);padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:color-mix(in srgb,var(--rule) 35%,transparent)}
@media print{body{font-size:11pt}a{color:inherit}h2{break-after:avoid}tr{break-inside:avoid}}`;

export interface HtmlOptions {
  lang: string;
  /** The document title (the declaration's text: it is escaped). */
  title: string;
  /** Print each jurisdiction section's law under its heading. */
  visibleCitations?: boolean;
}

const shapes = new Map<string, string>();
const fields = new Map<string, string>();
const ENCODED_URL_TOKEN = /%EE%80%82(\d+)%EE%80%83/g;

/** The policy body: the sections as sanitised HTML, values filled in. */
export function emitHtmlBody(assembled: Assembled, options: Omit<HtmlOptions, 'lang' | 'title'> = {}): string {
  return assembled.sections.map((section) => fill(serialiseShape(section, options), section)).join('\n');
}

/** The policy as a complete, standalone HTML page. */
export function emitHtml(assembled: Assembled, options: HtmlOptions): string {
  const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children });
  const nl = (): ElementContent => ({ type: 'text', value: '\n' });
  const BODY = '\uE004';
  const page: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      nl(),
      el('html', { lang: options.lang }, [
        nl(),
        el('head', {}, [nl(), el('meta', { charSet: 'utf-8' }), nl(), el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), nl(), el('title', {}, [{ type: 'text', value: options.title }]), nl(), el('style', {}, [{ type: 'text', value: DEFAULT_STYLE }]), nl()]),
        nl(),
        el('body', {}, [nl(), el('main', {}, [nl(), el('article', { className: ['policygen'] }, [nl(), { type: 'text', value: BODY }, nl()]), nl()]), nl()]),
        nl(),
      ]),
      nl(),
    ],
  };
  return stringifier.stringify(page).replace(BODY, () => emitHtmlBody(assembled, options));
}

function serialiseShape(section: AssembledSection, options: Omit<HtmlOptions, 'lang' | 'title'>): string {
  const citation = options.visibleCitations && section.citation ? section.citation : '';
  const key = `${section.id}\0${section.citation ?? ''}\0${citation}\0${section.key}`;
  let html = shapes.get(key);
  if (html === undefined) {
    const tree = structuredClone(section.shape) as Root;
    let n = 0;
    for (const node of tree.children) {
      if (node.type !== 'heading') continue;
      const id = section.headingIds[n++]!;
      // `hProperties` is what remark-rehype copies onto the element.
      node.data = { ...node.data, hProperties: n === 1 && section.citation ? { id, dataCitation: section.citation } : { id } } as Heading['data'];
    }
    if (citation && tree.children[0]?.type === 'heading') {
      tree.children.splice(1, 0, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: citation }] }] });
    }
    html = stringifier.stringify(toHast.runSync(tree) as HastRoot);
    if (shapes.size >= 5000) shapes.clear();
    shapes.set(key, html);
  }
  return html;
}

function fill(shape: string, section: AssembledSection): string {
  const { values } = section;
  return shape
    .replace(/<p>\uE000(\d+)\uE001<\/p>/g, (whole, i: string) => {
      const value = values[Number(i)];
      return value?.kind === 'markdown' ? field(value.value, section.id) : whole;
    })
    // A link target is checked whole, with the template's part (such as "mailto:") in it.
    // mdast-util-to-hast has percent-encoded the token's private-use characters.
    .replace(/href="([^"]*%EE%80%82\d+%EE%80%83[^"]*)"/g, (_, url: string) => `href="${htmlText(checkedUrl(url.replace(ENCODED_URL_TOKEN, (__, i: string) => values[Number(i)]?.value ?? '')))}"`)
    .replace(LINK_TEXT_TOKEN_PATTERN, (_, i: string) => htmlText(values[Number(i)]?.value ?? ''))
    .replace(TOKEN_PATTERN, (_, i: string) => htmlText(values[Number(i)]?.value ?? ''));
}

function field(markdown: string, sectionId: string): string {
  const key = `${sectionId}\0${markdown}`;
  let html = fields.get(key);
  if (html === undefined) {
    const tree = toHast.runSync(structuredClone(fieldTree(markdown))) as HastRoot;
    idFieldHeadings(tree, sectionId);
    html = stringifier.stringify(tree);
    if (fields.size >= 1000) fields.clear();
    fields.set(key, html);
  }
  return html;
}

/** Forgets serialised shapes (for benchmarks of the uncached path). */
export function clearHtmlCache(): void {
  shapes.clear();
  fields.clear();
}
