import type { Rule } from './rule.js';

const CITATIONS = ['16 CFR § 312.4(d)', 'GDPR Art. 8'];

export const rule: Rule = {
  id: 'children-contradiction',
  type: 'consistency',
  severity: 'error',
  title: "What the declaration says about children's data agrees with itself",
  description:
    "A declaration that describes how parents consent, or says the service is directed to children, collects children's data; it cannot also list `children-data` under `not_collected`. And a category of children's data needs either a service directed to children or a described parental consent: otherwise the policy would say that the service is not directed to children and collects nothing from them without consent, while listing children's data it collects (COPPA, 16 CFR § 312.4(d); GDPR Art. 8).",
  check({ model, report }) {
    const children = model.children;
    const collectsFromChildren = Boolean(children?.directed_to_children || children?.parental_consent);
    const notCollected = model.not_collected.indexOf('children-data');
    if (notCollected >= 0 && collectsFromChildren) {
      const what = children?.parental_consent
        ? 'describes how a parent consents'
        : 'says the service is directed to children';
      report({
        path: ['not_collected', notCollected],
        message: `not_collected says children's data is never collected, but children ${what}.`,
        hint: 'Remove children-data from not_collected, or correct the children section.',
        citations: CITATIONS,
      });
    }
    model.data.forEach((category, i) => {
      if (category.kind !== 'children-data' || collectsFromChildren) return;
      report({
        path: ['data', i, 'kind'],
        message: `The data category "${category.id}" is children's data, but children neither says the service is directed to children nor describes how a parent consents.`,
        hint: children
          ? 'Add children.parental_consent (how a parent gives verifiable consent), or set directed_to_children: true.'
          : 'Add children: with directed_to_children, minimum_age and parental_consent.',
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `not_collected: [children-data]
children:
  directed_to_children: false
  minimum_age: 13
  parental_consent: A parent confirms by e-mail before the child's account opens.`,
    passing: `children:
  directed_to_children: false
  minimum_age: 13
  parental_consent: A parent confirms by e-mail before the child's account opens.`,
  },
};
