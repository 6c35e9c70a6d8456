import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'representative-required',
  type: 'disclosure',
  severity: 'error',
  title: 'An organisation without an establishment names its local representative',
  description:
    'An organisation that offers services in the EEA, the UK or Switzerland without an establishment there must appoint a representative (GDPR Art. 27, UK GDPR Art. 27, FADP Art. 14) and name it in the notice (GDPR Art. 13(1)(a)). The rule applies when `organization.established_in` is declared and omits the jurisdiction.',
  check({ model, requiredBy, report }) {
    const established = model.organization.established_in;
    if (!established) return;
    const represented = new Set((model.organization.representatives ?? []).map((r) => r.jurisdiction));
    for (const jurisdiction of requiredBy) {
      if (!established.includes(jurisdiction.code as never) && !represented.has(jurisdiction.code as never)) {
        report({
          path: ['organization', 'established_in'],
          message: `The organisation has no establishment in ${jurisdiction.region}, so it needs a representative there, but none is declared.`,
          hint: `Add organization.representatives with jurisdiction: ${jurisdiction.code}, or add ${jurisdiction.code} to established_in.`,
          citations: jurisdiction.disclosures.filter((d) => d.rule === 'representative-required').map((d) => d.citation),
        });
      }
    }
  },
  examples: {
    failing: `jurisdictions: [eea]
organization:
  name: Example
  established_in: [us]
  contact:
    email: privacy@example.com`,
    passing: `jurisdictions: [eea]
organization:
  name: Example
  established_in: [us]
  contact:
    email: privacy@example.com
  representatives:
    - jurisdiction: eea
      name: Example EU Representative Ltd
      email: eu-rep@example.com`,
  },
};
