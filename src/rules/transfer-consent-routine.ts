import type { Rule } from './rule.js';
import { mechanismsFor } from '../jurisdictions/registry.js';

const CITATIONS = [
  'GDPR Art. 49(1)(a), (b) and recital 111',
  'EDPB Guidelines 2/2018 on derogations of Article 49, § 2.1',
];

/** The derogations of GDPR Art. 49(1), which rest on the person or the contract rather than on the destination's protection. */
const DEROGATIONS = new Set(['consent', 'contract-necessity']);

export const rule: Rule = {
  id: 'transfer-consent-routine',
  type: 'consistency',
  severity: 'warning',
  title: 'Routine transfers from the EEA or the UK do not rest on consent or contract necessity alone',
  description:
    "Under Article 49 of the GDPR (and of the UK GDPR), a person's explicit consent and the necessity of a contract are derogations for specific situations: recital 111 limits the contract derogation to occasional transfers, and the EDPB reads every derogation restrictively, so that it does not become the rule (Guidelines 2/2018). A policy whose only mechanisms for the EEA or the UK are these, while personal information is stored or processed abroad as a matter of course, describes systematic transfers on a basis that does not allow them. Declare the adequacy decision, the standard contractual clauses, the binding corporate rules or the Data Privacy Framework certification the transfers rely on.",
  check({ model, jurisdictions, report }) {
    const transfers = model.transfers;
    if (!transfers?.cross_border) return;
    const declared = transfers.mechanisms ?? [];
    for (const jurisdiction of jurisdictions.filter((j) => j.code === 'eea' || j.code === 'uk')) {
      const applicable = mechanismsFor(jurisdiction, declared);
      if (applicable.length > 0 && applicable.every((m) => DEROGATIONS.has(m))) {
        report({
          path: ['transfers', 'mechanisms'],
          message: `Transfers from the ${jurisdiction.code === 'eea' ? 'EEA' : 'UK'} rest only on ${applicable.join(' and ')}, which ${jurisdiction.short} Art. 49 allows for specific, occasional transfers, not for storing or processing information abroad as a matter of course.`,
          hint: 'Add the safeguard the transfers rely on (adequacy, scc, bcr or dpf), or, if the transfers really are occasional, switch this rule off with a reason.',
          citations: CITATIONS,
        });
        return;
      }
    }
  },
  examples: {
    failing: `jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [consent]`,
    passing: `jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [scc, consent]`,
  },
};
