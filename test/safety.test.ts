import { describe, expect, it } from 'vitest';
import { compileText, minimal } from './helpers.js';

/**
 * Values are data, never markup: whatever a value contains, it must not create a link,
 * image, emphasis, heading, table break, HTML element or script in any output.
 */
const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '![tracker](https://evil.example/pixel.gif)',
  '# Heading',
  '**bold** _em_ `code`',
  'a | b | c',
  '```',
  'https://evil.example/auto',
  'www.evil.example',
  'evil@example.com',
  '{{organization.name}} {{#each data}}x{{/each}}',
  '\\*escaped\\*',
  '&lt;b&gt;entity&lt;/b&gt;',
  '[ref]: https://evil.example',
];

function build(value: string) {
  const yamlString = JSON.stringify(value);
  const text = minimal
    .replace('name: Example', `name: ${yamlString}`)
    .replace('examples: [name, e-mail address]', `examples: [${yamlString}]`)
    .replace('description: provide the service', `description: ${yamlString}`);
  const result = compileText(text);
  expect(result.diagnostics).toEqual([]);
  const get = (format: string) => result.outputs.find((o) => o.format === format)!.content;
  return { md: get('md'), html: get('html'), json: get('json') };
}

const article = (html: string) => html.slice(html.indexOf('<article'));
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('hostile values', () => {
  const plain = build('plain');
  for (const value of hostile) {
    it(`keeps ${JSON.stringify(value)} inert in every output`, () => {
      const { md, html, json } = build(value);
      const body = article(html);
      // HTML: no element, attribute or link came from the value; its text is escaped.
      expect(body).not.toMatch(/<script|<img|href="javascript|src="/);
      for (const tag of [/<a /g, /<h[1-6]/g, /<strong>/g, /<em>/g, /<code>/g, /<table>/g, /<td>/g, /<li>/g]) {
        expect(count(body, tag)).toBe(count(article(plain.html), tag));
      }
      // Markdown: the same block structure and links as for a harmless value.
      for (const construct of [/^#+ /gm, /^```/gm, /^\|/gm, /(?<!\\)\]\(/g, /^- /gm]) {
        expect(count(md, construct)).toBe(count(plain.md, construct));
      }
      // The value itself survives, as data.
      expect(JSON.parse(json).model.organization.name).toBe(value);
    });
  }

  it('shows a value containing Handlebars syntax literally', () => {
    const { md } = build('{{organization.name}}');
    // Braces as character references: every Markdown reader shows them, no template engine reads
    // them; the dot escaped, as "organization.name" is a host name to markdown-it's linkify.
    expect(md).toContain('&#x7B;&#x7B;organization\\.name&#x7D;&#x7D;');
  });

  it('keeps table cells intact when a value contains a pipe', () => {
    const { md } = build('a | b');
    const row = md.split('\n').find((line) => line.startsWith('|') && line.includes('a \\| b'));
    expect(row).toBeDefined();
    expect(row!.split(/(?<!\\)\|/).length).toBe(8); // 6 cells between 7 pipes
  });

  it('renders Markdown fields as Markdown but shows raw HTML as text and drops unsafe links', () => {
    const text =
      minimal +
      'introduction: |\n  We **care**. <script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.com)\n\n  # A heading inside\n\n  ![pixel](https://evil.example/p.gif)\n';
    const { outputs, diagnostics } = compileText(text);
    expect(diagnostics).toEqual([]);
    const html = outputs.find((o) => o.format === 'html')!.content;
    expect(html).toContain('<strong>care</strong>');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://example.com">good</a>');
    expect(html).not.toContain('evil.example');
    expect(html).toMatch(/<h3 id="[^"]+">A heading inside<\/h3>/); // kept below the section heading
    const md = outputs.find((o) => o.format === 'md')!.content;
    expect(md).toContain('\\<script>');
  });

  it('only links URLs with an allowed scheme, even when a template links a value', () => {
    // The schema refuses other schemes; this checks the second line of defence on its own.
    const text = minimal.replace(
      'email: privacy@example.com',
      'email: privacy@example.com\n    form: https://example.com/form',
    );
    const html = compileText(text).outputs.find((o) => o.format === 'html')!.content;
    expect(html).toContain('<a href="https://example.com/form">https://example.com/form</a>');
  });
});

describe('a value after nested container markers', () => {
  it('is escaped as the start of a block, however the markers nest', async () => {
    const { compile } = await import('../src/compile.js');
    const { bundledTemplates } = await import('../src/render/templates.js');
    const base = bundledTemplates('en');
    const lines = [
      '- > {{organization.name}}',
      '> - {{organization.name}}',
      '1. - {{organization.name}}',
      '- - {{organization.name}}',
      '>> {{organization.name}}',
    ];
    const templates = { ...base, sections: { ...base.sections, changes: `## Changes\n\n${lines.join('\n\n')}\n` } };
    const text = minimal.replace('name: Example', 'name: "1. Ordered"');
    const md = compile({ file: 'p.yaml', text }, { templates, formats: ['md'] }).outputs[0]!.content;
    const start = md.indexOf('## Changes');
    const section = md.slice(start, md.indexOf('\n## ', start + 1));
    expect(section).not.toMatch(/1\. Ordered/);
    expect(section.match(/1\\\. Ordered/g)).toHaveLength(lines.length);
  });
});

describe("policygen's own marker characters", () => {
  it('are refused in a value, at its position', () => {
    for (const marker of ['\uE002', '\uE004', '\uE005', '\uE00F']) {
      const result = compileText(minimal.replace('name: Example', `name: "Exa${marker}mple"`));
      expect(result.outputs).toEqual([]);
      expect(result.diagnostics[0]).toMatchObject({ severity: 'error', pointer: '/organization/name' });
    }
  });
});
