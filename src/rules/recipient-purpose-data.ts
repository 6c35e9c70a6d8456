import type { Rule } from './rule.js';

/** Two categories, each with its own purpose, and a recipient of both: its purposes follow. */
const EXAMPLE = `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
  - id: usage
    kind: usage-data
    sources: [automatic]
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: contract
  - id: stats
    description: count visits
    data: [usage]
    legal_basis: consent
recipients:
  - id: host
    kind: service-provider
    data: [contact, usage]`;

export const rule: Rule = {
  id: 'recipient-purpose-data',
  type: 'disclosure',
  severity: 'warning',
  title: 'The purposes of a disclosure use the categories disclosed',
  description:
    'A recipient that lists its `purposes` tells the reader why it receives personal information, and the policy states those purposes for the disclosure; under the GDPR and the UK GDPR each disclosure needs a stated purpose and legal basis (Art. 13(1)(c)). A category the recipient receives that none of those purposes uses is disclosed for no stated purpose: add the purpose it serves, or add the category to the data of one of its purposes, or stop listing it.',
  check({ model, report }) {
    const dataOf = new Map(model.purposes.map((p) => [p.id, new Set(p.data)]));
    model.recipients.forEach((recipient, i) => {
      const purposes = recipient.purposes ?? [];
      if (purposes.length === 0) return;
      (recipient.data ?? []).forEach((id, j) => {
        if (purposes.some((p) => dataOf.get(p)?.has(id))) return;
        report({
          path: ['recipients', i, 'data', j],
          message: `The recipient "${recipient.id}" receives "${id}", but none of its purposes (${purposes.join(', ')}) uses that category, so the policy states no purpose for disclosing it.`,
          hint: `Add the purpose "${id}" serves to this recipient's purposes, add "${id}" to the data of one of them, or remove it from this recipient's data.`,
        });
      });
    });
  },
  examples: {
    failing: `${EXAMPLE}
    purposes: [service]`,
    passing: `${EXAMPLE}
    purposes: [service, stats]`,
  },
};
