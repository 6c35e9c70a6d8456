import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';

/**
 * The COPPA Rule as amended in 2025 (90 FR 16918; in force 23 June 2025, compliance from
 * 22 April 2026), stated and required by the policy's effective date (issue 13).
 */
const fixture = readFileSync(new URL('./jurisdictions/us.yaml', import.meta.url), 'utf8');
const at = (effective: string, text = fixture) =>
  compile(
    { file: 'us.yaml', text: text.replace('effective: 2026-05-01', `effective: ${effective}`) },
    { formats: ['md'] },
  );
const codes = (result: ReturnType<typeof at>, code: string) => result.diagnostics.filter((d) => d.code === code);

// An advertising partner that receives children's data, as a third party (16 CFR 312.2).
const partner = (extra: string) =>
  fixture.replace(
    'not_collected:',
    `  - id: ads
    kind: advertising-partner
    label: Advertising measurement partner
    data: [device]
${extra}not_collected:`,
  );

describe("COPPA's 2025 amendments, by the policy's date", () => {
  it('states the written retention policy and "never indefinitely" only from 23 June 2025', () => {
    const before = at('2025-06-22').outputs[0]!.content;
    expect(before).toContain(
      'only as long as reasonably necessary to fulfil the purpose for which it was collected (16 CFR 312.10)',
    );
    expect(before).not.toMatch(/never indefinitely|written retention policy/);
    const after = at('2025-06-23').outputs[0]!.content;
    expect(after).toContain(
      'never indefinitely, and requires it to state in this notice a written data retention policy setting out those purposes, the business need',
    );
  });

  it("refuses children's data kept indefinitely from 23 June 2025, at the category's retention", () => {
    const text = fixture.replace('    retention: 12 months\n', '    retention: indefinitely\n');
    expect(codes(at('2025-06-22', text), 'children-retention-limited')).toEqual([]);
    const found = codes(at('2025-06-23', text), 'children-retention-limited');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', pointer: '/data/2/retention', citation: '16 CFR 312.10' });
    expect(found[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('retention: indefinitely')) + 1);
  });

  it('asks for the name of each third party that receives children’s data, and the purposes, from 22 April 2026', () => {
    expect(codes(at('2026-04-21', partner('')), 'missing-fact')).toEqual([]);
    const found = codes(at('2026-04-22', partner('')), 'missing-fact');
    expect(found.map((d) => d.pointer)).toEqual(['/recipients/2/vendors', '/recipients/2/purposes']);
    expect(found[0]!.citation).toBe('16 CFR 312.4(d)(2)');
    const named = partner('    purposes: [operations]\n    vendors:\n      - name: Example Attribution\n');
    expect(codes(at('2026-05-01', named), 'missing-fact').map((d) => d.pointer)).toEqual([
      '/recipients/2/vendors_complete',
    ]);
    const complete = named.replace(
      '      - name: Example Attribution\n',
      '      - name: Example Attribution\n    vendors_complete: true\n',
    );
    const result = at('2026-05-01', complete);
    expect(codes(result, 'missing-fact')).toEqual([]);
    expect(result.outputs[0]!.content).toContain('Example Attribution');
  });

  it('does not ask for processors supporting internal operations, nor for a general-audience service', () => {
    const processor = partner('    role: processor\n');
    expect(codes(at('2026-05-01', processor), 'missing-fact')).toEqual([]);
    const general = partner('')
      .replace('  directed_to_children: true\n', '  directed_to_children: false\n')
      .replace(/ {2}parental_consent: .*\n/, '');
    expect(codes(at('2026-05-01', general), 'missing-fact')).toEqual([]);
  });

  it('states § 312.5(a)(2) by the date, and only where a third party receives children’s data', () => {
    const named = partner(
      '    purposes: [operations]\n    vendors:\n      - name: Example Attribution\n    vendors_complete: true\n',
    );
    const before = at('2025-06-22', named).outputs[0]!.content;
    expect(before).toContain('without agreeing to its disclosure to third parties (16 CFR 312.5(a)(2)).');
    expect(before).not.toContain('integral');
    const after = at('2026-05-01', named).outputs[0]!.content;
    expect(after).toContain('unless that disclosure is integral to the service; otherwise');
    // Only service providers (processors supporting internal operations): no third party.
    expect(at('2026-05-01').outputs[0]!.content).not.toContain('312.5(a)(2)');
  });

  it('asks whether a child can make personal information public, and states the answer', () => {
    const without = fixture.replace('  public_posting: false\n', '');
    const found = codes(at('2026-05-01', without), 'missing-fact');
    expect(found.map((d) => [d.pointer, d.citation])).toEqual([['/children/public_posting', '16 CFR 312.4(d)(2)']]);
    expect(at('2026-05-01').outputs[0]!.content).toContain(
      '**Public posting.** Our services do not let a child make personal information publicly available.',
    );
    const open = fixture.replace('  public_posting: false\n', '  public_posting: true\n');
    expect(at('2026-05-01', open).outputs[0]!.content).toContain(
      '**Public posting.** Our services let a child make personal information publicly available.',
    );
  });

  it('does not call the organisation the only operator', () => {
    const md = at('2026-05-01').outputs[0]!.content;
    expect(md).toContain('We collect and maintain personal information through our services as an operator.');
    expect(md).not.toMatch(/The operator that collects/);
  });

  it('asks for the business need of each retention period from 22 April 2026, and states it', () => {
    const without = fixture.replace('    retention_reason: so that a parent can see a year of reading progress\n', '');
    expect(codes(at('2026-04-21', without), 'missing-fact')).toEqual([]);
    const found = codes(at('2026-04-22', without), 'missing-fact');
    expect(found.map((d) => [d.pointer, d.citation])).toEqual([['/data/2/retention_reason', '16 CFR 312.10']]);
    expect(at('2026-05-01').outputs[0]!.content).toContain(
      '- **Reading progress:** kept for 12 months. Reason: so that a parent can see a year of reading progress.',
    );
  });

  it("lists in the JSON what the law required on the policy's date, with that date's citations", () => {
    const disclosures = (effective: string) => {
      const text = fixture.replace('effective: 2026-05-01', `effective: ${effective}`);
      const json = compile({ file: 'us.yaml', text }, { formats: ['json'] }).outputs[0]!.content;
      return (JSON.parse(json) as { disclosures: { id: string; citation: string }[] }).disclosures;
    };
    const old = disclosures('2025-06-22');
    expect(old.find((d) => d.id === 'parental-rights-2013')?.citation).toBe('16 CFR 312.4(d)(3); 16 CFR 312.6');
    expect(old.map((d) => d.id)).not.toContain('parental-rights');
    expect(old.map((d) => d.id)).not.toContain('third-party-identities');
    const now = disclosures('2026-05-01').map((d) => d.id);
    expect(now).toEqual(
      expect.arrayContaining(['parental-rights', 'third-party-identities', 'retention-business-need']),
    );
    expect(now).not.toContain('parental-rights-2013');
  });

  it('calls the retention section its written retention policy only when every category has a period and a reason', () => {
    expect(at('2026-05-01').outputs[0]!.content).toContain('Our written data retention policy for this information');
    const partial = fixture.replace('    retention_reason: so that a parent can see a year of reading progress\n', '');
    const before = at('2025-07-01', partial).outputs[0]!.content;
    expect(before).not.toContain('Our written data retention policy');
    expect(before).toContain('Our retention periods are set out, category by category');
  });

  it("sends parents to the declared request channels for their child's data", () => {
    const md = at('2026-05-01').outputs[0]!.content;
    const children = md.slice(md.indexOf('## Children'), md.indexOf('\n## ', md.indexOf('## Children') + 5));
    expect(children).toContain('by using any of the channels in [Your rights and choices](#your-rights');
    expect(children).not.toContain('by contacting us as described in');
  });

  it('names every other operator where SDKs are used, or says there is none', () => {
    const without = fixture.replace(/ {2}# The SDKs in the app.*\n {2}other_operators: \[\]\n/, '');
    expect(without).not.toContain('other_operators');
    const found = codes(at('2026-05-01', without), 'missing-fact');
    expect(found.map((d) => [d.pointer, d.citation])).toEqual([['/children/other_operators', '16 CFR 312.4(d)(1)']]);
    expect(at('2026-05-01').outputs[0]!.content).toContain(
      'No other operator collects or maintains personal information from children through our services.',
    );
    const named = fixture.replace(
      '  other_operators: []\n',
      '  other_operators:\n    - name: Example Games Analytics, Inc.\n      email: privacy@games.example\n',
    );
    expect(at('2026-05-01', named).outputs[0]!.content).toContain(
      'Other operators also collect or maintain personal information from children through our services: Example Games Analytics, Inc., e-mail [privacy@games.example](mailto:privacy@games.example).',
    );
  });

  // 16 CFR 312.4(d)(3), added in 2025: the internal operations of identifiers collected without
  // consent under 312.5(c)(7), and the means that keep them from any other use.
  const withoutOperations = fixture.replace(
    / {2}# The app reads its device identifier[^\n]*\n[^\n]*\n {2}internal_operations: .*\n {2}identifier_safeguards: .*\n/,
    '',
  );
  it('asks whether identifiers are collected from children without consent for internal operations, from 22 April 2026', () => {
    expect(withoutOperations).not.toContain('internal_operations');
    expect(codes(at('2026-04-21', withoutOperations), 'missing-fact')).toEqual([]);
    const found = codes(at('2026-04-22', withoutOperations), 'missing-fact');
    expect(found.map((d) => [d.pointer, d.citation])).toEqual([['/children', '16 CFR 312.4(d)(3)']]);
    // A service with no device or online identifiers is not asked.
    const noIdentifiers = withoutOperations.replace('kind: device-identifiers', 'kind: usage-data');
    expect(codes(at('2026-05-01', noIdentifiers), 'missing-fact')).toEqual([]);
    // Operations without the means that keep the identifiers from other use.
    const noSafeguards = fixture.replace(/ {2}identifier_safeguards: .*\n/, '');
    expect(codes(at('2026-05-01', noSafeguards), 'missing-fact').map((d) => d.pointer)).toEqual([
      '/children/identifier_safeguards',
    ]);
  });

  it('states the declared internal operations and safeguards, and that there are none when declared so', () => {
    const md = at('2026-05-01').outputs[0]!.content;
    expect(md).toContain(
      "Where we collect a persistent identifier from a child, and no other personal information, without a parent's consent, we do so only to maintain or analyse how our services function or protect the security or integrity of users or of our services (16 CFR 312.4(d)(3); 16 CFR 312.5(c)(7)). We keep the device identifier apart",
    );
    // Before the 2025 amendments, 312.4(d)(3) was the parent's rights: only 312.5(c)(7) is cited.
    expect(at('2025-06-22').outputs[0]!.content).toContain('users or of our services (16 CFR 312.5(c)(7)).');
    const none = fixture.replace(
      / {2}internal_operations: .*\n {2}identifier_safeguards: .*\n/,
      '  internal_operations: []\n',
    );
    const stated = at('2026-05-01', none);
    expect(codes(stated, 'missing-fact')).toEqual([]);
    expect(stated.outputs[0]!.content).toContain(
      "We do not collect a persistent identifier from a child without a parent's consent.",
    );
    expect(stated.outputs[0]!.content).not.toContain('we do so only to');
    expect(at('2026-05-01', withoutOperations).outputs).toEqual([]);
  });
});
