import type { Rule } from './rule.js';

/**
 * When a mechanism became available under a law, from the module's `mechanism_from`
 * (verified against: the EU-US Data Privacy Framework adequacy decision, adopted and in force on
 * 10 July 2023; the UK Extension to it, SI 2023/1028 reg. 1(2), in force 12 October 2023; the
 * Federal Council's addition of the US to Annex 1 of the Swiss Data Protection Ordinance,
 * in force 15 September 2024; the ICO's IDTA and Addendum, in force 21 March 2022), and when it
 * ceased to be, from `mechanism_until` (the EU-US Privacy Shield, Implementing Decision (EU)
 * 2016/1250, applied from 1 August 2016 and was declared invalid on 16 July 2020, C-311/18).
 */
function dateIn(
  jurisdiction: { extra?: Record<string, unknown> },
  key: 'mechanism_from' | 'mechanism_until',
  mechanism: string,
): string | undefined {
  const dates = jurisdiction.extra?.[key];
  const date = dates && typeof dates === 'object' ? (dates as Record<string, unknown>)[mechanism] : undefined;
  return typeof date === 'string' ? date : date instanceof Date ? date.toISOString().slice(0, 10) : undefined;
}

export const rule: Rule = {
  id: 'transfer-mechanism-in-force',
  type: 'consistency',
  severity: 'error',
  title: 'A transfer mechanism was available on the date the policy takes effect',
  description:
    "A policy speaks from its `effective` date. A mechanism that did not exist under a declared law on that date cannot be what the transfers relied on: the EU-US Data Privacy Framework is available under the GDPR from 10 July 2023, under the UK GDPR (the UK Extension) from 12 October 2023 and under the FADP from 15 September 2024. Its predecessor, the Privacy Shield, has been invalid since 16 July 2020 (CJEU, C-311/18), and policygen does not offer it. The dates are in each module's `mechanism_from` and `mechanism_until`.",
  check({ model, jurisdictions, report }) {
    const effective = model.effective;
    (model.transfers?.mechanisms ?? []).forEach((mechanism, i) => {
      for (const jurisdiction of jurisdictions) {
        const until = dateIn(jurisdiction, 'mechanism_until', mechanism);
        if (until !== undefined && effective >= until) {
          report({
            path: ['transfers', 'mechanisms', i],
            message: `"${mechanism}" ceased to be available under ${jurisdiction.short} on ${until}, before this policy takes effect (${effective}).`,
            hint: 'Declare the mechanism the transfers rely on at that date, or correct the effective date.',
            citations: [`${jurisdiction.short}: ${mechanism} available until ${until}`],
          });
        }
        const from = dateIn(jurisdiction, 'mechanism_from', mechanism);
        if (from !== undefined && effective < from) {
          report({
            path: ['transfers', 'mechanisms', i],
            message: `"${mechanism}" is available under ${jurisdiction.short} only from ${from}, but this policy takes effect on ${effective}.`,
            hint: 'Declare the mechanism the transfers relied on at that date, or correct the effective date.',
            citations: [`${jurisdiction.short}: ${mechanism} available from ${from}`],
          });
        }
      }
    });
  },
  examples: {
    failing: `effective: 2022-01-01
jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [dpf]`,
    passing: `effective: 2024-01-01
jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [dpf]`,
  },
};
