import { sensitiveUnder } from '../normalize/normalize.js';
import { SENSITIVE_UNDER } from '../normalize/vocabulary.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'sensitive-contradiction',
  type: 'consistency',
  severity: 'error',
  title: 'A category of sensitive data is not declared as not sensitive',
  description:
    'A category whose kind a declared law lists as sensitive information (for example health under the GDPR, the CCPA and the Virginia, Colorado and Connecticut laws; political opinions under the GDPR and the LGPD but not the CCPA; criminal records under the FADP, PIPA, the APPI and the Australian Privacy Act) cannot be declared not sensitive under that law: the policy would list it as ordinary data, and the statements that law requires for sensitive information would be missing. Each law is checked against its own list (GDPR Art. 9(1), FADP Art. 5(c), Cal. Civ. Code § 1798.140(ae), Va. Code § 59.1-575, LGPD Art. 5, II, PIPL Art. 28, and the others in src/normalize/vocabulary.ts). Examples that name such data in a category of another kind are the warning `sensitive-examples`.',
  check({ model, jurisdictions, declared, report }) {
    model.data.forEach((category, i) => {
      if (category.sensitive === true || !declared(['data', i, 'sensitive'])) return;
      // The declared laws that list this kind as sensitive, but under which it is declared not to be.
      const not = jurisdictions.filter(
        (j) => SENSITIVE_UNDER[j.code]?.kinds.has(category.kind) && !sensitiveUnder(category, j.code),
      );
      if (not.length === 0) return;
      const laws = not.map((j) => j.short).join(', ');
      report({
        path: ['data', i, 'sensitive'],
        message: Array.isArray(category.sensitive)
          ? `The data category "${category.id}" is of kind "${category.kind}", which ${laws} list${not.length === 1 ? 's' : ''} as sensitive, but it is declared sensitive only under ${category.sensitive.join(', ')}, not under ${not.map((j) => j.code).join(', ')}.`
          : `The data category "${category.id}" is of kind "${category.kind}", which ${laws} list${not.length === 1 ? 's' : ''} as sensitive, but it is declared not sensitive.`,
        hint: Array.isArray(category.sensitive)
          ? `Add ${not.map((j) => j.code).join(', ')} to sensitive:, or set sensitive: true.`
          : 'Set sensitive: true, or list the jurisdictions under whose law it is sensitive.',
        citations: not.map((j) => SENSITIVE_UNDER[j.code]!.citation),
      });
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
data:
  - id: contact
    kind: health
    examples: [allergies]
    sources: [user]
    sensitive: false
    retention: 1 year`,
    passing: `jurisdictions: [eea]
data:
  - id: contact
    kind: health
    examples: [allergies]
    sources: [user]
    sensitive: true
    retention: 1 year`,
  },
};
