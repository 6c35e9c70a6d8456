import { sensitiveUnder } from '../normalize/normalize.js';
import type { Rule } from './rule.js';

// 11 CCR § 7027(m) lists the purposes for which sensitive personal information may be used or
// disclosed without offering the right to limit; a disclosure to a party that does not act on
// the business's behalf fits few of them (checked against the text as published by Cornell LII:
// (m)(1) services the consumer requested, (m)(6) services performed on the business's behalf,
// the others security, fraud, safety, transient use, quality). Selling and sharing are the
// error of rule sensitive-use-contradiction; this rule asks about the rest.
const CITATIONS = ['11 CCR § 7027(m)', 'Cal. Civ. Code § 1798.121'];
/** Recipients that do not act on the business's behalf, and whose receipt no exemption covers. */
const INDEPENDENT = new Set([
  'affiliate',
  'advertising-partner',
  'social-network',
  'customers',
  'data-broker',
  'other',
]);

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
  sells: false
  shares: false
  sensitive_beyond_permitted: false
recipients:
  - id: researchers
    kind: other
    label: research partners`;

export const rule: Rule = {
  id: 'sensitive-disclosure-permitted',
  type: 'consistency',
  severity: 'warning',
  title: 'A sensitive category given to an independent recipient is checked against the permitted purposes',
  description:
    "`sale.sensitive_beyond_permitted: false` makes the policy say that sensitive personal information is used and disclosed only for the purposes 11 CCR § 7027(m) permits without a right to limit. Most of those purposes are the business's own or its service providers' work; a sensitive category that goes to a recipient acting for itself (an affiliate, a partner, a customer, a research institution: kinds `affiliate`, `advertising-partner`, `social-network`, `customers`, `data-broker`, `other`) rarely fits them. Confirm that it does and record why (`rules: { sensitive-disclosure-permitted: { level: off, reason: … } }`), or set `sensitive_beyond_permitted: true` and offer the right to limit.",
  check({ model, report }) {
    if (model.sale?.sensitive_beyond_permitted !== false) return;
    const sensitive = new Set(model.data.filter((d) => sensitiveUnder(d, 'us-ca')).map((d) => d.id));
    model.recipients.forEach((recipient, i) => {
      if (!INDEPENDENT.has(recipient.kind) || recipient.sold || recipient.shared_for_advertising) return;
      const given = recipient.data.filter((id) => sensitive.has(id));
      if (given.length === 0) return;
      report({
        path: ['recipients', i],
        message: `Sensitive personal information (${given.join(', ')}) goes to "${recipient.id}" (${recipient.kind}), which does not act on our behalf, while sale.sensitive_beyond_permitted says sensitive information is used only for the purposes 11 CCR § 7027(m) permits.`,
        hint: 'Confirm that this disclosure is one of those purposes and record why in the rule settings, or set sale.sensitive_beyond_permitted: true with limit_sensitive_url.',
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `${EXAMPLE}
    data: [health]`,
    passing: `${EXAMPLE}
    data: [contact]`,
  },
};
