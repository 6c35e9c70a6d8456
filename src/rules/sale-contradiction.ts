import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'sale-contradiction',
  type: 'consistency',
  severity: 'error',
  title: '"We do not sell" agrees with the recipients',
  description:
    'If `sale.sells` (or `sale.shares`) says no, no recipient may be marked `sold` (or `shared_for_advertising`): the policy would otherwise state one thing in its sale section and the opposite in its sharing section.',
  check({ model, report }) {
    const sale = model.sale;
    if (!sale) return;
    model.recipients.forEach((recipient, i) => {
      if (sale.sells === false && recipient.sold) {
        report({
          path: ['recipients', i, 'sold'],
          message: `The recipient "${recipient.id}" is marked as sold to, but sale.sells says personal information is not sold.`,
          hint: 'Correct one of the two: set sale.sells: true, or sold: false here.',
        });
      }
      if (sale.shares === false && recipient.shared_for_advertising) {
        report({
          path: ['recipients', i, 'shared_for_advertising'],
          message: `The recipient "${recipient.id}" receives data for cross-context behavioural advertising, but sale.shares says personal information is not shared.`,
          hint: 'Correct one of the two: set sale.shares: true, or shared_for_advertising: false here.',
        });
      }
    });
    if (sale.sells && !model.recipients.some((r) => r.sold)) {
      report({
        path: ['sale', 'sells'],
        message: 'sale.sells says personal information is sold, but no recipient is marked as sold to.',
        hint: 'Mark the recipients it is sold to with sold: true.',
      });
    }
    if (sale.shares && !model.recipients.some((r) => r.shared_for_advertising)) {
      report({
        path: ['sale', 'shares'],
        message:
          'sale.shares says personal information is shared for cross-context behavioural advertising, but no recipient is marked as receiving it.',
        hint: 'Mark the recipients it is shared with with shared_for_advertising: true.',
      });
    }
  },
  examples: {
    failing: `sale:
  sells: false
recipients:
  - id: brokers
    kind: data-broker
    data: [contact]
    sold: true`,
    passing: `sale:
  sells: true
  opt_out_url: https://example.com/do-not-sell
recipients:
  - id: brokers
    kind: data-broker
    data: [contact]
    sold: true`,
  },
};
