import { sensitiveUnder } from '../normalize/normalize.js';
import { SENSITIVE_UNDER } from '../normalize/vocabulary.js';
import type { Rule } from './rule.js';

/** Each law's own list of sensitive information (src/normalize/vocabulary.ts). */
const LIST_CITATION: Readonly<Record<string, string>> = {
  eea: 'GDPR Art. 9(1)',
  uk: 'UK GDPR Art. 9(1)',
  ch: 'FADP Art. 5(c)',
  'us-ca': 'Cal. Civ. Code § 1798.140(ae)',
  'us-va': 'Va. Code § 59.1-575',
  'us-co': 'C.R.S. § 6-1-1303(24)',
  'us-ct': 'Conn. Gen. Stat. § 42-515(38)',
  br: 'LGPD Art. 5, II',
  cn: 'PIPL Art. 28',
  kr: 'PIPA Art. 23(1)',
  jp: 'APPI Art. 2(3)',
  au: 'Privacy Act 1988 (Cth) s 6(1)',
};

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
        (j) => SENSITIVE_UNDER[j.code]?.has(category.kind) && !sensitiveUnder(category, j.code),
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
        citations: not.map((j) => LIST_CITATION[j.code]!),
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
