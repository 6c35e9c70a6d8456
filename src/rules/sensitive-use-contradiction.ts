import { sensitiveUnder } from '../normalize/normalize.js';
import type { Rule } from './rule.js';

// Verified against the text of 11 CCR § 7027(m) (as published by Cornell LII): its eight
// purposes are the goods or services an average consumer expects, security incidents, fraud
// and illegal actions, physical safety, short-term transient use (non-personalised advertising
// that builds no profile), services performed on the business's behalf, quality and safety of
// the service, and information not processed to infer characteristics. Selling, and sharing
// for cross-context behavioural advertising, are none of them (Cal. Civ. Code § 1798.121(a)).
const CITATIONS = ['11 CCR § 7027(m)', 'Cal. Civ. Code § 1798.121'];

/** The examples' declaration: a health category, a data broker that buys what it is given. */
const EXAMPLE = `data:
  - id: contact
    kind: contact-details
    sources: [user]
    retention: 1 year
  - id: health
    kind: health
    sensitive: true
    sources: [user]
    retention: 1 year
purposes:
  - id: service
    description: answer your questions
    data: [contact, health]
    legal_basis: contract
sale:
  sells: true
  opt_out_url: https://example.com/do-not-sell
  sensitive_beyond_permitted: false
recipients:
  - id: brokers
    kind: data-broker`;

export const rule: Rule = {
  id: 'sensitive-use-contradiction',
  type: 'consistency',
  severity: 'error',
  title: 'Sensitive information that is sold or shared is not "used only as permitted"',
  description:
    '`sale.sensitive_beyond_permitted: false` makes the policy say that sensitive personal information is used and disclosed only for the purposes 11 CCR § 7027(m) permits without a right to limit. Selling it, or sharing it for cross-context behavioural advertising, is not one of them: a recipient marked `sold` or `shared_for_advertising` that receives a sensitive category contradicts the declaration, and the right to limit (Cal. Civ. Code § 1798.121) would be missing.',
  check({ model, report }) {
    if (model.sale?.sensitive_beyond_permitted !== false) return;
    const sensitive = new Map(model.data.filter((d) => sensitiveUnder(d, 'us-ca')).map((d) => [d.id, d]));
    model.recipients.forEach((recipient) => {
      if (!recipient.sold && !recipient.shared_for_advertising) return;
      const given = recipient.data.filter((id) => sensitive.has(id));
      if (given.length === 0) return;
      const how = recipient.sold ? 'sold to' : 'shared for cross-context behavioural advertising with';
      report({
        path: ['sale', 'sensitive_beyond_permitted'],
        message: `Sensitive personal information (${given.join(', ')}) is ${how} the recipient "${recipient.id}", which is not a use 11 CCR § 7027(m) permits, but sale.sensitive_beyond_permitted says it is used only for those.`,
        hint: `Set sale.sensitive_beyond_permitted: true (with limit_sensitive_url), or stop the recipient "${recipient.id}" receiving ${given.join(', ')}.`,
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `${EXAMPLE}
    data: [health]
    sold: true`,
    passing: `${EXAMPLE}
    data: [contact]
    sold: true`,
  },
};
