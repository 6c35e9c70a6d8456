import { calendarDays } from '../normalize/duration.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'response-time-deadline',
  type: 'consistency',
  severity: 'error',
  title: "The promised response time is within every declared jurisdiction's deadline",
  description:
    'Laws set how quickly a request must be answered: 15 days under the LGPD, one month under the GDPR and UK GDPR, 30 days under PIPEDA, 45 days under the CCPA. A `rights.response_time` longer than any declared jurisdiction allows would promise something unlawful; where one law allows longer than another, `rights.response_times` gives requests under that law their own time (45 days under the CCPA beside 1 month elsewhere), each checked against its own law. Periods are compared as a calendar counts them: a month is 28 to 31 days, so "30 days" can outrun the GDPR\'s one month (a request received on 31 January is due on 28 February), and "1 month" can outrun PIPEDA\'s 30 days.',
  check({ model, jurisdictions, report }) {
    for (const jurisdiction of jurisdictions) {
      const own = model.rights.response_times?.[jurisdiction.code];
      const promised = own ?? model.rights.response_time;
      const text = own ? model.rights.response_times_text![jurisdiction.code] : model.rights.response_time_text;
      const days = promised && calendarDays(promised);
      const deadline = jurisdiction.deadline;
      const limit = deadline ? calendarDays(deadline.duration) : undefined;
      if (!promised || !days || !deadline || limit === undefined) continue;
      // In the same unit, by amount; otherwise in calendar terms (a month is 28 to 31 days).
      const sameUnit =
        promised.kind === 'period' && deadline.duration.kind === 'period' && promised.unit === deadline.duration.unit;
      const longer = sameUnit
        ? promised.amount > (deadline.duration as { amount: number }).amount
        : days.max > limit.min;
      if (!longer) continue;
      const sometimes = !sameUnit && days.min <= limit.max;
      report({
        path: own ? ['rights', 'response_times', jurisdiction.code] : ['rights', 'response_time'],
        message: sometimes
          ? `A response time of ${text} can be longer than the ${deadline.response} allowed in ${jurisdiction.region} (${jurisdiction.short}): a month is 28 to 31 days, so the two periods end on different days for some requests.`
          : `A response time of ${text} is longer than the ${deadline.response} allowed in ${jurisdiction.region} (${jurisdiction.short}).`,
        hint: own
          ? `Promise at most ${deadline.response}.`
          : `Promise at most ${deadline.response}, or give requests under this law their own time in rights.response_times.${jurisdiction.code}.`,
        citations: [deadline.citation],
      });
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
