import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'legitimate-interest-described',
  type: 'disclosure',
  severity: 'error',
  title: 'A purpose based on legitimate interests says what the interest is',
  description:
    'Where processing relies on legitimate interests, the notice must say what those interests are (GDPR Art. 13(1)(d)). Set `legitimate_interest` to a short phrase such as "keeping our service secure".',
  check({ model, report }) {
    model.purposes.forEach((purpose, i) => {
      if (purpose.legal_basis === 'legitimate-interests' && !purpose.legitimate_interest) {
        report({
          path: ['purposes', i, 'legal_basis'],
          message: `The purpose "${purpose.id}" relies on legitimate interests but does not say what the interest is.`,
          hint: 'Add legitimate_interest: <the interest pursued>, for example "preventing fraud on our platform".',
        });
      }
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: legitimate-interests`,
    passing: `jurisdictions: [eea]
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: legitimate-interests
    legitimate_interest: answering the people who write to us`,
  },
};
