import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { EXAMPLE_BASE, ruleDoc, withExample } from '../src/rules/docs.js';
import { rules } from '../src/rules/index.js';

const build = (text: string, options = {}) => compile({ file: 'policy.yaml', text }, { formats: [], ...options });
const asOf = (rule: (typeof rules)[number]) => (rule.examples.asOf ? { asOf: rule.examples.asOf } : {});
const update = process.env['UPDATE'] === '1';

describe('compliance rules (RuleTester style)', () => {
  it('the example base declaration passes every rule', () => {
    expect(build(EXAMPLE_BASE).diagnostics).toEqual([]);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('reports the failing example, at a position, with its citation and doc page', () => {
        const found = build(withExample(rule.examples.failing), asOf(rule)).diagnostics.filter(
          (d) => d.code === rule.id,
        );
        expect(found.length).toBeGreaterThan(0);
        for (const d of found) {
          expect(d).toMatchObject({ severity: rule.severity, file: 'policy.yaml', docs: `docs/rules/${rule.id}.md` });
          expect(d.line).toBeGreaterThan(0);
          if (rule.type === 'disclosure' || (rule.id !== 'sale-contradiction' && rule.id !== 'do-not-track-mechanism'))
            expect(d.citation ?? '').not.toBe('');
        }
      });

      it('accepts the passing example', () => {
        expect(
          build(withExample(rule.examples.passing), asOf(rule)).diagnostics.filter((d) => d.code === rule.id),
        ).toEqual([]);
      });

      it('obeys severity settings', () => {
        const failing = withExample(rule.examples.failing);
        expect(
          build(failing, { ...asOf(rule), rules: { [rule.id]: 'off' } }).diagnostics.filter((d) => d.code === rule.id),
        ).toEqual([]);
        expect(
          build(failing, { ...asOf(rule), rules: { [rule.id]: 'warn' } })
            .diagnostics.filter((d) => d.code === rule.id)
            .every((d) => d.severity === 'warning'),
        ).toBe(true);
      });

      it(`has an up-to-date page docs/rules/${rule.id}.md`, () => {
        const file = new URL(`../docs/rules/${rule.id}.md`, import.meta.url);
        if (update) {
          mkdirSync(new URL('../docs/rules/', import.meta.url), { recursive: true });
          writeFileSync(file, ruleDoc(rule));
        }
        // A missing page fails: run npm run test:update and commit it.
        expect(existsSync(file), `docs/rules/${rule.id}.md is missing; run npm run test:update`).toBe(true);
        expect(readFileSync(file, 'utf8')).toBe(ruleDoc(rule));
      });
    });
  }
});

describe('rules at their YAML position', () => {
  it('points a missing legal basis at the purpose, citing GDPR', () => {
    const text = withExample(
      'jurisdictions: [eea]\npurposes:\n  - id: service\n    description: answer your questions\n    data: [contact]\n',
    );
    const found = build(text).diagnostics.find((d) => d.code === 'legal-basis-required')!;
    const line = text.split('\n').findIndex((l) => l.includes('- id: service')) + 1;
    expect(found).toMatchObject({ line, column: 5, citation: 'GDPR Art. 13(1)(c)' });
  });

  it("points an age below China's threshold at minimum_age", () => {
    const text = withExample('jurisdictions: [cn]\nchildren:\n  directed_to_children: false\n  minimum_age: 13\n');
    const found = build(text).diagnostics.find((d) => d.code === 'minimum-age-threshold')!;
    const line = text.split('\n').findIndex((l) => l.includes('minimum_age')) + 1;
    expect(found).toMatchObject({ line, column: 16 });
    expect(found.message).toMatch(/14/);
  });

  it('--strict turns warnings into errors', () => {
    const text = withExample(
      'jurisdictions: [eea]\ndata:\n  - id: contact\n    kind: contact-details\n    sources: [user]\n    retention: 1 year\n',
    );
    expect(build(text).diagnostics.find((d) => d.code === 'provision-stated')?.severity).toBe('warning');
    expect(build(text, { strict: true }).diagnostics.find((d) => d.code === 'provision-stated')?.severity).toBe(
      'error',
    );
  });
});

describe('a declaration for eea, us-ca and cn that leaves things out', () => {
  it('reports every missing disclosure at its YAML position with the law', () => {
    const text = `policygen: 1
organization:
  name: Sparse Inc.
  established_in: [us]
  contact:
    email: privacy@sparse.example
effective: 2025-01-01
jurisdictions: [eea, us-ca, cn]
data:
  - id: contact
    kind: contact-details
    sources: [user]
  - id: leads
    kind: contact-details
    sources: [third-party]
    retention: 1 year
  - id: health
    kind: health
    sensitive: true
    sources: [user]
    required: false
    retention: 1 year
purposes:
  - id: service
    description: provide the service
    data: [contact, leads, health]
  - id: analytics
    description: understand use of the service
    data: [contact]
    legal_basis: legitimate-interests
recipients:
  - id: ads
    kind: advertising-partner
    data: [contact]
    shared_for_advertising: true
transfers:
  storage: [US]
  cross_border: true
children:
  directed_to_children: false
  minimum_age: 13
rights:
  response_time: 60 days
`;
    const diagnostics = build(text).diagnostics;
    const found = diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'representative-required@4:19', // no EEA representative though established only in the US
        'provision-stated@10:5', // GDPR 13(2)(e) for contact
        'retention-required@10:5', // no retention for contact
        'source-described@15:14', // GDPR 14(2)(f)
        'sensitive-data-condition@18:11', // health without an Art. 9(2) condition or PIPL separate consent
        'legal-basis-required@24:5',
        'legitimate-interest-described@30:18',
        'sale-opt-out-link@35:29',
        'transfer-mechanism-required@38:17',
        'cross-border-consent@38:17',
        'minimum-age-threshold@41:16',
        'request-channel-required@42:1',
        'response-time-deadline@43:18',
        'do-not-track-disclosure@1:1',
        'third-party-tracking-disclosure@1:1',
        'changes-notice-stated@1:1',
      ]),
    );
    for (const d of diagnostics.filter((x) => x.severity === 'error'))
      expect(d.citation, d.code).toMatch(/GDPR|CCPA|Cal\.|CCR|PIPL|Art\.|§/);
  });
});

describe('response-time-deadline compares periods as a calendar does', () => {
  const promise = (time: string, codes: string) =>
    build(
      withExample(
        `jurisdictions: [${codes}]\nrights:\n  channels:\n    - email: privacy@example.com\n  response_time: ${time}\n`,
      ),
    )
      .diagnostics.filter((d) => d.code === 'response-time-deadline')
      .map((d) => d.message);

  it('finds that 30 days can outrun one month (a request of 31 January is due on 28 February), and one month 30 days', () => {
    expect(promise('30 days', 'eea')).toEqual([
      expect.stringContaining(
        'A response time of 30 days can be longer than the 1 month allowed in the European Economic Area (GDPR)',
      ),
    ]);
    expect(promise('1 month', 'ca')).toEqual([
      expect.stringContaining('A response time of 1 month can be longer than the 30 days allowed in Canada'),
    ]);
    expect(promise('2 months', 'eea')).toEqual([expect.stringContaining('is longer than the 1 month')]);
  });

  it('accepts what fits every month: 4 weeks or 28 days for one month, one month against one month or 45 days', () => {
    expect(promise('4 weeks', 'eea')).toEqual([]);
    expect(promise('28 days', 'eea, uk')).toEqual([]);
    expect(promise('1 month', 'eea, uk, us-ca')).toEqual([]);
  });
});

describe('representative-required asks where the organisation is established, and accepts a declared exemption', () => {
  const org = (extra: string) =>
    build(
      withExample(
        `jurisdictions: [eea, ch]\norganization:\n  name: Example\n  contact:\n    email: privacy@example.com\n${extra}`,
      ),
    ).diagnostics.filter(
      (d) =>
        d.code === 'representative-required' || (d.code === 'missing-fact' && d.pointer?.startsWith('/organization')),
    );

  it('reports the missing establishment as a fact to declare, citing Art. 27(1) and FADP Art. 14(1)', () => {
    const found = org('');
    expect(found.map((d) => [d.code, d.pointer])).toEqual([['missing-fact', '/organization/established_in']]);
    expect(found[0]!.citation).toMatch(/GDPR Art\. 27\(1\).*FADP Art\. 14\(1\)/);
  });

  it('never hints at declaring an establishment that does not exist', () => {
    const found = org('  established_in: [us]\n');
    expect(found.map((d) => d.code)).toEqual(['representative-required', 'representative-required']);
    expect(found[0]!.hint).toContain('representative_exemptions');
    expect(found[0]!.hint).toContain('only if the organisation has an establishment there');
  });

  it('accepts an exemption with its reason, and keeps the reason out of the policy', () => {
    const exempt =
      '  established_in: [us]\n  representatives:\n    - jurisdiction: eea\n      name: Example EU Rep Ltd\n  representative_exemptions:\n    - jurisdiction: ch\n      reason: "FADP Art. 14(1)(b): no large-scale processing of people in Switzerland."\n';
    expect(org(exempt)).toEqual([]);
    const result = compile(
      {
        file: 'policy.yaml',
        text: withExample(
          `jurisdictions: [eea, ch]\nautomated_decision_making: false\norganization:\n  name: Example\n  contact:\n    email: privacy@example.com\n${exempt}`,
        ),
      },
      { formats: ['md', 'json'] },
    );
    expect(result.outputs[0]!.content).not.toContain('large-scale');
    expect(result.diagnostics.filter((d) => d.code === 'unused-field')).toEqual([]);
    expect(JSON.parse(result.outputs[1]!.content).model.organization.representative_exemptions[0].reason).toContain(
      'FADP Art. 14(1)(b)',
    );
  });
});
