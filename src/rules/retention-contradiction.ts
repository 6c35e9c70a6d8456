import type { Rule } from './rule.js';

/**
 * A retention that ends in deletion against what is declared to happen after it (issue 17):
 * "kept while the account is active, then deleted within 30 days" cannot be followed by
 * "after that, we anonymise that information".
 */
/** The notice states how long each category is kept: a contradiction misstates it. */
const CITATIONS = ['GDPR Art. 13(2)(a)', 'Cal. Civ. Code § 1798.100(a)(3)'];

export const rule: Rule = {
  id: 'retention-contradiction',
  type: 'consistency',
  severity: 'error',
  title: 'What happens after retention agrees with the retention',
  description:
    'A data category whose `retention` says it is deleted within a period once a condition ends (`deleted_within`) cannot also say, in `after_retention`, that it is anonymised or aggregated afterwards: the policy would state both that the information is deleted and that it is kept in another form.',
  check({ model, report }) {
    model.data.forEach((category, i) => {
      const retention = category.retention;
      if (retention?.kind !== 'while' || !retention.deleted_within) return;
      const after = category.after_retention;
      const within = retention.deleted_within;
      if (after !== 'anonymize' && after !== 'aggregate') return;
      report({
        path: ['data', i, 'after_retention'],
        message: `The category "${category.id}" is deleted within ${within.amount} ${within.unit}${within.amount === 1 ? '' : 's'} once its retention ends, but after_retention says it is ${after === 'anonymize' ? 'anonymised' : 'aggregated'} instead.`,
        hint: 'Remove deleted_within from the retention if the information is anonymised or aggregated, or remove after_retention (or set it to delete).',
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `data:
  - id: contact
    kind: contact-details
    sources: [user]
    retention: while the account is active, then deleted within 30 days
    after_retention: anonymize`,
    passing: `data:
  - id: contact
    kind: contact-details
    sources: [user]
    retention: while the account is active, then deleted within 30 days
    after_retention: delete`,
  },
};
