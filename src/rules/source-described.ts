import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'source-described',
  type: 'disclosure',
  severity: 'error',
  title: 'Information obtained from others says where it came from',
  description:
    'When personal information is not collected from the person, the notice must say where it came from, including whether it came from publicly accessible sources (GDPR Art. 14(2)(f)). Set `source_details` on every category with a `third-party` or `public` source.',
  check({ model, report }) {
    model.data.forEach((category, i) => {
      if (category.sources.some((s) => s === 'third-party' || s === 'public') && !category.source_details) {
        report({
          path: ['data', i, 'sources'],
          message: `The data category "${category.id}" comes from third parties or public sources, but does not say which.`,
          hint: 'Add source_details, for example "data licensors who supply demographic information".',
        });
      }
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [third-party]
    required: false
    retention: 1 year`,
    passing: `jurisdictions: [eea]
data:
  - id: contact
    kind: contact-details
    sources: [third-party]
    source_details: the business partners who refer customers to us
    required: false
    retention: 1 year`,
  },
};
