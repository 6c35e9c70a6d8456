import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { rules } from '../src/rules/index.js';
import { minimal } from './helpers.js';

/**
 * A policy speaks from its effective date (issue 13): a law is stated as it stood then, and a
 * law that did not yet apply is refused.
 */
const uk = (effective: string) =>
  `${minimal.replace('effective: 2024-07-15', `effective: ${effective}`).replace('jurisdictions: [us]', 'jurisdictions: [uk]')}automated_decision_making: false\nrights:\n  offered: [automated-decisions]\n`;
// Only the text matters here: the UK's other requirements are switched off.
const quiet = Object.fromEntries(rules.filter((r) => r.id !== 'law-in-force').map((r) => [r.id, 'off' as const]));
const build = (text: string) => compile({ file: 'p.yaml', text }, { formats: ['md', 'json'], rules: quiet });

describe('the law as it stood on the effective date', () => {
  it('states the UK law before the Data (Use and Access) Act 2025 took effect without its amendments', () => {
    const result = build(uk('2025-03-01'));
    const md = result.outputs[0]!.content;
    expect(md).not.toMatch(/Data \(Use and Access\) Act|164A|Articles 22A|12A/);
    expect(md).toContain(
      'decisions about you based solely on automated processing that produce legal effects concerning you or similarly significantly affect you',
    );
    expect(md).toContain('explains why (Article 12(3) of the UK GDPR).');
    expect(md).not.toContain('15(1A)'); // in force from 19 June 2025 (deemed from 1 January 2024: not yet law on this date)
    const json = JSON.parse(result.outputs[1]!.content) as { statements: { text: string; citations: string[] }[] };
    expect(json.statements.filter((s) => s.citations.includes('UK GDPR Art. 22C'))).toEqual([]);
    expect(json.statements.some((s) => s.citations.includes('UK GDPR Art. 22'))).toBe(true);
  });

  it('states the amendments from their dates: 5 February 2026, and the complaints duty from 19 June 2026', () => {
    const february = build(uk('2026-03-01')).outputs[0]!.content;
    expect(february).toContain('both as amended by the Data (Use and Access) Act 2025');
    expect(february).toContain('significant decisions about you based solely on automated processing');
    expect(february).toContain(
      'the time limit runs from when it receives that information (UK GDPR Art. 12(3) and 12A)',
    );
    expect(february).not.toContain('164A');
    expect(build(uk('2026-06-19')).outputs[0]!.content).toContain('(section 164A of the DPA 2018)');
    expect(build(uk('2025-06-19')).outputs[0]!.content).toContain('(Article 15(1A) of the UK GDPR)');
  });

  it("states Québec's portability right (s. 27, third paragraph) only from 22 September 2024", () => {
    const fixture = readFileSync(new URL('./jurisdictions/ca-qc.yaml', import.meta.url), 'utf8');
    const quebec = (effective: string) =>
      build(fixture.replace('effective: 2025-02-15', `effective: ${effective}`)).outputs[0]!.content;
    const before = quebec('2024-09-21');
    expect(before).toContain('## Information for people in Québec');
    expect(before).not.toMatch(/structured, commonly used technological format|s\. 27, third paragraph/);
    expect(quebec('2024-09-22')).toContain('in a structured, commonly used technological format');
    expect(
      build(fixture.replace('effective: 2025-02-15', 'effective: 2023-09-21')).diagnostics.map((d) => d.code),
    ).toContain('law-in-force');
  });

  it("refuses India's DPDP Act before its duties commence (13 May 2027), and links the FTC's complaint site of the day", () => {
    const at = (code: string, effective: string) =>
      compile(
        {
          file: 'p.yaml',
          text: minimal
            .replace('effective: 2024-07-15', `effective: ${effective}`)
            .replace('jurisdictions: [us]', `jurisdictions: [${code}]`),
        },
        { formats: [] },
      ).diagnostics.filter((d) => d.code === 'law-in-force');
    expect(at('in', '2027-05-12')).toMatchObject([{ citation: expect.stringContaining('G.S.R. 843(E)') }]);
    expect(at('in', '2027-05-13')).toEqual([]);
    expect(at('au', '2014-03-11')).toHaveLength(1);
    expect(at('ca', '2003-12-31')).toHaveLength(1);
    const us = (effective: string) =>
      build(minimal.replace('effective: 2024-07-15', `effective: ${effective}`)).outputs[0]!.content;
    expect(us('2019-06-01')).toContain('[the FTC Complaint Assistant](https://www.ftccomplaintassistant.gov/)');
    expect(us('2020-10-22')).toContain('[ReportFraud.ftc.gov](https://reportfraud.ftc.gov/)');
  });

  it('asks an Australian policy about automated decisions from 10 December 2026 (APP 1.7 and 1.8)', () => {
    const gaps = (effective: string) =>
      compile(
        {
          file: 'p.yaml',
          text: minimal
            .replace('effective: 2024-07-15', `effective: ${effective}`)
            .replace('jurisdictions: [us]', 'jurisdictions: [au]'),
        },
        { formats: [] },
      )
        .diagnostics.filter((d) => d.code === 'missing-fact' && d.message.includes('automated'))
        .map((d) => d.citation);
    expect(gaps('2026-12-09')).toEqual([]);
    expect(gaps('2026-12-10')).toEqual(['Privacy Act Sch 1, APP 1.7-1.8 (from 10 December 2026)']);
  });

  it('marks text chosen by the law and the date alone as required, not as a fact', () => {
    const json = JSON.parse(build(uk('2026-07-01')).outputs[1]!.content) as {
      statements: { text: string; kind: string; sources: string[] }[];
    };
    const amended = json.statements.find((s) => s.text.includes('as amended by the Data (Use and Access) Act 2025'))!;
    expect(amended.kind).toBe('required');
    expect(amended.sources).toContain('/effective');
  });

  it('refuses a law that did not apply yet, at its jurisdictions entry, citing when it did', () => {
    const errors = (effective: string, codes: string) =>
      compile(
        {
          file: 'p.yaml',
          text: minimal
            .replace('effective: 2024-07-15', `effective: ${effective}`)
            .replace('jurisdictions: [us]', `jurisdictions: [${codes}]`),
        },
        { formats: [] },
      ).diagnostics.filter((d) => d.code === 'law-in-force');
    expect(errors('2018-05-24', 'us, eea')).toMatchObject([
      { severity: 'error', pointer: '/jurisdictions/1', citation: expect.stringContaining('GDPR Art. 99(2)') },
    ]);
    expect(errors('2018-05-25', 'us, eea')).toEqual([]);
    expect(errors('2022-12-31', 'us-ca').map((d) => d.message)).toEqual([
      expect.stringContaining('applies from 2023-01-01'),
    ]);
    expect(errors('2021-10-31', 'cn')).toHaveLength(1);
  });
});

describe('update-interval counts calendar months', () => {
  it("adds months as a calendar does, the 31st becoming a shorter month's last day", async () => {
    const { addMonths } = await import('../src/rules/update-interval.js');
    expect(addMonths('2024-09-01', 12)).toBe('2025-09-01');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
  });
});
