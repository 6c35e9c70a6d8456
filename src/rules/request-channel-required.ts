import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'request-channel-required',
  type: 'disclosure',
  severity: 'error',
  title: 'The policy says how to make a privacy request',
  description:
    'Every privacy law that grants rights requires the notice to say how to exercise them. Declare at least one channel under `rights.channels` (an e-mail address, a web form, a telephone number, post or a place in the app).',
  check({ model, report }) {
    if (model.rights.channels.length === 0) {
      report({
        path: ['rights'],
        missing: true,
        message: 'No channel for privacy requests is declared.',
        hint: 'Add rights.channels, for example:\n  rights:\n    channels:\n      - email: privacy@example.com',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
rights:
  response_time: 30 days`,
    passing: `jurisdictions: [us-ca]
rights:
  channels:
    - email: privacy@example.com
  response_time: 30 days`,
  },
};
