import type { Rule } from './rule.js';

/**
 * Trackers against "we do not share" (lawyer reading 14). Under the CCPA, "sharing" is making
 * personal information available to a third party for cross-context behavioural advertising
 * (Cal. Civ. Code § 1798.140(ah)); a service provider or contractor (§ 1798.140(ag), (j)) is not a
 * third party (§ 1798.140(ai)). An advertising partner or social network that is not declared a processor
 * and collects activity across sites through the service (CalOPPA, Cal. Bus. & Prof. Code
 * § 22575(b)(6)) is that, unless the declaration marks it shared with, or is wrong.
 */
const CITATIONS = ['Cal. Civ. Code § 1798.140(ah)', 'Cal. Civ. Code § 1798.140(ai)'];

/** Recipients whose business is advertising across sites. */
const ADVERTISING = new Set(['advertising-partner', 'social-network']);

export const rule: Rule = {
  id: 'tracking-sharing-contradiction',
  type: 'consistency',
  severity: 'warning',
  title: '"We do not share" agrees with third-party trackers',
  description:
    'Where California is declared, `cookies.third_party_tracking: true` says other companies collect activity across sites through the service, and `sale.shares: false` says nothing is shared for cross-context behavioural advertising. Both can be true only if every advertising partner or social network that receives the information does so as a processor (a CCPA service provider or contractor, § 1798.140(ag) and (j), which § 1798.140(ai) excludes from third parties); one that is not is a third party, and its tracking for advertising is "sharing" (§ 1798.140(ah)). Declare its `role: processor` if that is what the contract makes it, or mark it `shared_for_advertising` and correct `sale.shares`.',
  check({ model, jurisdictions, report }) {
    if (!jurisdictions.some((j) => j.code === 'us-ca')) return;
    if (model.cookies?.third_party_tracking !== true || model.sale?.shares !== false) return;
    model.recipients.forEach((recipient, i) => {
      if (!ADVERTISING.has(recipient.kind) || recipient.role === 'processor' || recipient.shared_for_advertising)
        return;
      report({
        path: ['recipients', i],
        message: `"${recipient.id}" is a ${recipient.kind} not declared a processor, third parties track activity across sites through the service (cookies.third_party_tracking), and sale.shares says nothing is shared for cross-context behavioural advertising; under the CCPA such tracking for advertising is sharing.`,
        hint: 'Declare role: processor if it acts only as your service provider or contractor; otherwise mark it shared_for_advertising: true and set sale.shares: true.',
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `jurisdictions: [us-ca]
cookies:
  technologies: [cookies]
  third_party_tracking: true
sale:
  sells: false
  shares: false
recipients:
  - id: ads
    kind: advertising-partner
    data: [contact]`,
    passing: `jurisdictions: [us-ca]
cookies:
  technologies: [cookies]
  third_party_tracking: true
sale:
  sells: false
  shares: false
recipients:
  - id: ads
    kind: advertising-partner
    role: processor
    data: [contact]`,
  },
};
