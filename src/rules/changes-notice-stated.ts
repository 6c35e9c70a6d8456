import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'changes-notice-stated',
  type: 'disclosure',
  severity: 'error',
  title: 'The policy says how changes are announced',
  description:
    'CalOPPA requires the policy to describe how users are notified of material changes (Cal. Bus. & Prof. Code § 22575(b)(3)). Declare `changes.notice`.',
  check({ model, report }) {
    if (!model.changes)
      report({
        path: [],
        missing: true,
        message: 'The declaration does not say how changes to the policy are announced.',
        hint: 'Add changes.notice, for example [posted-on-page, email].',
      });
  },
  examples: {
    failing: `jurisdictions: [us-ca]`,
    passing: `jurisdictions: [us-ca]
changes:
  notice: [posted-on-page, email]`,
  },
};
