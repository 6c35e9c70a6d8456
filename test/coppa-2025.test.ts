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
    expect(after).toContain('never indefinitely, and requires a written retention policy, stated in this notice');
    // § 312.5(a)(2): the separate consent and its "integral" exception came with the same amendments.
    expect(before).toContain('without agreeing to its disclosure to third parties (16 CFR 312.5(a)(2)).');
    expect(before).not.toContain('integral');
    expect(after).toContain('unless that disclosure is integral to the service; otherwise');
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
});
