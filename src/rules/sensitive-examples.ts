import type { Rule } from './rule.js';

const CITATIONS = ['GDPR Art. 9(1)', 'Cal. Civ. Code § 1798.140(ae)'];

/**
 * Phrases in a category's examples that name sensitive data (GDPR Art. 9(1), Art. 10; Cal. Civ.
 * Code § 1798.140(ae)). Phrases, not single words: "crash diagnostics", "race results" and
 * "server health" name nothing sensitive.
 */
const SENSITIVE_PHRASES =
  /\b(racial (?:or ethnic )?origin|ethnic(?:ity| origin| background)|religio(?:n|us (?:beliefs?|affiliation))|philosophical beliefs?|health (?:conditions?|data|information|records?|status)|medical (?:conditions?|history|records?|information|diagnos[ie]s)|diagnos[ie]s|disabilit(?:y|ies)|biometric|fingerprints?|face ?prints?|facial (?:geometry|recognition)|genetic|DNA|sexual orientation|sex life|trade[- ]union membership|political (?:opinions?|affiliations?|views)|criminal (?:records?|convictions?|offences?|offenses?|history)|immigration status|citizenship)\b/i;

export const rule: Rule = {
  id: 'sensitive-examples',
  type: 'consistency',
  severity: 'warning',
  title: "A category's examples do not name sensitive data it is not declared to hold",
  description:
    'A category that is not sensitive, whose examples name sensitive data ("ethnic origin", "medical history", "fingerprints"), makes the policy list sensitive data as ordinary data. Either the example belongs in a sensitive category (declare one with the kind that fits and `sensitive: true`), or it should be reworded. A warning: the words are English, and a phrase can mean something else in context.',
  check({ model, source, report }) {
    const written = source(['data']);
    const data = Array.isArray(written) ? (written as { examples?: unknown }[]) : [];
    model.data.forEach((category, i) => {
      if (category.sensitive) return;
      const examples = data[i]?.examples;
      if (!Array.isArray(examples)) return;
      examples.forEach((example: unknown, j) => {
        // The words are English: a plain example, or an example's English text.
        const text =
          typeof example === 'string'
            ? example
            : typeof (example as { en?: unknown } | null)?.en === 'string'
              ? (example as { en: string }).en
              : undefined;
        const phrase = text === undefined ? undefined : SENSITIVE_PHRASES.exec(text)?.[0];
        if (phrase) {
          report({
            path: ['data', i, 'examples', j],
            message: `The data category "${category.id}" names "${phrase}" among its examples, which is sensitive data, but the category is not sensitive.`,
            hint: 'Move the example to a sensitive category (its own kind, sensitive: true), or reword it if it names no sensitive data.',
            citations: CITATIONS,
          });
        }
      });
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
    kind: demographic-information
    examples: [age range, crash diagnostics, race results]
    sources: [user]
    retention: 1 year`,
  },
};
