import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GFM_TRIGGER, parseMarkdown, parseWith } from '../src/assemble/parse-markdown.js';
import { readdirSync, readFileSync } from 'node:fs';
import { compile } from '../src/compile.js';
import { Session } from '../src/session.js';
import type { Statement } from '../src/provenance/statements.js';
import { markdownText, normal, resolves } from './statement-text.js';

/**
 * Property: whatever text a declaration holds, the policy's structure is the one the
 * templates give it. A build with arbitrary values must produce the same Markdown tree
 * (ignoring the text itself) as the same declaration with harmless values, and HTML with no
 * script, event handler or URL outside http(s), mailto and in-page anchors.
 */

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '[x](javascript:window.__pwned=1)',
  '![x](https://evil.example/p.png)',
  '# heading',
  '---',
  '***',
  '| a | b |',
  '```',
  '~~~',
  '`code`',
  '**bold**',
  '_em_',
  '<https://evil.example>',
  'https://evil.example',
  'www.evil.example',
  'a@evil.example',
  '[ref]: https://evil.example',
  '[ref]',
  '&#106;avascript:x',
  '&lt;b&gt;',
  '\\',
  '\\*',
  '{{constructor}}',
  '{{#each this}}x{{/each}}',
  '> quote',
  '- item',
  '1. item',
  '+ item',
  '[^1]',
  '[^1]: note',
  '<!-- c -->',
  '<a href="javascript:x">x</a>',
  '\u00a0',
  '  ',
  'x  ',
  '=\n',
  ':---:',
];
// What a valid single-line field may hold: anything but control, bidi-override and token characters.
const forbidden = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\ue000-\ue00f]/u;
const line = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }),
    fc.constantFrom(...PAYLOADS.filter((p) => !p.includes('\n'))),
    fc
      .array(fc.constantFrom(...PAYLOADS.filter((p) => !p.includes('\n'))), { minLength: 2, maxLength: 4 })
      .map((a) => a.join('')),
  )
  .filter((s) => s.trim().length > 0 && s.length <= 300 && !forbidden.test(s));
const text = fc
  .oneof(
    line,
    fc.array(line, { minLength: 2, maxLength: 3 }).map((a) => a.join('\n')),
  )
  .filter((s) => !forbidden.test(s.replace(/\n/g, '')));
const url = fc
  .oneof(
    fc.webUrl({ validSchemes: ['https', 'http'] }),
    fc
      .emailAddress()
      .filter((e) => /^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$/.test(e))
      .map((e) => `mailto:${e}`),
  )
  .filter((u) => !/[\s\u0000-\u001f%]/.test(u));

function declaration(v: {
  name: string;
  label: string;
  example: string;
  purpose: string;
  vendor: string;
  cookie: string;
  program: string;
  clauseTitle: string;
  verification: string;
  site: string;
}) {
  return stringify(
    {
      policygen: 1,
      organization: {
        name: v.name,
        contact: { email: 'privacy@example.com' },
        address: { street: v.label, city: v.name, country: v.example },
      },
      covers: [{ name: v.name, url: v.site }],
      effective: '2025-01-01',
      jurisdictions: ['us'],
      data: [
        {
          id: 'a',
          kind: 'contact-details',
          label: v.label,
          examples: [v.example, v.name],
          sources: ['user'],
          collected_through: [v.example],
          required: true,
          required_because: v.purpose,
          retention: '1 year',
        },
        {
          id: 'b',
          kind: 'usage-data',
          sources: ['automatic', 'third-party'],
          source_details: v.vendor,
          retention: 'while the account is active',
        },
      ],
      purposes: [
        {
          id: 'p',
          description: v.purpose,
          data: ['a', 'b'],
          legal_basis: 'legitimate-interests',
          legitimate_interest: v.example,
        },
      ],
      recipients: [
        {
          id: 'r',
          kind: 'analytics-provider',
          label: v.label,
          description: v.purpose,
          data: ['b'],
          vendors: [{ name: v.vendor, url: v.site, opt_out: v.site, privacy_policy: v.site }],
        },
      ],
      cookies: {
        technologies: ['cookies'],
        third_party_tracking: false,
        do_not_track: { response: 'not-honored', reason: v.verification },
        items: [{ name: v.cookie, provider: v.vendor, purpose: 'p', duration: '1 year', party: 'third' }],
      },
      rights: {
        channels: [{ email: 'privacy@example.com' }, { form: v.site }],
        response_time: '15 days',
        verification: v.verification,
        fees: v.verification,
      },
      programs: [{ id: 'prog', kind: 'sms', name: v.program, data: ['a'], opt_in: v.verification, opt_out: v.example }],
      clauses: [{ id: 'extra', title: v.clauseTitle, body: 'Plain clause text.' }],
      changes: { notice: ['posted-on-page'] },
    },
    { lineWidth: 0 },
  );
}

/** The shape of a Markdown tree without its text: node types, heading depths, list and table sizes. */
function shape(node: Nodes): string {
  if (node.type === 'text') return 't';
  const children =
    'children' in node
      ? (node.children as Nodes[])
          .map(shape)
          .join(',')
          .replace(/t(,t)+/g, 't')
      : '';
  const extra = node.type === 'heading' ? String(node.depth) : '';
  return `${node.type}${extra}(${children})`;
}

function build(text: string) {
  const result = compile({ file: 'p.yaml', text });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const get = (format: string) => result.outputs.find((o) => o.format === format)?.content ?? '';
  const json = get('json');
  const statements = json ? (JSON.parse(json) as { statements: Statement[] }).statements : [];
  return { errors, md: get('md'), html: get('html'), statements };
}

describe('any declaration text stays text', () => {
  it('keeps the policy structure and produces safe HTML', () => {
    const values = fc.record({
      name: line,
      label: line,
      example: line,
      purpose: line,
      vendor: line,
      cookie: line,
      program: line,
      clauseTitle: line,
      verification: text,
      site: url,
    });
    const plain = {
      name: 'N',
      label: 'L',
      example: 'E',
      purpose: 'P',
      vendor: 'V',
      cookie: 'C',
      program: 'G',
      clauseTitle: 'T',
      verification: 'X',
    };
    fc.assert(
      fc.property(values, (v) => {
        const hostile = build(declaration(v));
        expect(hostile.errors).toEqual([]);
        const baseline = build(declaration({ ...plain, site: v.site }));
        expect(shape(parseMarkdown(hostile.md))).toBe(shape(parseMarkdown(baseline.md)));
        const body = hostile.html.slice(hostile.html.indexOf('<body'));
        // Only real tags count: text such as onerror="…" is escaped and inert.
        const tags = [...body.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
        expect(
          tags.filter((t) => /^<(script|img|iframe|object|embed|style|link|meta|form|input|svg|math)\b/i.test(t)),
        ).toEqual([]);
        expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
        for (const tag of tags)
          for (const [, attr] of tag.matchAll(/\s(?:href|src|action|formaction)="([^"]*)"/g))
            expect(attr).toMatch(/^(https?:|mailto:|#)/);
        // The statements are the Markdown's text, whatever the values, and name only declared nodes.
        expect(normal(hostile.statements.map((st) => st.text).join(' '))).toBe(markdownText(hostile.md));
        const declared = parse(declaration(v)) as unknown;
        expect(hostile.statements.flatMap((st) => st.sources.filter((p) => !resolves(declared, p)))).toEqual([]);
      }),
      { numRuns: 120, seed: 20261123 },
    );
    // About 14 s on an idle 2-core machine: room for a loaded one.
  }, 120_000);
});

describe('a render from the cache', () => {
  // Values from a small pool as well as arbitrary ones, so that some declarations repeat
  // values where others do not.
  const value = fc.oneof(
    { arbitrary: line, weight: 4 },
    { arbitrary: fc.constantFrom('Same', 'Other', '2 months after Same'), weight: 1 },
  );
  const values = fc.record({
    name: value,
    label: value,
    example: value,
    purpose: value,
    vendor: value,
    cookie: value,
    program: value,
    clauseTitle: value,
    verification: value,
    site: url,
    months: fc.integer({ min: 1, max: 3 }),
    event: value,
  });
  type Values = Parameters<typeof declaration>[0] & { months: number; event: string };
  const withDuration = (v: Values) =>
    declaration(v).replace('retention: 1 year', `retention: ${JSON.stringify(`${v.months} months after ${v.event}`)}`);
  /** Other values, repeated where these repeat: the same view, so a render from the cache. */
  const renamed = (v: Values): Values =>
    Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && k !== 'site' ? `z${x}` : x]),
    ) as Values;

  /** The outputs of a declaration compiled after another in one session, and compiled without a session. */
  const shared = new Session();
  const both = (before: Values, v: Values, session = shared) => {
    compile({ file: 'p.yaml', text: withDuration(before) }, { session });
    const cached = compile({ file: 'p.yaml', text: withDuration(v) }, { session });
    const fresh = compile({ file: 'p.yaml', text: withDuration(v) });
    return { cached, fresh };
  };
  const renderStats = shared.renders.stats;

  it('gives the same outputs as rendering afresh, whatever the values', () => {
    const hitsBefore = renderStats.hits;
    fc.assert(
      fc.property(values, values, (v, other) => {
        for (const before of [renamed(v), other]) {
          const { cached, fresh } = both(before, v);
          expect(cached.diagnostics).toEqual(fresh.diagnostics);
          expect(cached.outputs).toEqual(fresh.outputs);
        }
      }),
      { numRuns: 60, seed: 20261123 },
    );
    // The renamed declarations render from the cache.
    expect(renderStats.hits - hitsBefore).toBeGreaterThanOrEqual(50);
  }, 120_000);

  it('renders afresh when a value a helper makes repeats another only in this declaration', () => {
    // The same view as the renamed declaration's, but the effective date as the policy writes
    // it is also the label here, so that text is the label's token, not a new one.
    const v: Values = {
      name: 'N',
      label: 'January 1, 2025',
      example: 'E',
      purpose: 'P',
      vendor: 'V',
      cookie: 'C',
      program: 'G',
      clauseTitle: 'T',
      verification: 'X',
      site: 'https://example.com',
      months: 2,
      event: 'the account closes',
    };
    const session = new Session();
    const { cached, fresh } = both(renamed(v), v, session);
    expect(session.renders.stats).toEqual({ hits: 0, stale: 1 });
    expect(cached.outputs).toEqual(fresh.outputs);
    expect(fresh.outputs[0]!.content).toContain('January 1, 2025');
  });
});

describe('Markdown without GFM syntax', () => {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === 'object')
      return Object.fromEntries(
        Object.entries(node)
          .filter(([k]) => k !== 'position')
          .map(([k, v]) => [k, strip(v)]),
      );
    return node;
  };
  const sameAsGfm = (markdown: string) =>
    expect(strip(parseMarkdown(markdown)), JSON.stringify(markdown)).toEqual(strip(parseWith('gfm', markdown)));

  it('parses as GFM would, for every clause shape of every example', () => {
    let commonMarkOnly = 0;
    for (const locale of ['en', 'de', 'ja']) {
      for (const file of readdirSync(new URL('../examples/', import.meta.url)).filter((f) => f.endsWith('.yaml'))) {
        const session = new Session();
        compile(
          { file, text: readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8') },
          { formats: ['md'], locale, session },
        );
        for (const shape of session.shapes.keys()) {
          if (!GFM_TRIGGER.test(shape)) commonMarkOnly++;
          sameAsGfm(shape);
        }
      }
    }
    // Most shapes take the quicker path.
    expect(commonMarkOnly).toBeGreaterThan(150);
  });

  it('parses as GFM would, whatever Markdown it is', () => {
    // Constructs of CommonMark, of GFM (which must be seen) and near misses of GFM's.
    const fragments = [
      'www.example.com',
      'WWW.Example.com',
      'https://example.com',
      'HTTP://example.com',
      'a@example.com',
      '~~del~~',
      '~x~',
      '| a | b |\n| - | - |',
      'a | b\n--|--',
      '- [ ] task',
      '* [x] done',
      '[^1]\n\n[^1]: note',
      'mailto:a@example.com',
      // GFM also finds autolinks in decoded text, tables with no pipe, and checkboxes holding a tab or line break.
      'www\\.example.com',
      'www&#46;example.com',
      '&#104;ttp://example.com',
      'http\\://example.com',
      'foo&#64;example.com',
      'foo&commat;example.com',
      'a\n:-',
      'a\n---:',
      '- a\n  -:',
      '> a\n> :-',
      '- [\t] foo',
      '- [\n  ] foo',
      '&',
      '\\',
      ':',
      '-',
      '# h',
      '## h',
      'text',
      '*em*',
      '**strong**',
      '_u_',
      '`code`',
      '```\ncode\n```',
      '    indented',
      '> quote',
      '- item',
      '* item',
      '1. item',
      '2) item',
      '[link](https://example.com/a)',
      '[mail](mailto:someone)',
      '<https://example.com>',
      '![alt](https://example.com/i.png)',
      '[ref]',
      '[ref]: /url "t"',
      '<b>html</b>',
      '<!-- c -->',
      '---',
      '***',
      '\\*',
      '&amp;',
      '&#123;',
      'www',
      'ww.example',
      'http:/x',
      'http:example',
      'https:x',
      'mailto:x',
      'xmpp:x',
      '[  ]',
      '[xx]',
      '[y]',
      '- [  ] item',
      '\\[ \\]',
      '^1',
      '[x^]',
      'a\\',
      '  ',
      '\n',
      '\n\n',
      '\t',
      'ＷＷＷ.example',
      '＠',
      '¦',
      '│',
      '∼',
      '\u00a0',
    ];
    const part = fc.tuple(
      fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })),
      fc.constantFrom('', ' ', '\n', '\n\n'),
    );
    const markdown = fc.array(part, { maxLength: 12 }).map((parts) => parts.map(([text, gap]) => text + gap).join(''));
    let commonMarkOnly = 0;
    fc.assert(
      fc.property(markdown, (text) => {
        if (!GFM_TRIGGER.test(text)) commonMarkOnly++;
        sameAsGfm(text);
      }),
      { numRuns: 400, seed: 20261123 },
    );
    expect(commonMarkOnly).toBeGreaterThan(100);
    // What a review's fuzzing found GFM to read differently, among others.
    for (const text of [
      'www\\.example.com',
      'see www&#46;example.com',
      'WWW&period;example.com',
      'https&colon;//example.com',
      'mailto:foo&#64;example.com',
      'a\n:-',
      'p\na\n:-',
      '- [\r  ] foo',
    ])
      sameAsGfm(text);
  });
});
