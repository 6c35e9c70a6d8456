import type { Rule } from './rule.js';

const CITATIONS = ['GDPR Art. 13(2)(f)', 'GDPR Art. 22'];

export const rule: Rule = {
  id: 'automated-decisions-contradiction',
  type: 'consistency',
  severity: 'error',
  title: '`automated_decision_making` agrees with the purposes',
  description:
    'With `automated_decision_making: false` the policy says that no decision with legal or similarly significant effects is made solely by automated means; no purpose may then describe such decisions in `automated_decisions`. With `true`, at least one purpose must describe them, with the logic involved and the consequences (GDPR Art. 13(2)(f) and 22).',
  check({ model, report }) {
    const declared = model.automated_decision_making;
    if (declared === undefined) return;
    const described = model.purposes.flatMap((p, i) => (p.automated_decisions ? [{ p, i }] : []));
    if (declared === false) {
      for (const { p, i } of described) {
        report({
          path: ['purposes', i, 'automated_decisions'],
          message: `The purpose "${p.id}" describes automated decisions, but automated_decision_making: false says none are made.`,
          hint: 'Correct one of the two: set automated_decision_making: true, or remove automated_decisions here.',
          citations: CITATIONS,
        });
      }
    }
    if (declared === true && described.length === 0) {
      report({
        path: ['automated_decision_making'],
        message:
          'automated_decision_making: true says decisions are made solely by automated means, but no purpose describes them.',
        hint: 'Describe each on its purpose: automated_decisions: "the logic involved and the consequences".',
        citations: CITATIONS,
      });
    }
  },
  examples: {
    failing: `automated_decision_making: false
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: contract
    automated_decisions: We score sign-ups for fraud risk; a high score blocks the sign-up until a person reviews it.`,
    passing: `automated_decision_making: true
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: contract
    automated_decisions: We score sign-ups for fraud risk; a high score blocks the sign-up until a person reviews it.`,
  },
};
