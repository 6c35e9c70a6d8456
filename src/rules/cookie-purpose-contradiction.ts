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
    "A cookie declared `strictly-necessary` or `functional` cannot serve a purpose that an advertising partner or analytics provider carries out, or be set by one of their vendors: the cookie table would call it necessary while the sharing section says it feeds advertising or analytics. Strictly necessary cookies are exempt from consent (ePrivacy Directive Art. 5(3)); calling an advertising cookie necessary is a misstatement a regulator reads as one.",
  check({ model, report }) {
    (model.cookies?.items ?? []).forEach((item, i) => {
      if (item.category !== 'strictly-necessary' && item.category !== 'functional') return;
      for (const recipient of model.recipients) {
        const actual = CATEGORY_OF_KIND[recipient.kind];
        if (!actual) continue;
        const byPurpose = recipient.purposes.includes(item.purpose);
        const byProvider = recipient.vendors.some((v) => v.name.trim().toLowerCase() === item.provider.trim().toLowerCase());
        if (!byPurpose && !byProvider) continue;
        const why = byProvider ? `it is set by ${item.provider}, one of the "${recipient.id}" recipient's vendors` : `its purpose "${item.purpose}" is carried out by the "${recipient.id}" recipient`;
        report({ path: ['cookies', 'items', i, 'category'], message: `The cookie "${item.name}" is declared ${item.category}, but ${why}, which makes it an ${actual} cookie.`, hint: `Set category: ${actual}, or correct its purpose or provider.`, citations: CITATIONS });
        return;
      }
    });
  },
  examples: {
    failing: `recipients:
  - id: ads
    kind: advertising-partner
    vendors: [{ name: AdNet }]
    data: [contact]
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
