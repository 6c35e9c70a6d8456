import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assemble, slug } from '../src/assemble/assemble.js';
import { emitHtml, emitHtmlBody } from '../src/emit/emit-html.js';
import { emitMarkdown } from '../src/emit/emit-markdown.js';
import { newEmitMemo } from '../src/emit/memo.js';
import { Session } from '../src/session.js';
import { fieldTree } from '../src/assemble/fields.js';
import { TokenTable } from '../src/render/tokens.js';
import { buildView } from '../src/render/view.js';
import { compile } from '../src/compile.js';
import { compileText, minimal } from './helpers.js';

function assembleOne(markdown: string, values: [string, 'text' | 'markdown'][] = []) {
  const tokens = new TokenTable();
  const ids = values.map(([value, kind]) => tokens.token(value, kind));
  const text = markdown.replace(/\$(\d)/g, (_, i: string) => ids[Number(i)]!);
  return assemble({ sections: [{ id: 'demo', markdown: text }], tokens });
}

describe('render: the view templates see', () => {
  it('replaces free text with tokens and keeps vocabulary values as they are', () => {
    const { model } = compileText(minimal);
    const tokens = new TokenTable();
    const view = buildView(model!, tokens) as {
      data: { id: string; kind: string; examples: string[] }[];
      organization: { name: string };
    };
    expect(view.data[0]!.id).toBe('contact');
    expect(view.data[0]!.kind).toBe('contact-details');
    expect(view.organization.name).toMatch(/^\uE000\d+\uE001$/);
    expect(tokens.expand(view.organization.name)).toBe('Example');
    expect(view.data[0]!.examples.map((e) => tokens.expand(e))).toEqual(['name', 'e-mail address']);
  });

  it('gives the same value the same token', () => {
    const tokens = new TokenTable();
    expect(tokens.token('a')).toBe(tokens.token('a'));
    expect(tokens.token('a')).not.toBe(tokens.token('a', 'markdown'));
  });
});

describe('assemble and emit', () => {
  it('gives the first heading the section id and later ones stable ids', () => {
    const assembled = assembleOne('## Title\n\ntext\n\n### Sub part {#explicit}\n\nx\n\n### Another Heading\n\ny\n');
    expect(assembled.outline).toEqual([
      {
        id: 'demo',
        title: 'Title',
        headings: [
          { id: 'explicit', title: 'Sub part', depth: 3 },
          { id: 'demo-another-heading', title: 'Another Heading', depth: 3 },
        ],
      },
    ]);
    expect(emitMarkdown(assembled)).not.toContain('{#');
    expect(emitHtmlBody(assembled)).toContain('<h3 id="explicit">Sub part</h3>');
  });

  it('does not let a value choose a heading id', () => {
    const { outline } = assembleOne('## Title\n\n### Club $0 {#program-x}\n\nz\n\n### $1\n\nw\n', [
      ['{#contact}', 'text'],
      ['My heading', 'text'],
    ]);
    expect(outline[0]!.headings).toEqual([
      { id: 'program-x', title: 'Club {#contact}', depth: 3 },
      { id: 'demo-2', title: 'My heading', depth: 3 },
    ]);
  });

  it('puts values back as text, whatever they contain', () => {
    const assembled = assembleOne('## T\n\nName: **$0**\n', [['*x* [y](z) <b>', 'text']]);
    expect(emitMarkdown(assembled)).toBe('## T\n\nName: **\\*x\\* \\[y\\](z) \\<b\\>**\n');
    expect(emitHtmlBody(assembled)).toBe(
      '<h2 id="demo">T</h2>\n<p>Name: <strong>*x* [y](z) &#x3C;b&#x3E;</strong></p>',
    );
  });

  it('keeps block starts and line breaks in a value from making blocks', () => {
    const assembled = assembleOne('## T\n\n$0\n\n| a |\n| - |\n| $1 |\n', [
      ['# not a heading\n\n- not a list\n1. nor this\n    nor code', 'text'],
      ['two\nlines | pipe', 'text'],
    ]);
    expect(emitMarkdown(assembled)).toBe(
      '## T\n\n\\# not a heading\n\\- not a list\n1\\. nor this\nnor code\n\n| a |\n| - |\n| two lines \\| pipe |\n',
    );
  });

  it('turns a Markdown field alone in a paragraph into blocks, below the section heading', () => {
    const assembled = assembleOne('## T\n\n$0\n', [['# Big\n\n- one\n- two', 'markdown']]);
    expect(emitMarkdown(assembled)).toBe('## T\n\n### Big\n\n- one\n- two\n');
    expect(emitHtmlBody(assembled)).toContain('<h3 id="demo-big">Big</h3>');
  });

  it('keeps a link whose URL is a value only when the scheme is allowed', () => {
    const ok = assembleOne('## T\n\n[site]($0)\n', [['https://example.com/a b', 'text']]);
    expect(emitMarkdown(ok)).toContain('[site](https://example.com/a%20b)');
    expect(emitHtmlBody(ok)).toContain('<a href="https://example.com/a b">site</a>');
    const bad = assembleOne('## T\n\n[site]($0)\n', [['javascript:alert(1)', 'text']]);
    expect(emitMarkdown(bad)).toContain('[site](#)');
    expect(emitHtmlBody(bad)).toContain('<a href="#">site</a>');
  });

  it('makes slugs of ASCII letters, digits and hyphens', () => {
    expect(slug('Données à caractère personnel!')).toBe('donnees-a-caractere-personnel');
    expect(slug('个人信息')).toBe('');
  });

  it('writes a complete HTML page with lang, title, charset and the heading ids', () => {
    const html = emitHtml(assembleOne('## Title\n\ntext\n'), { lang: 'en', title: 'Privacy <Policy>' });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Privacy &#x3C;Policy></title>');
    expect(html).toContain('<h2 id="demo">Title</h2>');
  });

  it('never changes a parsed shape or Markdown field while emitting (they are shared)', () => {
    const texts = ['multinational', 'strum'].map((name) =>
      readFileSync(new URL(`../examples/${name}.yaml`, import.meta.url), 'utf8'),
    );
    const options = [
      {},
      { visibleCitations: true, markdown: { headingIds: true, toc: true }, html: { toc: true } },
    ] as const;
    const session = new Session();
    const all = () =>
      texts.flatMap((text) => options.map((o) => compile({ file: 'm.yaml', text }, { ...o, session }).outputs));
    const first = all();
    // Frozen, a shape cannot be changed: a write throws, or (in sloppy code) does nothing and
    // the outputs would differ.
    const freeze = (node: unknown): void => {
      if (node && typeof node === 'object' && !Object.isFrozen(node)) {
        Object.freeze(node);
        for (const value of Object.values(node)) freeze(value);
      }
    };
    for (const shape of session.shapes.values()) freeze(shape);
    const fields = texts.flatMap(fieldTexts);
    expect(fields.length).toBeGreaterThan(2);
    for (const markdown of fields) freeze(fieldTree(markdown, session.emit.fieldTrees));
    // Serialised again from the frozen shapes and fields.
    Object.assign(session.emit, { ...newEmitMemo(), fieldTrees: session.emit.fieldTrees });
    expect(all()).toEqual(first);
  });

  it('gives the same output from a session (first and again) as without one', () => {
    const text = readFileSync(new URL('../examples/multinational.yaml', import.meta.url), 'utf8');
    const session = new Session();
    const first = compile({ file: 'm.yaml', text }, { session });
    const again = compile({ file: 'm.yaml', text }, { session });
    const plain = compile({ file: 'm.yaml', text });
    expect(first.outputs).toEqual(plain.outputs);
    expect(again.outputs).toEqual(plain.outputs);
    expect(session.renders.stats.hits).toBeGreaterThan(0);
  });
});

describe('citations', () => {
  it('travel with each jurisdiction section: data-citation in HTML, citation in JSON, visible on request', () => {
    const text = readFileSync(new URL('./jurisdictions/eea.yaml', import.meta.url), 'utf8');
    const plain = compileText(text);
    const html = plain.outputs.find((o) => o.format === 'html')!.content;
    expect(html).toContain(
      '<h2 id="jurisdiction-eea" data-citation="GDPR (General Data Protection Regulation (EU) 2016/679)">',
    );
    const json = JSON.parse(plain.outputs.find((o) => o.format === 'json')!.content);
    expect(json.sections.find((s: { id: string }) => s.id === 'jurisdiction-eea').citation).toMatch(/^GDPR/);
    expect(json.disclosures.find((d: { id: string }) => d.id === 'purposes-and-bases')).toMatchObject({
      jurisdiction: 'eea',
      citation: 'GDPR Art. 13(1)(c)',
    });
    expect(plain.outputs.find((o) => o.format === 'md')!.content).not.toContain('_GDPR (General');
    const visible = compile({ file: 'p.yaml', text }, { formats: ['md'], visibleCitations: true });
    expect(visible.outputs[0]!.content).toContain('\n\n_GDPR (General Data Protection Regulation (EU) 2016/679)_\n\n');
  });
});

/** The Markdown fields (introduction, body, details) of a declaration, in English. */
function fieldTexts(yaml: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (typeof value === 'string' && key && ['introduction', 'body', 'details'].includes(key)) found.push(value);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value))
        walk(k === 'en' && typeof v === 'string' ? v : v, k === 'en' ? key : k);
    }
  };
  walk(parse(yaml));
  return found;
}
