import type { Rule } from './rule.js';

/** Kinds that every law policygen knows treats as sensitive: declaring one not sensitive is a contradiction. */
const ALWAYS_SENSITIVE = new Set([
  'biometric', 'health', 'genetic', 'racial-ethnic-origin', 'religious-beliefs', 'political-opinions',
  'sex-life-orientation', 'trade-union-membership', 'criminal-records', 'citizenship-immigration',
]);

/** Words in a category's examples that name sensitive data (GDPR Art. 9(1), Cal. Civ. Code § 1798.140(ae)). */
const SENSITIVE_WORDS = /\b(ethnic\w*|racial|race|religio\w*|philosophical belief\w*|health|medical|diagnos\w*|biometric|fingerprint\w*|face ?prints?|genetic|DNA|sexual orientation|sex life|trade[- ]union|political (?:opinion|affiliation|view)\w*|criminal|immigration status|citizenship)\b/i;

const CITATIONS = ['GDPR Art. 9(1)', 'Cal. Civ. Code § 1798.140(ae)'];

export const rule: Rule = {
  id: 'sensitive-contradiction',
  type: 'consistency',
  severity: 'error',
  title: 'A category of sensitive data is not declared as not sensitive',
  description:
    'A category whose kind is sensitive under every law policygen knows (health, biometric, genetic, racial or ethnic origin, religious or political beliefs, sex life or orientation, trade-union membership, criminal records, citizenship or immigration status), or whose examples name such data, cannot be `sensitive: false`: the policy would list it while its US state sections say "we do not process sensitive data" and its special-category sections stay silent (GDPR Art. 9(1), Cal. Civ. Code § 1798.140(ae)).',
  check({ model, declared, source, report }) {
    const written = source(['data']);
    const data = Array.isArray(written) ? (written as { examples?: unknown }[]) : [];
    model.data.forEach((category, i) => {
      if (category.sensitive) return;
      if (ALWAYS_SENSITIVE.has(category.kind) && declared(['data', i, 'sensitive'])) {
        report({ path: ['data', i, 'sensitive'], message: `The data category "${category.id}" is of kind "${category.kind}", which is sensitive data, but it is declared not sensitive.`, hint: 'Set sensitive: true.', citations: CITATIONS });
        return;
      }
      const examples = data[i]?.examples;
      // The words are English: a plain example, or an example's English text.
      const texts = (Array.isArray(examples) ? examples : []).flatMap((e) => (typeof e === 'string' ? [e] : typeof (e as { en?: unknown } | null)?.en === 'string' ? [(e as { en: string }).en] : []));
      const word = texts.map((text) => SENSITIVE_WORDS.exec(text)?.[0]).find(Boolean);
      if (word) {
        report({ path: ['data', i, 'examples'], message: `The data category "${category.id}" names "${word}" among its examples, which is sensitive data, but the category is not sensitive.`, hint: 'Set sensitive: true (and choose the kind that fits), or move that example to a sensitive category.', citations: CITATIONS });
      }
    });
  },
  examples: {
    failing: `data:
  - id: contact
    kind: demographic-information
    examples: [age range, ethnic origin]
    sources: [user]
    retention: 1 year`,
    passing: `data:
  - id: contact
    kind: racial-ethnic-origin
    examples: [ethnic origin]
    sources: [user]
    sensitive: true
    retention: 1 year`,
  },
};
