import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'postal-address-required',
  type: 'disclosure',
  severity: 'error',
  title: "The policy gives the organisation's postal address",
  description:
    "Some notices must include a postal address: COPPA's online notice (16 CFR 312.4(d)(1)), PIPEDA's openness principle (Schedule 1, 4.8.2(a)) and Japan's APPI (Art. 32(1)(i)). Declare `organization.address`.",
  check({ model, report }) {
    if (!model.organization.address)
      report({
        path: ['organization'],
        missing: true,
        message: "The organisation's postal address is not declared.",
        hint: 'Add organization.address with street, city, postal_code and country.',
      });
  },
  examples: {
    failing: `jurisdictions: [ca]
organization:
  name: Example
  contact:
    email: privacy@example.com`,
    passing: `jurisdictions: [ca]
organization:
  name: Example
  contact:
    email: privacy@example.com
  address:
    street: 100 King St W
    city: Toronto
    region: ON
    postal_code: M5X 1A9
    country: Canada`,
  },
};
