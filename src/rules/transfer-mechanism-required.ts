import { knownMechanisms } from '../jurisdictions/registry.js';
import type { Rule } from './rule.js';
import { TRANSFER_ARTICLES } from './transfer-mechanism-applies.js';

export const rule: Rule = {
  id: 'transfer-mechanism-required',
  type: 'disclosure',
  severity: 'error',
  title: 'Transfers abroad name their safeguard',
  description:
    'When personal information leaves the jurisdiction, the notice must say on what basis: an adequacy decision, standard contractual clauses, binding corporate rules, consent or another recognised mechanism. Declare `transfers.mechanisms` whenever `transfers.cross_border` is true.',
  check({ model, requiredBy, report }) {
    const transfers = model.transfers;
    if (!transfers?.cross_border) return;
    const declared = transfers.mechanisms ?? [];
    if (declared.length === 0) {
      report({
        path: ['transfers', 'cross_border'],
        message: 'Personal information is transferred across borders, but no transfer mechanism is declared.',
        hint: 'Add transfers.mechanisms, for example [scc] or [adequacy].',
      });
      return;
    }
    // Each law's section names the routes that law knows: one that knows none of those declared
    // would state no basis at all (the EU's clauses alone are no UK route, for example).
    for (const jurisdiction of requiredBy) {
      const known = knownMechanisms(jurisdiction);
      if (!known?.length || declared.some((m) => known.includes(m))) continue;
      report({
        path: ['transfers', 'mechanisms'],
        message: `None of the declared transfer mechanisms (${declared.join(', ')}) exists under ${jurisdiction.short}, so its section would name no basis for transfers.`,
        hint: `Add the mechanism the transfers rely on under ${jurisdiction.short}: one of ${known.join(', ')}.`,
        citations: [TRANSFER_ARTICLES[jurisdiction.code] ?? jurisdiction.short],
      });
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
