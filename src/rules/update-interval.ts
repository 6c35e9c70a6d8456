import type { Rule } from './rule.js';

/** The date `months` calendar months after an ISO date (the 31st of a shorter month is its last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The CCPA requires the privacy policy's disclosures to be updated at least once every 12
 * months (Cal. Civ. Code § 1798.130(a)(5), checked against the statute's text: "update that
 * information at least once every 12 months"). A build has no clock, so the rule runs only when
 * the caller names the date to judge by (`--as-of`, CompileOptions.asOf).
 */
export const rule: Rule = {
  id: 'update-interval',
  type: 'consistency',
  severity: 'warning',
  title: 'The policy was updated within the interval a declared law requires',
  description:
    'Some laws require a privacy policy to be reviewed and updated at intervals: the CCPA at least once every 12 months (§ 1798.130(a)(5)). policygen reads no clock, so this rule runs only when the build is given a date to judge by: `policygen build --as-of 2026-12-07` (in CI, `--as-of "$(date +%F)"`). It then warns when `last_updated` (or `effective`, without it) is older than the interval. Review the policy and set `last_updated:` to the date of the review.',
  check({ model, jurisdictions, asOf, declared, report }) {
    if (!asOf) return;
    const since = model.last_updated;
    for (const jurisdiction of jurisdictions) {
      const interval = jurisdiction.update_interval;
      if (!interval) continue;
      const due = addMonths(since, interval.months);
      if (due >= asOf) continue;
      report({
        path: declared(['last_updated']) ? ['last_updated'] : ['effective'],
        message: `The ${jurisdiction.short} requires this policy to be updated at least every ${interval.months} months; it was last updated on ${since}, more than ${interval.months} months before ${asOf}.`,
        hint: `Review the policy, then set last_updated: to the date of the review (on or after ${addMonths(asOf, -interval.months)}).`,
        citations: [interval.citation],
      });
    }
  },
  examples: {
    asOf: '2026-12-07',
    failing: `jurisdictions: [us-ca]
effective: 2024-07-15
last_updated: 2025-06-30`,
    passing: `jurisdictions: [us-ca]
effective: 2024-07-15
last_updated: 2026-01-15`,
  },
};
