import { sensitiveUnder } from '../normalize/normalize.js';
import type { Rule } from './rule.js';

/** Kinds that every law policygen knows treats as sensitive: declaring one not sensitive is a contradiction. */
const ALWAYS_SENSITIVE = new Set([
  'biometric',
  'health',
  'genetic',
  'racial-ethnic-origin',
  'religious-beliefs',
  'political-opinions',
  'sex-life-orientation',
  'trade-union-membership',
  'criminal-records',
  'citizenship-immigration',
]);

const CITATIONS = ['GDPR Art. 9(1)', 'Cal. Civ. Code § 1798.140(ae)'];

export const rule: Rule = {
  id: 'sensitive-contradiction',
  type: 'consistency',
  severity: 'error',
  title: 'A category of sensitive data is not declared as not sensitive',
  description:
    'A category whose kind is sensitive under every law policygen knows (health, biometric, genetic, racial or ethnic origin, religious or political beliefs, sex life or orientation, trade-union membership, criminal records, citizenship or immigration status) cannot be `sensitive: false`: the policy would list it as ordinary data, and the special-category statements its laws require would be missing (GDPR Art. 9(1), Cal. Civ. Code § 1798.140(ae)). Examples that name such data in a category of another kind are the warning `sensitive-examples`.',
  check({ model, jurisdictions, declared, report }) {
    model.data.forEach((category, i) => {
      if (category.sensitive === true || !ALWAYS_SENSITIVE.has(category.kind) || !declared(['data', i, 'sensitive']))
        return;
      // Declared sensitive under some laws only: each declared law must be among them.
      const not = Array.isArray(category.sensitive)
        ? jurisdictions.filter((j) => !sensitiveUnder(category, j.code)).map((j) => j.code)
        : [];
      if (Array.isArray(category.sensitive) && not.length === 0) return;
      report({
        path: ['data', i, 'sensitive'],
        message: Array.isArray(category.sensitive)
          ? `The data category "${category.id}" is of kind "${category.kind}", which is sensitive data under every law, but it is declared sensitive only under ${category.sensitive.join(', ')}, not under ${not.join(', ')}.`
          : `The data category "${category.id}" is of kind "${category.kind}", which is sensitive data, but it is declared not sensitive.`,
        hint: 'Set sensitive: true.',
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `data:
  - id: contact
    kind: health
    examples: [allergies]
    sources: [user]
    sensitive: false
    retention: 1 year`,
    passing: `data:
  - id: contact
    kind: health
    examples: [allergies]
    sources: [user]
    sensitive: true
    retention: 1 year`,
  },
};
