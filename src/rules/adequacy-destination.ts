import { knownMechanisms } from '../jurisdictions/registry.js';
import type { Rule } from './rule.js';

/**
 * No adequacy decision covers the United States as a whole: under the GDPR only organisations
 * certified under the EU-U.S. Data Privacy Framework (Implementing Decision (EU) 2023/1795,
 * from 10 July 2023; before it the Privacy Shield, Decision (EU) 2016/1250, until 16 July
 * 2020); under the UK GDPR only those in the UK Extension (SI 2023/1028); under the FADP only
 * those certified under the Swiss-U.S. Data Privacy Framework (DPO Annex 1, from 15 September
 * 2024). Modules list such partial decisions in `adequacy_partial`: destination → the
 * mechanisms through which a recipient there is covered.
 */
function partial(jurisdiction: { extra?: Record<string, unknown> }): Record<string, string[]> {
  const value = jurisdiction.extra?.['adequacy_partial'];
  return value && typeof value === 'object' ? (value as Record<string, string[]>) : {};
}

/** Mechanisms that do not depend on the destination's law: a safeguard or a derogation. */
const INDEPENDENT = new Set([
  'scc',
  'bcr',
  'certification',
  'consent',
  'contract-necessity',
  'uk-idta',
  'uk-addendum',
  'contractual-safeguards',
]);

export const rule: Rule = {
  id: 'adequacy-destination',
  type: 'consistency',
  severity: 'error',
  title: 'An adequacy decision covers the destination it is relied on for',
  description:
    '`adequacy` says that the destination country has an adequacy decision. For the United States there is none that covers the country as a whole: under the GDPR, only recipients certified under the EU-U.S. Data Privacy Framework are covered (`dpf`; before 16 July 2020, the Privacy Shield), under the UK GDPR only those in its UK Extension (`uk-extension`), under the FADP only those certified under the Swiss-U.S. framework (`swiss-us-dpf`). A policy that sends data to the US and names only `adequacy` states a basis that does not exist. Declare the certification, or the safeguard the transfers rely on (for example `scc`).',
  check({ model, jurisdictions, report }) {
    const transfers = model.transfers;
    const declared = transfers?.mechanisms ?? [];
    const at = declared.indexOf('adequacy');
    if (!transfers?.cross_border || at < 0) return;
    const destinations = new Set([
      ...transfers.storage,
      ...model.recipients.flatMap((r) => (r.kind === 'public-authority' ? [] : (r.locations ?? []))),
    ]);
    for (const jurisdiction of jurisdictions) {
      // A safeguard counts only under the law that knows it (the EU's clauses are no UK route).
      const known = knownMechanisms(jurisdiction);
      const safeguarded = declared.some((m) => INDEPENDENT.has(m) && (known?.includes(m) ?? true));
      for (const [country, through] of Object.entries(partial(jurisdiction))) {
        if (!destinations.has(country) || safeguarded || declared.some((m) => through.includes(m))) continue;
        report({
          path: ['transfers', 'mechanisms', at],
          message: `No adequacy decision under ${jurisdiction.short} covers ${country} as a whole, and personal information goes there; only recipients covered through ${through.join(' or ')} are.`,
          hint: `Declare ${through.join(' or ')} if the recipients there are certified, or the safeguard the transfers rely on (for example scc).`,
          citations: [`${jurisdiction.short}: adequacy for ${country} only through ${through.join(', ')}`],
        });
      }
    }
  },
  examples: {
    failing: `effective: 2024-01-01
jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [adequacy]`,
    passing: `effective: 2024-01-01
jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [adequacy, dpf]`,
  },
};
