import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'limit-sensitive-link',
  type: 'disclosure',
  severity: 'error',
  title: 'Using sensitive information beyond the permitted purposes needs a "Limit" link',
  description:
    'A business that uses or discloses sensitive personal information for purposes beyond those listed in 11 CCR § 7027(m) must offer a "Limit the Use of My Sensitive Personal Information" link (Cal. Civ. Code § 1798.135(a)(2)). Declare it as `sale.limit_sensitive_url`.',
  check({ model, report }) {
    if (model.sale?.sensitive_beyond_permitted && !model.sale.limit_sensitive_url) {
      report({
        path: ['sale', 'sensitive_beyond_permitted'],
        message:
          'Sensitive personal information is used beyond the permitted purposes, but no "Limit the Use of My Sensitive Personal Information" link is declared.',
        hint: 'Add sale.limit_sensitive_url: https://…',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
sale:
  sells: false
  sensitive_beyond_permitted: true`,
    passing: `jurisdictions: [us-ca]
sale:
  sells: false
  sensitive_beyond_permitted: true
  limit_sensitive_url: https://example.com/limit`,
  },
};
