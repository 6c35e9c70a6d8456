import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'retention-required',
  type: 'disclosure',
  severity: 'error',
  title: 'Every data category says how long it is kept',
  description:
    'Most privacy laws require the notice to state how long each category of personal information is kept, or the criteria used to decide (GDPR Art. 13(2)(a), Cal. Civ. Code § 1798.100(a)(3), PIPL Art. 17). Set `retention` on every data category.',
  check({ model, report }) {
    model.data.forEach((category, i) => {
      if (!category.retention)
        report({
          path: ['data', i],
          missing: true,
          message: `The data category "${category.id}" does not say how long it is kept.`,
          hint: 'Add retention, for example "6 months after the account is closed" or "while the account is active".',
        });
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true`,
    passing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    retention: 1 year after the account is closed`,
  },
};
