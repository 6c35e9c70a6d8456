import { keptIndefinitely } from './practices.js';
import type { Rule } from './rule.js';

/**
 * GDPR / UK GDPR Art. 13(2)(a): the notice gives "the period for which the personal data will
 * be stored, or if that is not possible, the criteria used to determine that period"; Art.
 * 5(1)(e) keeps identifiable data no longer than necessary. "Indefinitely" is neither a
 * period nor a criterion, so a policy that says it is worth a lawyer's second look; the
 * declaration says it (issue 17), and this rule only asks (a warning).
 */
export const rule: Rule = {
  id: 'retention-limited',
  type: 'disclosure',
  severity: 'warning',
  title: 'A data category kept indefinitely is flagged where the law asks for a period or its criteria',
  description:
    'Where the GDPR or the UK GDPR applies, the notice must give how long personal data is stored or the criteria used to decide it (Art. 13(2)(a)), and data may be kept in identifiable form no longer than its purposes need (Art. 5(1)(e)). A retention of `indefinitely` states neither a period nor a criterion. State the period or the event it depends on ("while the account is active", "6 months after the account is closed"), or switch the rule off in the declaration with the reason you rely on.',
  check({ model, report }) {
    for (const { id, index } of keptIndefinitely(model)) {
      report({
        path: ['data', index, 'retention'],
        message: `The data category "${id}" is kept indefinitely, which is neither a storage period nor the criteria used to decide one.`,
        hint: 'Give the period or the event it depends on, for example "while the account is active" or "6 months after the account is closed".',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    retention: indefinitely`,
    passing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    retention: while the account is active`,
  },
};
