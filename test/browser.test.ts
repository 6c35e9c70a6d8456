/// <reference lib="dom" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import markdownItAttrs from 'markdown-it-attrs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile } from '../src/compile.js';

/**
 * Loads policies built from hostile declarations in a real browser (Debian's Chromium, which
 * .ci/run installs) and checks that nothing from the data runs. Locally, without Chromium,
 * the suite is skipped; in CI (CI=true) a missing browser fails it.
 */
const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available && process.env['CI'])
  throw new Error(`${executablePath} is missing: .ci/run must install Debian's chromium`);

const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '[click](javascript:window.__pwned="link")',
  '<a href="javascript:window.__pwned=\'a\'">x</a>',
  '<iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
  '"><script>window.__pwned="attr"</script>',
  '<style>body{background:url("javascript:window.__pwned=1")}</style>',
];

function hostileHtml(payload: string, format: 'html' | 'trace' = 'html'): string {
  const text = stringify({
    policygen: 1,
    title: payload,
    introduction: `Intro ${payload}\n\n${payload}`,
    organization: {
      name: payload,
      legal_name: payload,
      contact: { email: 'privacy@example.com' },
      address: { street: payload, city: payload, country: payload },
    },
    effective: '2025-01-01',
    jurisdictions: ['us'],
    data: [
      {
        id: 'a',
        kind: 'contact-details',
        label: payload,
        examples: [payload],
        sources: ['user'],
        required: true,
        required_because: payload,
        retention: '1 year',
      },
    ],
    purposes: [{ id: 'p', description: payload, details: payload, data: ['a'], legal_basis: 'contract' }],
    recipients: [
      {
        id: 'r',
        kind: 'service-provider',
        label: payload,
        description: payload,
        data: ['a'],
        vendors: [{ name: payload }],
      },
    ],
    rights: { channels: [{ email: 'privacy@example.com' }], response_time: '15 days', verification: payload },
    clauses: [{ id: 'c', title: payload, body: `${payload}\n\n# ${payload}` }],
    changes: { notice: ['posted-on-page'] },
  });
  const result = compile({ file: 'hostile.yaml', text }, { formats: [format] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.outputs[0]!.content;
}

describe.skipIf(!available)('the HTML in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * A page that records every dialog and page error, and a check that loads HTML into it, fires
   * every element's handlers as a curious reader would, and finds nothing run or inserted.
   */
  async function watchedPage() {
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const events: string[] = [];
    page.on('dialog', (dialog) => {
      events.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => events.push(`error: ${error.message}`));
    const inert = async (content: string, label?: string) => {
      await page.setContent(content, { waitUntil: 'load' });
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const type of ['click', 'mouseover', 'focus', 'load', 'error']) el.dispatchEvent(new Event(type));
        }
      });
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null), label).toBeNull();
      expect(
        await page.evaluate(
          () => document.querySelectorAll('script, iframe, img, svg, style:not(head style), object, embed').length,
        ),
        label,
      ).toBe(0);
    };
    return { context, events, inert };
  }

  it('runs no script from the hostile corpus, in the HTML and in the Markdown as markdown-it (+attrs, linkify, raw HTML) renders it', async () => {
    const dir = new URL('./hostile/', import.meta.url);
    const markdownIt = new MarkdownIt({ html: true, linkify: true }).use(markdownItAttrs);
    const { context, events, inert } = await watchedPage();
    let pages = 0;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const result = compile({ file: name, text: readFileSync(new URL(name, dir)) }, { formats: ['md', 'html'] });
      if (!result.outputs.length) continue;
      const [md, html] = result.outputs.map((o) => o.content) as [string, string];
      for (const content of [
        html,
        `<!doctype html><html><body>${markdownIt.render(md.replace(/^---\n[\s\S]*?\n---\n/, ''))}</body></html>`,
      ]) {
        await inert(content, name);
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(50);
    expect(events).toEqual([]);
    await context.close();
  }, 120_000);

  for (const format of ['html', 'trace'] as const) {
    it(`runs no script from the declaration, whatever the payload (${format === 'html' ? 'the policy' : 'the review page of --trace'})`, async () => {
      const { context, events, inert } = await watchedPage();
      for (const payload of PAYLOADS) await inert(hostileHtml(payload, format), payload);
      expect(events).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('filters the review page of --trace by kind, without a script', async () => {
    const text = readFileSync(new URL('../examples/craft-room.yaml', import.meta.url), 'utf8');
    const page = await browser.newPage();
    await page.setContent(compile({ file: 'craft-room.yaml', text }, { formats: ['trace'] }).outputs[0]!.content, {
      waitUntil: 'load',
    });
    const shown = () =>
      page.evaluate(() =>
        [
          ...new Set(
            Array.from(document.querySelectorAll('tbody tr'))
              .filter((tr) => getComputedStyle(tr).display !== 'none')
              .map((tr) => tr.className),
          ),
        ].sort(),
      );
    expect(await shown()).toEqual(['explanation', 'fact', 'required']);
    for (const kind of ['fact', 'required', 'explanation']) {
      await page.click(`#show-${kind}`);
      expect(await shown()).toEqual([kind]);
    }
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    await page.close();
  }, 60_000);
});
