import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Sanitising is the last step before HTML is printed: a second line of defence behind the
 * token design. policygen's own heading ids are kept as they are (no `user-content-` prefix),
 * which is safe because values never become ids.
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
  /** The document title. */
  title: string;
}

/** The policy body as sanitised HTML elements. */
export function toHtmlTree(tree: Root): HastRoot {
  return toHast.runSync(tree) as HastRoot;
}

/** The policy as a complete, standalone HTML page. */
export function emitHtml(tree: Root, options: HtmlOptions): string {
  const body = toHtmlTree(tree);
  const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children });
  const nl = (): ElementContent => ({ type: 'text', value: '\n' });
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
          el('style', {}, [{ type: 'text', value: DEFAULT_STYLE }]),
          nl(),
        ]),
        nl(),
        el('body', {}, [nl(), el('main', {}, [nl(), el('article', { className: ['policygen'] }, [nl(), ...(body.children as ElementContent[]), nl()]), nl()]), nl()]),
        nl(),
      ]),
      nl(),
    ],
  };
  return stringifier.stringify(page);
}
