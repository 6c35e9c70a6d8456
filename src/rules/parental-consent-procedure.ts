import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'parental-consent-procedure',
  type: 'disclosure',
  severity: 'error',
  title: 'A service directed to children describes how parents consent',
  description:
    "A service directed to children under 13 must obtain verifiable parental consent and its notice must explain the parent's role (COPPA, 16 CFR 312.4(d), 312.5). Describe the procedure in `children.parental_consent`.",
  check({ model, report }) {
    if (model.children?.directed_to_children && !model.children.parental_consent) {
      report({
        path: ['children', 'directed_to_children'],
        message: 'The service is directed to children, but no parental-consent procedure is described.',
        hint: 'Add children.parental_consent: how a parent gives verifiable consent.',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us]
children:
  directed_to_children: true
  minimum_age: 13`,
    passing: `jurisdictions: [us]
children:
  directed_to_children: true
  minimum_age: 13
  parental_consent: A parent confirms consent by signing our consent form and returning it by e-mail.
  parental_rights: true`,
  },
};
