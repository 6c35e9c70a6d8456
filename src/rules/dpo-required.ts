import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'dpo-required',
  type: 'disclosure',
  severity: 'error',
  title: 'The data protection officer is named where the law requires one',
  description:
    "Some laws require the notice to publish the contact details of a data protection officer: Brazil's LGPD (the encarregado, Art. 41), Singapore's PDPA (s. 11(5)) and South Korea's PIPA (the chief privacy officer, Art. 30). Declare `organization.dpo`.",
  check({ model, report }) {
    if (!model.organization.dpo) {
      report({
        path: ['organization'],
        missing: true,
        message:
          'A data protection officer is required for the declared jurisdictions, but organization.dpo is not declared.',
        hint: 'Add organization.dpo with a name and an e-mail address.',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [br]
organization:
  name: Example
  contact:
    email: privacy@example.com`,
    passing: `jurisdictions: [br]
organization:
  name: Example
  contact:
    email: privacy@example.com
  dpo:
    name: Maria Silva
    email: dpo@example.com`,
  },
};
