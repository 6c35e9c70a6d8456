import type { Rule } from './rule.js';

/** The recipient kinds whose cookies are, by what they do, analytics or advertising cookies. */
const CATEGORY_OF_KIND: Record<string, 'analytics' | 'advertising'> = {
  'analytics-provider': 'analytics',
  'advertising-partner': 'advertising',
};

const CITATIONS = ['ePrivacy Directive Art. 5(3)'];

export const rule: Rule = {
  id: 'cookie-purpose-contradiction',
  type: 'consistency',
  severity: 'error',
  title: "A cookie's category agrees with what it is used for",
  description:
    'A cookie declared `strictly-necessary` or `functional` cannot serve a purpose that an advertising partner or analytics provider carries out (their `purposes`): the cookie table would call it necessary while the sharing section says it feeds advertising or analytics. Strictly necessary cookies are exempt from consent (ePrivacy Directive Art. 5(3)); calling an advertising cookie necessary is a misstatement a regulator reads as one.',
  check({ model, report }) {
    const items = model.cookies?.items ?? [];
    if (!items.some((item) => item.category === 'strictly-necessary' || item.category === 'functional')) return;
    // Who does analytics or advertising, by the purposes they carry out. (A vendor's name alone
    // says nothing: one company may set a security cookie and an analytics cookie.)
    const byPurpose = new Map<string, { id: string; actual: string }>();
    for (const recipient of model.recipients) {
      const actual = CATEGORY_OF_KIND[recipient.kind];
      if (!actual) continue;
      for (const purpose of recipient.purposes)
        if (!byPurpose.has(purpose)) byPurpose.set(purpose, { id: recipient.id, actual });
    }
    items.forEach((item, i) => {
      if (item.category !== 'strictly-necessary' && item.category !== 'functional') return;
      const found = byPurpose.get(item.purpose);
      if (!found) return;
      report({
        path: ['cookies', 'items', i, 'category'],
        message: `The cookie "${item.name}" is declared ${item.category}, but its purpose "${item.purpose}" is carried out by the "${found.id}" recipient, which makes it an ${found.actual} cookie.`,
        hint: `Set category: ${found.actual}, or correct its purpose.`,
        citations: CITATIONS,
      });
    });
  },
  examples: {
    failing: `recipients:
  - id: ads
    kind: advertising-partner
    vendors: [{ name: AdNet }]
    data: [contact]
    purposes: [service]
cookies:
  technologies: [cookies]
  items:
    - name: _adnet
      provider: AdNet
      purpose: service
      duration: 13 months
      party: third
      category: strictly-necessary`,
    passing: `recipients:
  - id: ads
    kind: advertising-partner
    vendors: [{ name: AdNet }]
    data: [contact]
    purposes: [service]
cookies:
  technologies: [cookies]
  items:
    - name: _adnet
      provider: AdNet
      purpose: service
      duration: 13 months
      party: third
      category: advertising`,
  },
};
