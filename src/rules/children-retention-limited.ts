import { keptIndefinitely } from './practices.js';
import type { Rule } from './rule.js';

/**
 * COPPA Rule 16 CFR 312.10 as amended in 2025 (90 FR 16918, in force 23 June 2025): an operator
 * keeps a child's personal information "only as long as is reasonably necessary" for the
 * purposes it was collected for, and it "may not be retained indefinitely"; the written
 * retention policy, with a timeframe for deletion, is part of the online notice (312.4(d)(2)).
 * Verified against the eCFR text of Part 312 as amended (.scratch/coppa2025.md, 2026-12-07).
 * The us module names this rule only where the notice binds the operator: a service directed to
 * children, or one that collects from them with a parent's consent (actual knowledge).
 */
export const rule: Rule = {
  id: 'children-retention-limited',
  type: 'disclosure',
  severity: 'error',
  title: "Children's personal information kept indefinitely, where COPPA forbids it",
  description:
    "Since the COPPA Rule's 2025 amendments (in force 23 June 2025), an operator of a service directed to children, or one that knowingly collects personal information from children, may keep that information only as long as reasonably necessary for the purposes it was collected for, and never indefinitely; its online notice states a written retention policy with a timeframe for deletion (16 CFR 312.10, 312.4(d)(2)). A data category kept `indefinitely` in such a policy states a practice the rule forbids. Give the period or the event after which it is deleted.",
  check({ model, report }) {
    for (const { id, index } of keptIndefinitely(model)) {
      report({
        path: ['data', index, 'retention'],
        message: `The data category "${id}" is kept indefinitely, but COPPA does not allow an operator to keep children's personal information indefinitely.`,
        hint: 'Give the period or the event after which it is deleted, for example "12 months after the account is closed".',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us]
effective: "2026-05-01"
children:
  directed_to_children: true
  minimum_age: 13
  parental_consent: A parent confirms consent by signing our consent form and returning it by e-mail.
  parental_rights: true
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    retention: indefinitely`,
    passing: `jurisdictions: [us]
effective: "2026-05-01"
children:
  directed_to_children: true
  minimum_age: 13
  parental_consent: A parent confirms consent by signing our consent form and returning it by e-mail.
  parental_rights: true
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    retention: 12 months after the account is closed`,
  },
};
