import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'representative-required',
  type: 'disclosure',
  severity: 'error',
  title: 'An organisation without an establishment names its local representative',
  description:
    'An organisation that offers services in the EEA, the UK or Switzerland without an establishment there must appoint a representative (GDPR Art. 27(1), UK GDPR Art. 27(1), FADP Art. 14(1)) and name it in the notice (GDPR Art. 13(1)(a)), unless the law exempts it: occasional processing that is unlikely to result in a risk and does not include special categories on a large scale, or a public authority (GDPR and UK GDPR Art. 27(2)); under the FADP, only regular, large-scale processing of people in Switzerland that carries a high risk requires one (Art. 14(1)). Declare the representative in `organization.representatives`, or the exemption with its reason in `organization.representative_exemptions`. Where the organisation is established is itself a fact the policy needs (`organization.established_in`; without it, missing-fact).',
  check({ model, requiredBy, report }) {
    const established = model.organization.established_in;
    if (!established) return;
    const represented = new Set(
      [...(model.organization.representatives ?? []), ...(model.organization.representative_exemptions ?? [])].map(
        (r) => r.jurisdiction,
      ),
    );
    for (const jurisdiction of requiredBy) {
      if (!established.includes(jurisdiction.code as never) && !represented.has(jurisdiction.code as never)) {
        report({
          path: ['organization', 'established_in'],
          message: `The organisation has no establishment in ${jurisdiction.region}, so it needs a representative there, but none is declared.`,
          hint: `Add organization.representatives with jurisdiction: ${jurisdiction.code}; if the law exempts the organisation, add organization.representative_exemptions with jurisdiction: ${jurisdiction.code} and the reason. (List ${jurisdiction.code} in established_in only if the organisation has an establishment there.)`,
          citations: jurisdiction.disclosures
            .filter((d) => d.rule === 'representative-required')
            .map((d) => d.citation),
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
