import { sensitiveUnder } from '../normalize/normalize.js';
import type { Rule } from './rule.js';

const NEEDS_CONDITION: Record<string, string> = {
  eea: 'GDPR Art. 9(2)',
  uk: 'UK GDPR Art. 9(2)',
  ch: 'FADP Art. 6(7)',
};
const NEEDS_SEPARATE_CONSENT: Record<string, string> = { cn: 'PIPL Art. 29', kr: 'PIPA Art. 23' };

export const rule: Rule = {
  id: 'sensitive-data-condition',
  type: 'consistency',
  severity: 'error',
  title: 'Sensitive data has the extra basis or consent its laws require',
  description:
    "Sensitive (special-category) data needs more than an ordinary legal basis: under the GDPR, UK GDPR and FADP one of the Art. 9(2) conditions (such as explicit consent), declared as `special_condition`; under Korea's PIPA a separate consent, declared as `separate_consent: true`; under China's PIPL the same, unless every purpose the category serves rests on a basis other than consent (Art. 13 para. 2), such as a contract with the person.",
  check({ model, jurisdictions, report }) {
    const codes = jurisdictions.map((j) => j.code);
    model.data.forEach((category, i) => {
      if (!category.sensitive) return;
      // Only the laws under which the declaration says the category is sensitive.
      const condition = codes.filter((c) => c in NEEDS_CONDITION && sensitiveUnder(category, c));
      if (condition.length && !category.special_condition) {
        report({
          path: ['data', i, 'kind'],
          message: `The sensitive data category "${category.id}" does not name the special-category condition relied on.`,
          hint: 'Add special_condition, for example explicit-consent.',
          citations: condition.map((c) => NEEDS_CONDITION[c]!),
        });
      }
      // PIPL Art. 13 para. 2: where handling rests on another basis in Art. 13(1), such as a
      // contract with the person, the consent (and so the separate consent) is not required.
      const uses = model.purposes.filter((p) => category.purposes.includes(p.id));
      const otherBasis = uses.length > 0 && uses.every((p) => p.legal_basis && p.legal_basis !== 'consent');
      const consent = codes.filter(
        (c) => c in NEEDS_SEPARATE_CONSENT && sensitiveUnder(category, c) && !(c === 'cn' && otherBasis),
      );
      if (consent.length && !category.separate_consent) {
        report({
          path: ['data', i, 'kind'],
          message: `The sensitive data category "${category.id}" is not declared as collected with separate consent.`,
          hint: 'Add separate_consent: true, and ask for that consent separately.',
          citations: consent.map((c) => NEEDS_SEPARATE_CONSENT[c]!),
        });
      }
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
automated_decision_making: false
data:
  - id: contact
    kind: health
    sensitive: true
    sources: [user]
    required: false
    retention: 1 year`,
    passing: `jurisdictions: [eea]
automated_decision_making: false
data:
  - id: contact
    kind: health
    sensitive: true
    sources: [user]
    required: false
    special_condition: explicit-consent
    retention: 1 year`,
  },
};
