/**
 * Integration tests: static-site generators consume policygen's output.
 *
 * - Eleventy publishes the HTML fragment (`--fragment`) as a page inside a layout; the page's
 *   data (title, organization, locale, version) comes from policygen's JSON output, which
 *   Eleventy reads as the page's template data file.
 * - Astro renders the Markdown with YAML front matter from a content collection whose zod
 *   schema describes exactly the front matter fields policygen writes.
 * - Eleventy with no config at all (Liquid over every .md and .html file) publishes policygen's
 *   Markdown and HTML fragment built from values full of template syntax, markup and links,
 *   as the same text (issue 14).
 *
 * Each site is copied to a temporary folder and built programmatically; nothing touches the
 * network (Astro telemetry is off).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile } from '../src/compile.js';
import { root, run } from './helpers.js';

const TIMEOUT = 120_000;
const example = join(root, 'examples', 'multinational.yaml');
const fixtures = join(root, 'test', 'integration');
const temporary: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The values of every `attribute="…"` in the page. */
function attributeValues(html: string, attribute: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

/** Every in-page link (`href="#x"`) has an element with `id="x"`, and no id is used twice. */
function expectInPageLinksResolve(html: string): void {
  const ids = attributeValues(html, 'id');
  expect(new Set(ids).size, 'duplicate ids').toBe(ids.length);
  const targets = attributeValues(html, 'href')
    .filter((href) => href.startsWith('#'))
    .map((href) => decodeURIComponent(href.slice(1)));
  expect(targets.length).toBeGreaterThan(0);
  expect(
    targets.filter((target) => !ids.includes(target)),
    'links to missing ids',
  ).toEqual([]);
}

/** Text content of every element `<tag …>text</tag>`, with a few entities decoded. */
function elementTexts(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&#x26;|&amp;/g, '&')
      .replace(/&#x22;|&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .trim(),
  );
}

describe('integration: static-site generators', () => {
  it(
    "Eleventy publishes policygen's HTML fragment in a layout, with the page data from its JSON",
    async () => {
      const dir = tempDir('policygen-eleventy-');
      const input = join(dir, 'site');
      const output = join(dir, '_site');
      cpSync(join(fixtures, 'eleventy'), input, { recursive: true });
      // The output file names come from the declaration's: privacy.html and privacy.json.
      const declaration = join(dir, 'privacy.yaml');
      cpSync(example, declaration);

      const built = await run(['build', declaration, '--out-dir', input, '--format', 'html,json', '--fragment']);
      expect(built.stderr).toBe('0 errors, 0 warnings, 2 files written\n');
      expect(built.code).toBe(0);
      const fragment = readFileSync(join(input, 'privacy.html'), 'utf8');
      expect(fragment).toMatch(/^<article class="policygen" lang="en">/);
      const data = JSON.parse(readFileSync(join(input, 'privacy.json'), 'utf8')) as {
        title: string;
        organization: string;
        version: string;
      };

      const started = performance.now();
      const { default: Eleventy } = await import('@11ty/eleventy');
      const eleventy = new Eleventy(input, output, { quietMode: true, configPath: join(input, 'eleventy.config.mjs') });
      await eleventy.write();
      console.info(`Eleventy build: ${Math.round(performance.now() - started)} ms`);

      const page = readFileSync(join(output, 'privacy', 'index.html'), 'utf8');
      expect(page).toMatch(/^<!DOCTYPE html>/);
      expect(page.match(/<html\b/g)).toHaveLength(1);
      expect(page.match(/<article class="policygen"/g)).toHaveLength(1);
      // The layout's <title> is the policy's title (and organization) from policygen's data.
      expect(data.title).toBe('Privacy Policy');
      expect(elementTexts(page, 'title')).toEqual([`${data.title} | ${data.organization}`]);
      expect(page).toContain(`Policy version ${data.version}`);
      // The headings, with their ids.
      expect(page).toContain('<h1 id="introduction">Privacy Policy</h1>');
      expect(page).toContain('<h2 id="information-we-collect">Information we collect</h2>');
      expect(elementTexts(page, 'h2')).toEqual(
        expect.arrayContaining(['How we use information', 'Your rights and choices', 'Contact us']),
      );
      // Links to #contact land on the "Contact us" section, and every other in-page link resolves too.
      expect(page).toContain('href="#contact"');
      expect(page).toMatch(/<h2 id="contact">Contact us<\/h2>/);
      expectInPageLinksResolve(page);
      // The fragment was copied through untouched and nothing executable was added.
      expect(page).toContain(fragment.trim());
      expect(page).not.toMatch(/<script/i);
      // The rest of the site still builds around it.
      expect(readFileSync(join(output, 'index.html'), 'utf8')).toContain('<title>Home</title>');
    },
    TIMEOUT,
  );

  it(
    "Astro renders policygen's Markdown and front matter from a content collection",
    async () => {
      process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
      const project = tempDir('policygen-astro-');
      cpSync(join(fixtures, 'astro'), project, { recursive: true });
      // Astro, its loaders and zod are resolved from the project, as in a real site.
      symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');

      const { outputs, diagnostics } = compile(
        { file: 'privacy.yaml', text: readFileSync(example, 'utf8') },
        { formats: ['md'], markdown: { frontMatter: ['title', 'description', 'last_updated', 'locale', 'version'] } },
      );
      expect(diagnostics).toEqual([]);
      const markdown = outputs[0]!.content;
      const frontMatter = parse(markdown.split('---\n')[1]!) as Record<string, string>;
      expect(Object.keys(frontMatter)).toEqual(['title', 'description', 'last_updated', 'locale', 'version']);
      const collection = join(project, 'src', 'content', 'policies');
      mkdirSync(collection, { recursive: true });
      writeFileSync(join(collection, 'privacy.md'), markdown);

      const started = performance.now();
      const { build } = await import('astro');
      // Astro stages its server build in <cwd>/.astro when the output folder is not inside the
      // working directory, so build from inside the project (vitest runs tests in forks, where
      // chdir is allowed) to keep everything in the temporary folder.
      const cwd = process.cwd();
      process.chdir(project);
      try {
        await build({ root: project, logLevel: 'error' });
      } finally {
        process.chdir(cwd);
      }
      console.info(`Astro build: ${Math.round(performance.now() - started)} ms`);

      const file = [join(project, 'dist', 'privacy', 'index.html'), join(project, 'dist', 'privacy.html')].find(
        (path) => existsSync(path),
      );
      expect(file, 'dist/privacy/index.html').toBeDefined();
      const page = readFileSync(file!, 'utf8');
      expect(page).toMatch(/^<!DOCTYPE html>/i);
      expect(page).toMatch(/<html lang="en">/);
      // The front matter, validated by the collection's schema, reaches the page.
      expect(elementTexts(page, 'title')).toEqual([frontMatter['title']]);
      expect(page).toContain(`<meta name="description" content="${frontMatter['description']}"`);
      expect(page).toContain(`<code>${frontMatter['version']}</code>`);
      expect(page).toContain(`<time datetime="${frontMatter['last_updated']}">`);
      // Every heading of the Markdown becomes a heading of the page, in order.
      for (const level of [1, 2, 3]) {
        const expected = [...markdown.matchAll(new RegExp(`^${'#'.repeat(level)} (.+)$`, 'gm'))].map((m) => m[1]!);
        expect(expected.length).toBeGreaterThan(0);
        expect(elementTexts(page, `h${level}`)).toEqual(expected);
      }
      expect(elementTexts(page, 'h2')).toEqual(expect.arrayContaining(['Information we collect', 'Contact us']));
      // Without {#id}s, policygen links to GitHub-style heading slugs, which are the ids
      // Astro gives headings: "Contact us" is #contact-us, and every in-page link resolves.
      expect(page).toMatch(/<h2 id="contact-us">Contact us<\/h2>/);
      expect(page).toContain('href="#contact-us"');
      expectInPageLinksResolve(page);
      // The wording is published as policygen wrote it.
      const paragraphs = elementTexts(page, 'p');
      expect(paragraphs).toContain(markdown.split('\n').find((line) => line.startsWith('This policy explains how')));
      // The tables survived (GFM is on in Astro as in policygen).
      expect(page).toMatch(/<table>/);
      // Nothing executable: neither from the data nor added by Astro for this static page.
      expect(page).not.toMatch(/<script/i);
    },
    TIMEOUT,
  );
});

describe('integration: Eleventy with its default engines', () => {
  // No config: Eleventy runs Liquid over every .md and .html file before publishing it, as a
  // user's site does unless told otherwise. Values holding template syntax, markup and links
  // (test/downstream.test.ts has the same list) must come out as the same text, evaluated by
  // nothing: no tag, no element, no attribute, no link.
  const payloads = [
    '{% capture x %}<img src=x onerror=alert(1)>{% endcapture %}{{ x }}',
    '{{ 7 | times: 7 }} and {{ 7 * 7 }} and {{ page.inputPath }}',
    '{%- raw -%}{% endraw %} {# comment #} {{- "x" -}}',
    'Acme {onmouseover=alert(1) tabindex=0 autofocus}',
    '<script>alert(1)</script> [x](javascript:alert(1)) mailto:evil@example.com',
  ];
  const declaration = (value: string) =>
    `policygen: 1
organization:
  name: ${JSON.stringify(value)}
  contact:
    email: privacy@example.com
effective: 2024-07-15
jurisdictions: [us]
introduction: ${JSON.stringify(`Our notice. ${value}`)}
data:
  - id: contact
    kind: contact-details
    label: ${JSON.stringify(value)}
    examples: [${JSON.stringify(value)}]
    sources: [user]
    retention: 6 months after the account is closed
purposes:
  - id: service
    description: ${JSON.stringify(value)}
    data: [contact]
    legal_basis: contract
recipients: []
`;
  /** Text as a reader sees it: tags dropped, the character references policygen writes decoded. */
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\u2060/g, '')
      .replace(/\s+/g, ' ');

  it(
    'publishes the Markdown and the HTML fragment as text, whatever the values hold',
    async () => {
      const dir = tempDir('policygen-eleventy-default-');
      const input = join(dir, 'site');
      const output = join(dir, '_site');
      mkdirSync(input);
      payloads.forEach((value, i) => {
        const result = compile(
          { file: 'p.yaml', text: declaration(value) },
          { formats: ['md', 'html'], html: { fragment: true }, markdown: { frontMatter: ['title'] } },
        );
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        writeFileSync(join(input, `p${i}.md`), result.outputs[0]!.content);
        writeFileSync(join(input, `f${i}.html`), result.outputs[1]!.content);
      });
      const { default: Eleventy } = await import('@11ty/eleventy');
      await new Eleventy(input, output, { quietMode: true }).write();
      payloads.forEach((value, i) => {
        for (const page of [
          readFileSync(join(output, `p${i}`, 'index.html'), 'utf8'),
          readFileSync(join(output, `f${i}`, 'index.html'), 'utf8'),
        ]) {
          expect(
            page.match(
              /<(script|img|iframe|svg)\b|<[a-z][^>]*\s(on[a-z]+=|tabindex[\s=>]|autofocus[\s=>])|href="javascript:/,
            )?.[0],
            value,
          ).toBeUndefined();
          // The organisation's name (plain text) is there as the text it was: no Liquid tag
          // evaluated, nothing dropped. (The introduction is Markdown: its links are its own.)
          expect(text(page), value).toContain(`explains how ${value} (`.replace(/\s+/g, ' '));
        }
      });
    },
    TIMEOUT,
  );
});
