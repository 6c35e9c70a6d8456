import { createProcessor } from '@mdx-js/mdx';
import { Liquid } from 'liquidjs';
import MarkdownIt from 'markdown-it';
import markdownItAttrs from 'markdown-it-attrs';
import nunjucks from 'nunjucks';
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

describe('every golden Markdown file downstream (issue 18)', () => {
  const goldens: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
      else if (entry.name.endsWith('.md')) goldens.push(`${dir}/${entry.name}`);
    }
  };
  walk('test/golden');

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
