import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'appeal-process',
  type: 'disclosure',
  severity: 'error',
  title: 'The policy explains how to appeal a refused request',
  description:
    'Virginia, Colorado and Connecticut require a controller to set up a process for consumers to appeal a refusal to act on a request, and to describe it in the privacy notice (Va. Code § 59.1-578, C.R.S. § 6-1-1306(3), Conn. Gen. Stat. § 42-520). Describe it in `rights.appeals`.',
  check({ model, report }) {
    if (!model.rights.appeals)
      report({
        path: ['rights'],
        missing: true,
        message: 'The declaration does not describe how a person can appeal a refused request.',
        hint: 'Add rights.appeals: how to appeal, where to send the appeal, and how long the answer takes.',
      });
  },
  examples: {
    failing: `jurisdictions: [us-va]
rights:
  channels:
    - email: privacy@example.com
  response_time: 30 days`,
    passing: `jurisdictions: [us-va]
rights:
  channels:
    - email: privacy@example.com
  response_time: 30 days
  appeals: Reply to our decision within 60 days with the word APPEAL; a different team reviews it and answers within 60 days.`,
  },
};
