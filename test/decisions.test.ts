import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { minimal } from './helpers.js';

/**
 * A lawyer's decisions about rules, in the declaration with their reasons (issue 13, "Rule
 * overrides with reasons"): they set the rule's severity, stay in the JSON and the review
 * page, and a decision without a reason, or about a rule that does not exist, is reported at
 * its line.
 */
const eea = minimal
  .replace('jurisdictions: [us]', 'jurisdictions: [eea]')
  .replace('  name: Example\n', '  name: Example\n  established_in: [eea]\n')
  .concat(
    'automated_decision_making: false\nrights:\n  channels:\n    - email: privacy@example.com\n  response_time: 15 days\n',
  );
const reason = 'GDPR Art. 13(2)(e): stated in the contact form itself, where the details are asked for';
const withRules = (rules: string) => `${eea}rules:\n${rules}`;
const build = (text: string, options: Parameters<typeof compile>[1] = {}) =>
  compile({ file: 'policy.yaml', text }, { formats: ['json', 'trace'], ...options });
const codes = (result: ReturnType<typeof build>) =>
  result.diagnostics.map((d) => `${d.severity} ${d.code}${d.line ? `:${d.line}` : ''}`);

describe('rule decisions with reasons', () => {
  it('switch a rule off, and keep the reason in the JSON and on the review page', () => {
    const before = build(eea);
    expect(codes(before).some((c) => c.startsWith('warning provision-stated'))).toBe(true);
    const result = build(withRules(`  provision-stated: { level: off, reason: "${reason}" }\n`));
    expect(codes(result)).toEqual([]);
    const json = JSON.parse(result.outputs.find((o) => o.format === 'json')!.content);
    expect(json.rule_decisions).toEqual([{ rule: 'provision-stated', level: 'off', reason }]);
    const page = result.outputs.find((o) => o.format === 'trace')!.content;
    expect(page).toContain(`<code>provision-stated</code>: off — ${reason}`);
  });

  it('warn of a decision without a reason, at its line', () => {
    const text = withRules('  provision-stated: off\n');
    const line = text.split('\n').indexOf('  provision-stated: off') + 1;
    expect(codes(build(text))).toEqual([`warning rule-decision-without-reason:${line}`]);
  });

  it('refuse a rule that does not exist, with a did-you-mean, at its line', () => {
    const text = withRules(`  provision-statd: { level: off, reason: "${reason}" }\n`);
    const result = build(text);
    expect(result.outputs).toEqual([]);
    const error = result.diagnostics.find((d) => d.code === 'unknown-rule')!;
    expect(error.message).toContain('Did you mean "provision-stated"?');
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.startsWith('  provision-statd')) + 1);
  });

  it('give way to the command line and the project config', () => {
    const text = withRules(`  provision-stated: { level: off, reason: "${reason}" }\n`);
    expect(
      codes(build(text, { rules: { 'provision-stated': 'error' } })).some((c) =>
        c.startsWith('error provision-stated'),
      ),
    ).toBe(true);
  });

  it('decide unused-field too', () => {
    const text = withRules(`  unused-field: { level: error, reason: "every declared fact must be stated" }\n`).replace(
      '    legal_basis: contract',
      '    legal_basis: contract\n    category: business',
    );
    expect(codes(build(text)).some((c) => c.startsWith('error unused-field'))).toBe(true);
  });
});
