import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { minimal } from './helpers.js';

/**
 * A rule fires only where its law applies (issue 13, "When rules apply"): COPPA's retention and
 * operator disclosures (16 CFR 312.4(d)(1), (2), 312.10) concern children's information, so a
 * `us` policy for adults is not asked for them; one directed to children, or one that collects
 * from children with parental consent (actual knowledge), is.
 */
const withoutRetention = minimal.replace('    retention: 6 months after the account is closed\n', '');
const codes = (text: string) =>
  compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.map((d) =>
    `${d.code} ${d.citation ?? ''}`.trim(),
  );

describe("COPPA disclosures apply to children's information only", () => {
  it("does not ask an adults-only US policy for COPPA's retention policy", () => {
    expect(codes(withoutRetention).filter((c) => c.startsWith('retention-required'))).toEqual([]);
  });

  for (const [what, children] of [
    [
      'directed to children',
      'children:\n  directed_to_children: true\n  minimum_age: 13\n  parental_consent: a parent confirms by a card check\n',
    ],
    [
      'collecting from children with parental consent',
      'children:\n  directed_to_children: false\n  minimum_age: 13\n  parental_consent: a parent confirms by a card check\n',
    ],
  ] as const) {
    it(`asks a service ${what} for it, citing COPPA`, () => {
      expect(codes(withoutRetention + children)).toContain('retention-required 16 CFR 312.4(d)(2); 16 CFR 312.10');
    });
  }
});

describe('CCPA categories (Cal. Civ. Code § 1798.140(v)(1))', () => {
  const fixture = readFileSync(new URL('./jurisdictions/us-ca.yaml', import.meta.url), 'utf8');
  const photos = (extra = '') =>
    fixture.replace(
      'purposes:',
      `  - id: photos\n    kind: user-content\n    label: Photos you upload\n    examples: [photos]\n    sources: [user]\n    retention: until you delete them\n${extra}purposes:`,
    );
  const row = (text: string) => {
    const result = compile(
      { file: 'us-ca.yaml', text: text.replace(/(data: \[)([^\]]*)\]/, '$1$2, photos]') },
      { formats: ['md'] },
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const md = result.outputs[0]!.content;
    return md
      .slice(md.indexOf('## Information for California residents'))
      .split('\n')
      .find((line) => line.startsWith('| Photos you upload |'));
  };

  it('puts photos and other content people make under (H), not network activity', () => {
    expect(row(photos())).toContain('| Photos you upload | Audio, electronic, visual or similar information |');
  });

  it('takes the categories a data category declares, several if it says so', () => {
    expect(row(photos('    ccpa_categories: [identifiers, audio-visual]\n'))).toContain(
      '| Photos you upload | Identifiers; Audio, electronic, visual or similar information |',
    );
  });
});

describe("the GDPR's age of consent (Art. 8) where processing relies on consent", () => {
  const eea = (basis: string) =>
    minimal
      .replace('jurisdictions: [us]', 'jurisdictions: [eea]')
      .replace('    legal_basis: contract', `    legal_basis: ${basis}`)
      .concat('children:\n  directed_to_children: false\n  minimum_age: 13\n');
  const ages = (text: string) => codes(text).filter((c) => c.startsWith('minimum-age-threshold'));

  it('holds a service that relies on consent to 16', () => {
    expect(ages(eea('consent'))).toEqual(['minimum-age-threshold GDPR Art. 8(1)']);
  });

  it('does not hold a service whose purposes rest on another basis to it', () => {
    expect(ages(eea('contract'))).toEqual([]);
  });
});

describe('the CCPA right to limit (§ 1798.121)', () => {
  const fixture = readFileSync(new URL('./jurisdictions/us-ca.yaml', import.meta.url), 'utf8');
  const md = (text: string) => compile({ file: 'us-ca.yaml', text }, { formats: ['md'] }).outputs[0]?.content ?? '';

  it('is listed only for a business that uses sensitive information beyond the permitted purposes (11 CCR § 7027(m))', () => {
    expect(fixture).toMatch(/sensitive_beyond_permitted: true\n {2}limit_sensitive_url: .*\n/);
    const beyond = fixture;
    const within = fixture.replace(
      /sensitive_beyond_permitted: true\n {2}limit_sensitive_url: .*\n/,
      'sensitive_beyond_permitted: false\n',
    );
    expect(md(beyond)).toContain('**Limit use of sensitive information.**');
    expect(md(within)).not.toContain('**Limit use of sensitive information.**');
  });

  it('asks whether sensitive information is used beyond those purposes, rather than assume either', () => {
    const silent = fixture.replace(/ {2}sensitive_beyond_permitted: true\n {2}limit_sensitive_url: .*\n/, '');
    const missing = compile({ file: 'us-ca.yaml', text: silent }, { formats: [] }).diagnostics.filter(
      (d) => d.code === 'missing-fact',
    );
    expect(missing.map((d) => d.pointer)).toContain('/sale/sensitive_beyond_permitted');
  });
});

describe('the States of disclosure abroad (FADP Art. 19(4))', () => {
  const fixture = readFileSync(new URL('./jurisdictions/ch.yaml', import.meta.url), 'utf8');
  const pointers = (text: string) =>
    compile({ file: 'ch.yaml', text }, { formats: [] })
      .diagnostics.filter((d) => d.code === 'missing-fact')
      .map((d) => d.pointer);

  it('asks a recipient that does not say where it processes for its locations, when data goes abroad', () => {
    expect(pointers(fixture)).toEqual([]);
    const unlocated = fixture.replace('    locations: [US]\n', '');
    expect(pointers(unlocated)).toEqual(['/recipients/0/locations']);
    expect(
      pointers(
        unlocated.replace('cross_border: true', 'cross_border: false').replace(/\n {2}mechanisms: \[[^\]]*\]/, ''),
      ),
    ).toEqual([]);
  });
});

describe('a disclosure for a commercial purpose is not listed as one for a business purpose (issue 13)', () => {
  const build = (text: string) => compile({ file: 'm.yaml', text }, { formats: ['md'] }).outputs[0]!.content;
  const multinational = readFileSync('examples/multinational.yaml', 'utf8');
  const row = (md: string, label: string) => md.split('\n').find((l) => l.startsWith(`| ${label} | Internet`))!;

  // The example's measurement partner is bound by a service-provider contract (role: processor).
  const processor = '  - id: attribution\n    kind: advertising-partner\n    role: processor\n';
  const thirdParty = multinational.replace(processor, '  - id: attribution\n    kind: advertising-partner\n');

  it('moves a recipient that serves only commercial purposes out of the business-purpose column (Cal. Civ. Code § 1798.140(e))', () => {
    expect(thirdParty).not.toBe(multinational);
    const md = build(thirdParty);
    expect(row(md, 'Usage information')).toMatch(/\| our cloud hosting provider \| No one \|$/);
    expect(md).toContain(
      'We also disclose personal information for commercial purposes: advertising identifiers, device identifiers, and usage information to our advertising measurement partner.',
    );
  });

  it('keeps a processor in the business-purpose column, whatever its purposes', () => {
    expect(multinational).toContain(processor);
    const md = build(multinational);
    expect(row(md, 'Usage information')).toMatch(
      /\| our cloud hosting provider; our advertising measurement partner \| No one \|$/,
    );
    expect(md).not.toContain('We also disclose personal information for commercial purposes');
  });
});
