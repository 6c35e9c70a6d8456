import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'third-party-tracking-disclosure',
  type: 'disclosure',
  severity: 'error',
  title: 'The policy says whether third parties track users across sites',
  description:
    "CalOPPA requires the policy to disclose whether other parties may collect personal information about a consumer's online activities over time and across sites when the consumer uses the service (Cal. Bus. & Prof. Code § 22575(b)(6)). Declare `cookies.third_party_tracking`.",
  check({ model, report }) {
    if (model.cookies?.third_party_tracking === undefined) {
      report({
        path: model.cookies ? ['cookies'] : [],
        missing: Boolean(model.cookies),
        message: 'The declaration does not say whether third parties may track users over time and across sites.',
        hint: 'Add cookies.third_party_tracking: true or false.',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
cookies:
  technologies: []
  do_not_track:
    response: not-honored`,
    passing: `jurisdictions: [us-ca]
cookies:
  technologies: []
  third_party_tracking: false
  do_not_track:
    response: not-honored`,
  },
};
