import { createProcessor } from '@mdx-js/mdx';
import { Liquid } from 'liquidjs';
import MarkdownIt from 'markdown-it';
import markdownItAttrs from 'markdown-it-attrs';
import nunjucks from 'nunjucks';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { localeCodes } from '../src/locales.js';
import { compileText, minimal } from './helpers.js';

/**
 * Values stay data in the renderers users put policygen's output into (issue 14): markdown-it
 * with markdown-it-attrs (the `{#id}` headings the README names), linkify and raw HTML; MDX 3;
 * and the template engines static-site generators run over Markdown and HTML files (Liquid,
 * Nunjucks). A value may not add an attribute, a link, an element or an evaluated template tag.
 */
const payloads = [
  'Acme {onmouseover=alert(1) onfocus=alert(2) tabindex=0 autofocus}',
  'Acme {.evil #evil data-x=1}',
  '{% capture x %}<img src=x onerror=alert(1)>{% endcapture %}{{ x }}',
  '{{ 7 | times: 7 }} and {{ 7 * 7 }}',
  '{{< shortcode >}} {{% shortcode %}}',
  'MDX { 1 + 1 } and {props.x}',
  '<script>alert(1)</script> <img src=x onerror=alert(1)>',
  '[x](javascript:alert(1)) `code` a | b',
  'mailto:evil@example.com https://evil.example www.evil.example',
  // markdown-it's linkify also links bare host names and addresses, and other schemes (issue 18).
  'write to privacy@evil.example or visit evil.example, ftp://files.evil.example/x or //cdn.evil.example',
];

/** The value in a heading, a table cell, a list item and paragraphs, and in a Markdown field (an introduction). */
function build(value: string, inValues = true) {
  const quoted = JSON.stringify(inValues ? value : 'Acme');
  const text = minimal
    .replace('name: Example', `name: ${quoted}`)
    .replace('examples: [name, e-mail address]', `examples: [${quoted}]`)
    .replace('description: provide the service', `description: ${quoted}`)
    .replace('    kind: contact-details\n', `    kind: contact-details\n    label: ${quoted}\n`);
  const result = compileText(`${text}introduction: ${JSON.stringify(`Our notice. ${value}`)}\n`);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const get = (format: string) => result.outputs.find((o) => o.format === format)!.content;
  return { md: get('md'), html: get('html') };
}

const mdx = createProcessor();
const markdownIt = new MarkdownIt({ html: true, linkify: true }).use(markdownItAttrs);
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).sort();
const attributes = (html: string) =>
  [...html.matchAll(/<[a-z][^>]*\s(on\w+|tabindex|autofocus|class|id|data-x)=/gi)].map((m) => m[1]!.toLowerCase());

describe('values stay data downstream', () => {
  for (const value of payloads) {
    describe(JSON.stringify(value), () => {
      const { md, html } = build(value);

      it('markdown-it with attrs, linkify and raw HTML: no attribute, element or link from the value', () => {
        const out = markdownIt.render(md.replace(/^---\n[\s\S]*?\n---\n/, ''));
        expect(out).not.toMatch(/<script|<img|href="javascript/i);
        expect(attributes(out).filter((a) => a.startsWith('on') || a !== 'id')).toEqual([]);
        // A Markdown field may link (http, https, mailto); a value never does.
        expect(hrefs(out)).toEqual(hrefs(markdownIt.render(build(value, false).md)));
      });

      it('Liquid and Nunjucks find no tag in the Markdown or the HTML', async () => {
        const liquid = new Liquid();
        for (const text of [md, html]) {
          expect(await liquid.parseAndRender(text)).toBe(text);
          expect(nunjucks.renderString(text, {})).toBe(text);
        }
      });

      it('MDX 3 reads the Markdown with no expression, JSX element or ESM in it', () => {
        const found: string[] = [];
        const visit = (node: { type: string; children?: unknown[] }) => {
          if (node.type.startsWith('mdx')) found.push(node.type);
          for (const child of node.children ?? []) visit(child as typeof node);
        };
        visit(mdx.parse(md.replace(/^---\n[\s\S]*?\n---\n/, '')) as { type: string });
        expect(found).toEqual([]);
      });
    });
  }
});

describe('every example, in every locale, is inert downstream', () => {
  const examples = readdirSync(new URL('../examples/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
  for (const locale of localeCodes()) {
    it(`${locale}: MDX reads no expression or JSX, Liquid and Nunjucks find no tag, markdown-it-attrs adds no attribute`, async () => {
      const liquid = new Liquid();
      for (const name of examples) {
        const text = readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
        const result = compile({ file: name, text }, { formats: ['md', 'html'], locale, allowFallback: true });
        const [md, html] = result.outputs.map((o) => o.content) as [string, string];
        const found: string[] = [];
        const visit = (node: { type: string; children?: unknown[] }) => {
          if (node.type.startsWith('mdx')) found.push(node.type);
          for (const child of node.children ?? []) visit(child as typeof node);
        };
        visit(mdx.parse(md) as { type: string });
        expect(found, `${locale} ${name}`).toEqual([]);
        expect(
          attributes(markdownIt.render(md)).filter((a) => a !== 'id'),
          `${locale} ${name}`,
        ).toEqual([]);
        for (const output of [md, html]) {
          expect(await liquid.parseAndRender(output), `${locale} ${name}`).toBe(output);
          expect(nunjucks.renderString(output, {}), `${locale} ${name}`).toBe(output);
        }
      }
    }, 60_000);
  }
});

describe('the hostile corpus is inert downstream', () => {
  // Every case of test/hostile/ that builds: its Markdown through markdown-it (+attrs, linkify,
  // raw HTML) and MDX, its Markdown and HTML through Liquid and Nunjucks.
  const dir = new URL('./hostile/', import.meta.url);
  const built = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const result = compile({ file: name, text: readFileSync(new URL(name, dir)) }, { formats: ['md', 'html'] });
      return result.outputs.length ? [{ name, md: result.outputs[0]!.content, html: result.outputs[1]!.content }] : [];
    });

  it('builds enough of it to mean something', () => {
    expect(built.length).toBeGreaterThan(25);
  });

  it('adds no element, attribute, expression or template tag anywhere', async () => {
    const liquid = new Liquid();
    for (const { name, md, html } of built) {
      const body = md.replace(/^---\n[\s\S]*?\n---\n/, '');
      const out = markdownIt.render(body);
      expect(out, name).not.toMatch(/<(script|img|iframe|svg|object|embed|style)\b|href="(javascript|data|vbscript):/i);
      // A fenced code block in a Markdown field keeps its language as a class (markdown-it's own, inert).
      expect(
        attributes(out.replace(/ class="language-[\w-]+"/g, '')).filter((a) => a !== 'id'),
        name,
      ).toEqual([]);
      const found: string[] = [];
      const visit = (node: { type: string; children?: unknown[] }) => {
        if (node.type.startsWith('mdx')) found.push(node.type);
        for (const child of node.children ?? []) visit(child as typeof node);
      };
      visit(mdx.parse(body) as { type: string });
      expect(found, name).toEqual([]);
      for (const output of [md, html]) {
        expect(await liquid.parseAndRender(output), name).toBe(output);
        expect(nunjucks.renderString(output, {}), name).toBe(output);
      }
    }
  }, 60_000);
});

/** Every golden Markdown file, in every locale. */
function goldenMarkdown(dir = 'test/golden'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? goldenMarkdown(`${dir}/${entry.name}`)
      : entry.name.endsWith('.md')
        ? [`${dir}/${entry.name}`]
        : [],
  );
}

describe('every golden Markdown file downstream (issue 18)', () => {
  const goldens = goldenMarkdown();

  it('compiles with MDX 3 as Docusaurus, Astro and Next.js compile it, in every locale', async () => {
    // Before issue 18, a bare e-mail address became an autolink <ask@example.com>, which MDX
    // refuses ("Unexpected character @"): 7 of 49 outputs failed.
    expect(goldens.length).toBeGreaterThanOrEqual(49);
    const { compile: compileMdx } = await import('@mdx-js/mdx');
    const failed: string[] = [];
    for (const file of goldens) {
      try {
        await compileMdx(readFileSync(file, 'utf8'));
      } catch (error) {
        failed.push(`${file}: ${(error as Error).message}`);
      }
    }
    expect(failed).toEqual([]);
  }, 60_000);

  it("renders with markdown-it (attrs, linkify, raw HTML) to the same links as policygen's own HTML", () => {
    for (const file of goldens.filter((f) => existsSync(f.replace(/\.md$/, '.html')))) {
      const html = readFileSync(file.replace(/\.md$/, '.html'), 'utf8');
      const own = [...html.matchAll(/<a href="([^"#][^"]*)"/g)].map((m) => m[1]).sort();
      const theirs = [...markdownIt.render(readFileSync(file, 'utf8')).matchAll(/<a href="([^"#][^"]*)"/g)]
        .map((m) => m[1])
        .sort();
      expect(theirs, file).toEqual(own);
    }
  });
});

/**
 * Pandoc (Debian's, which .ci/run installs) reads every golden Markdown file with its own
 * Markdown reader, as Quarto, R Markdown and Pandoc's own users read it, and as GFM (issue 18).
 * Locally, without pandoc, the suite is skipped; in CI (CI=true) a missing pandoc fails it.
 */
const pandocAvailable = (() => {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!pandocAvailable && process.env['CI']) throw new Error("pandoc is missing: .ci/run must install Debian's pandoc");
const pandoc = (markdown: string, from: string) =>
  execFileSync('pandoc', ['-f', from, '-t', 'html5', '--wrap=none'], { input: markdown }).toString();
/** What a reader sees of HTML: its text, with character references read, whitespace collapsed. */
const visible = (html: string) =>
  html
    .replace(/<(head|style|script)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    // The word joiner the Markdown puts after an e-mail address's @, so that no renderer links it.
    .replace(/\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe.skipIf(!pandocAvailable)('every golden Markdown file in Pandoc (issue 18)', () => {
  const goldens = goldenMarkdown();
  // What policygen's Markdown may become: no math, footnotes, sub- or superscript,
  // strike-through, definition lists, citations, spans or raw HTML from Pandoc's extensions.
  const ELEMENTS = new Set([
    'a',
    'col',
    'colgroup',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'li',
    'p',
    'strong',
    'table',
    'tbody',
    'td',
    'th',
    'thead',
    'tr',
    'ul',
  ]);

  it('reads only headings, paragraphs, lists, tables, emphasis and links, and every in-page link finds its heading', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(49);
    for (const file of goldens) {
      const markdown = readFileSync(file, 'utf8');
      for (const from of ['markdown', 'gfm']) {
        const html = pandoc(markdown, from);
        const elements = new Set([...html.matchAll(/<([a-z][a-z0-9]*)[\s>]/g)].map((m) => m[1]!));
        expect(
          [...elements].filter((e) => !ELEMENTS.has(e)),
          `${file} (${from})`,
        ).toEqual([]);
        const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
        const targets = [...html.matchAll(/href="#([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
        expect(
          targets.filter((t) => !ids.has(t)),
          `${file} (${from})`,
        ).toEqual([]);
      }
    }
  }, 120_000);

  it("shows the same words and the same links as policygen's own HTML", () => {
    for (const file of goldens.filter((f) => existsSync(f.replace(/\.md$/, '.html')))) {
      const own = readFileSync(file.replace(/\.md$/, '.html'), 'utf8');
      const article = own.slice(own.indexOf('<article'), own.indexOf('</article>'));
      const external = (html: string) => [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]).sort();
      const markdown = readFileSync(file, 'utf8');
      // Without "smart", Pandoc's reader keeps straight quotes and dashes as they are written.
      for (const from of ['markdown-smart', 'gfm']) {
        // Pandoc 2.17's GFM reader links a URL or e-mail address again inside the link whose text
        // it is (<a href="x"><a href="x">x</a></a>); a browser reads that as one link.
        const html = pandoc(markdown, from).replace(
          /<a href="([^"]*)"><a href="\1">([^<]*)<\/a><\/a>/g,
          '<a href="$1">$2</a>',
        );
        expect(visible(html), `${file} (${from})`).toBe(visible(article));
        expect(external(html), `${file} (${from})`).toEqual(external(article));
      }
    }
  }, 60_000);

  it("takes policygen's heading ids from Markdown written with {#id} attributes", () => {
    const text = readFileSync('examples/multinational.yaml', 'utf8');
    const result = compile(
      { file: 'multinational.yaml', text },
      { formats: ['md', 'html'], markdown: { headingIds: true } },
    );
    const md = result.outputs.find((o) => o.format === 'md')!.content;
    const own = result.outputs.find((o) => o.format === 'html')!.content;
    const headingIds = (html: string) => [...html.matchAll(/<h[1-6][^>]*\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(headingIds(pandoc(md, 'markdown'))).toEqual(headingIds(own));
  });
});
