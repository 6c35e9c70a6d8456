import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'provision-stated',
  type: 'disclosure',
  severity: 'warning',
  title: 'Information people give says whether it is required',
  description:
    'The GDPR requires a notice to say whether providing personal data is a statutory or contractual requirement, whether the person is obliged to provide it, and what happens if they do not (Art. 13(2)(e)). Set `required` on every category with a `user` source; for required data, say why in `required_because`.',
  check({ model, report }) {
    model.data.forEach((category, i) => {
      if (!category.sources.includes('user')) return;
      if (category.required === undefined) {
        report({
          path: ['data', i],
          missing: true,
          message: `The data category "${category.id}" is provided by people, but the declaration does not say whether providing it is required.`,
          hint: 'Add required: true (with required_because) or required: false.',
        });
      } else if (category.required && !category.required_because) {
        report({
          path: ['data', i, 'required'],
          message: `The data category "${category.id}" is required, but the declaration does not say why or what happens without it.`,
          hint: 'Add required_because, for example "we cannot create your account without it".',
        });
      }
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    retention: 1 year`,
    passing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    required_because: we cannot reply to you without it
    retention: 1 year`,
  },
};
