import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'do-not-track-disclosure',
  type: 'disclosure',
  severity: 'error',
  title: 'The policy says how the site responds to Do Not Track signals',
  description:
    'CalOPPA requires any site or service that collects personal information from Californians to disclose how it responds to browser "Do Not Track" signals (Cal. Bus. & Prof. Code § 22575(b)(5)). Declare `cookies.do_not_track`.',
  check({ model, report }) {
    if (!model.cookies?.do_not_track) {
      report({
        path: model.cookies ? ['cookies'] : [],
        missing: Boolean(model.cookies),
        message: 'The declaration does not say how the service responds to Do Not Track signals.',
        hint: 'Add cookies.do_not_track.response: honored or not-honored.',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
cookies:
  technologies: [cookies]
  third_party_tracking: false`,
    passing: `jurisdictions: [us-ca]
cookies:
  technologies: [cookies]
  third_party_tracking: false
  do_not_track:
    response: not-honored`,
  },
};
