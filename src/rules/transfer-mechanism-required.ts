import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'transfer-mechanism-required',
  type: 'disclosure',
  severity: 'error',
  title: 'Transfers abroad name their safeguard',
  description:
    'When personal information leaves the jurisdiction, the notice must say on what basis: an adequacy decision, standard contractual clauses, binding corporate rules, consent or another recognised mechanism. Declare `transfers.mechanisms` whenever `transfers.cross_border` is true.',
  check({ model, report }) {
    const transfers = model.transfers;
    if (transfers?.cross_border && !(transfers.mechanisms?.length)) {
      report({ path: ['transfers', 'cross_border'], message: 'Personal information is transferred across borders, but no transfer mechanism is declared.', hint: 'Add transfers.mechanisms, for example [scc] or [adequacy].' });
    }
  },
  examples: {
    failing: `jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true`,
    passing: `jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [scc]`,
  },
};
