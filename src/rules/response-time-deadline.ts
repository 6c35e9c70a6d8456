import { approximateDays } from '../normalize/duration.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'response-time-deadline',
  type: 'consistency',
  severity: 'error',
  title: "The promised response time is within every declared jurisdiction's deadline",
  description:
    'Laws set how quickly a request must be answered: 15 days under the LGPD, one month under the GDPR and UK GDPR, 30 days under PIPEDA, 45 days under the CCPA. A `rights.response_time` longer than any declared jurisdiction allows would promise something unlawful.',
  check({ model, jurisdictions, report }) {
    const promised = model.rights.response_time;
    if (!promised) return;
    const days = approximateDays(promised);
    if (days === undefined) return;
    for (const jurisdiction of jurisdictions) {
      const deadline = jurisdiction.deadline;
      const limit = deadline ? approximateDays(deadline.duration) : undefined;
      if (deadline && limit !== undefined && days > limit + 0.5) {
        report({
          path: ['rights', 'response_time'],
          message: `A response time of ${model.rights.response_time_text} is longer than the ${deadline.response} allowed in ${jurisdiction.region} (${jurisdiction.short}).`,
          hint: `Promise at most ${deadline.response}.`,
          citations: [deadline.citation],
        });
      }
    }
  },
  examples: {
    failing: `jurisdictions: [br]
rights:
  channels:
    - email: privacy@example.com
  response_time: 30 days`,
    passing: `jurisdictions: [br]
rights:
  channels:
    - email: privacy@example.com
  response_time: 15 days`,
  },
};
