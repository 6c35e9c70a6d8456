import { calendarDays } from '../normalize/duration.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'response-time-deadline',
  type: 'consistency',
  severity: 'error',
  title: "The promised response time is within every declared jurisdiction's deadline",
  description:
    'Laws set how quickly a request must be answered: 15 days under the LGPD, one month under the GDPR and UK GDPR, 30 days under PIPEDA, 45 days under the CCPA. A `rights.response_time` longer than any declared jurisdiction allows would promise something unlawful. Periods are compared as a calendar counts them: a month is 28 to 31 days, so "30 days" can outrun the GDPR\'s one month (a request received on 31 January is due on 28 February), and "1 month" can outrun PIPEDA\'s 30 days.',
  check({ model, jurisdictions, report }) {
    const promised = model.rights.response_time;
    if (!promised) return;
    const days = calendarDays(promised);
    if (days === undefined) return;
    for (const jurisdiction of jurisdictions) {
      const deadline = jurisdiction.deadline;
      const limit = deadline ? calendarDays(deadline.duration) : undefined;
      if (!deadline || limit === undefined) continue;
      // In the same unit, by amount; otherwise in calendar terms (a month is 28 to 31 days).
      const sameUnit = promised.kind === 'period' && deadline.duration.kind === 'period' && promised.unit === deadline.duration.unit;
      const longer = sameUnit ? promised.amount > (deadline.duration as { amount: number }).amount : days.max > limit.min;
      if (longer) {
        const sometimes = !sameUnit && days.min <= limit.max;
        report({
          path: ['rights', 'response_time'],
          message: sometimes
            ? `A response time of ${model.rights.response_time_text} can be longer than the ${deadline.response} allowed in ${jurisdiction.region} (${jurisdiction.short}): a month is 28 to 31 days, so the two periods end on different days for some requests.`
            : `A response time of ${model.rights.response_time_text} is longer than the ${deadline.response} allowed in ${jurisdiction.region} (${jurisdiction.short}).`,
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
