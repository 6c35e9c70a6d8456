import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'legal-basis-required',
  type: 'disclosure',
  severity: 'error',
  title: 'Every purpose states its legal basis',
  description:
    'Laws such as the GDPR and the LGPD require a notice to give, for each purpose, the legal basis relied on (consent, contract, legal obligation, vital interests, public task or legitimate interests). Set `legal_basis` on every purpose.',
  check({ model, report }) {
    model.purposes.forEach((purpose, i) => {
      if (!purpose.legal_basis) {
        report({
          path: ['purposes', i],
          missing: true,
          message: `The purpose "${purpose.id}" does not state its legal basis.`,
          hint: 'Add legal_basis: consent, contract, legal-obligation, vital-interests, public-task or legitimate-interests.',
        });
      }
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
purposes:
  - id: service
    description: provide the service
    data: [contact]`,
    passing: `jurisdictions: [eea]
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: contract`,
  },
};
