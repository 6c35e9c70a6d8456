import type { Rule } from './rule.js';

/**
 * A vendor's locations against its recipient's (issue 17). The recipient's locations are what
 * the transfer sections state (PIPL Art. 39, FADP Art. 19(4)); a vendor that processes the
 * information somewhere else would make the table of companies contradict them.
 */
const CITATIONS = ['PIPL Art. 39', 'FADP Art. 19(4)'];

export const rule: Rule = {
  id: 'vendor-location-contradiction',
  type: 'consistency',
  severity: 'error',
  title: "A vendor's locations are among its recipient's",
  description:
    "Where a recipient declares its `locations`, each of its vendors' `locations` must be among them: the transfer sections state the recipient's countries (PIPL Art. 39, FADP Art. 19(4)), and the table of companies states each vendor's, so a country in one and not the other would make the policy say two things.",
  check({ model, report }) {
    model.recipients.forEach((recipient, i) => {
      if (!recipient.locations) return;
      const allowed = new Set(recipient.locations);
      recipient.vendors.forEach((vendor, k) => {
        const outside = (vendor.locations ?? []).filter((code) => !allowed.has(code));
        if (outside.length === 0) return;
        report({
          path: ['recipients', i, 'vendors', k, 'locations'],
          message: `"${vendor.name}" is declared to process information in ${outside.join(', ')}, but its recipient "${recipient.id}" declares its locations as ${recipient.locations!.join(', ')}.`,
          hint: `Add ${outside.join(', ')} to the recipient's locations, or correct the vendor's.`,
          citations: CITATIONS,
        });
      });
    });
  },
  examples: {
    failing: `recipients:
  - id: hosting
    kind: service-provider
    data: [contact]
    locations: [IE]
    vendors: [{ name: Example Cloud, locations: [US] }]`,
    passing: `recipients:
  - id: hosting
    kind: service-provider
    data: [contact]
    locations: [IE, US]
    vendors: [{ name: Example Cloud, locations: [US] }]`,
  },
};
