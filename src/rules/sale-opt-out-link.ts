import { sells, sharesForAdvertising } from './practices.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'sale-opt-out-link',
  type: 'disclosure',
  severity: 'error',
  title: 'Selling or sharing personal information needs an opt-out link',
  description:
    'A business that sells personal information, or shares it for cross-context behavioural advertising, must offer a "Do Not Sell or Share My Personal Information" link (Cal. Civ. Code § 1798.135). Declare it as `sale.opt_out_url`.',
  check({ model, report }) {
    const sold = sells(model);
    const shared = sharesForAdvertising(model);
    if ((sold || shared) && !model.sale?.opt_out_url) {
      const index = model.recipients.findIndex((r) => r.sold || r.shared_for_advertising);
      const path = model.sale
        ? ['sale']
        : index >= 0
          ? ['recipients', index, model.recipients[index]!.sold ? 'sold' : 'shared_for_advertising']
          : ['sale'];
      report({
        path,
        missing: Boolean(model.sale),
        message: `Personal information is ${sold ? 'sold' : 'shared for cross-context behavioural advertising'}, but no opt-out link is declared.`,
        hint: 'Add sale.opt_out_url: https://… (your "Do Not Sell or Share My Personal Information" page).',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
recipients:
  - id: ads
    kind: advertising-partner
    data: [contact]
    shared_for_advertising: true`,
    passing: `jurisdictions: [us-ca]
recipients:
  - id: ads
    kind: advertising-partner
    data: [contact]
    shared_for_advertising: true
sale:
  sells: false
  shares: true
  opt_out_url: https://example.com/do-not-sell`,
  },
};
