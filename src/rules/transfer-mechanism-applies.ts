import { knownMechanisms } from '../jurisdictions/registry.js';
import type { Rule } from './rule.js';

/** Where each law sets out its transfer routes. */
export const TRANSFER_ARTICLES: Readonly<Record<string, string>> = {
  eea: 'GDPR Arts. 44–49',
  uk: 'UK GDPR Arts. 44–49',
  ch: 'FADP Arts. 16–17',
  cn: 'PIPL Arts. 38–40',
  br: 'LGPD Art. 33',
  jp: 'APPI Art. 28',
  kr: 'PIPA Art. 28-8',
  sg: 'PDPA s 26; PDP Regulations 2021 regs 9–12',
  ca: 'PIPEDA Sch. 1 cl. 4.1.3; Québec P-39.1 s. 17',
  'ca-qc': 'P-39.1 s. 17',
  au: 'Privacy Act 1988 APP 8',
  in: 'DPDP Act 2023 s 16',
};

export const rule: Rule = {
  id: 'transfer-mechanism-applies',
  type: 'consistency',
  severity: 'warning',
  title: 'Each declared transfer mechanism exists under a declared law',
  description:
    "Each law's section, and the general section on transfers, state only the mechanisms that law knows: a CAC security assessment is a route under the PIPL (Art. 38(1)(1)), not under the GDPR; the Data Privacy Framework exists under the GDPR, UK GDPR and FADP, not under the LGPD. A mechanism that none of the declared jurisdictions' laws knows is stated nowhere. Declare the law it belongs to, or remove it. The lists, with the articles they rest on, are in each module's `transfer_mechanisms` (docs/jurisdictions.md).",
  check({ model, jurisdictions, report }) {
    const mechanisms = model.transfers?.mechanisms ?? [];
    mechanisms.forEach((mechanism, i) => {
      const somewhere = jurisdictions.some((j) => {
        const known = knownMechanisms(j);
        return known === undefined || known.includes(mechanism);
      });
      if (!somewhere) {
        const laws = jurisdictions.map((j) => j.short).join(', ');
        const citations = jurisdictions.flatMap((j) => (TRANSFER_ARTICLES[j.code] ? [TRANSFER_ARTICLES[j.code]!] : []));
        report({
          path: ['transfers', 'mechanisms', i],
          message: `"${mechanism}" is not a transfer mechanism under ${laws === '' ? 'any declared law' : laws}, so the policy does not state it.`,
          hint: 'Remove it, or declare the jurisdiction whose law it belongs to.',
          citations,
        });
      }
    });
  },
  examples: {
    failing: `jurisdictions: [eea]
transfers:
  storage: [US]
  cross_border: true
  mechanisms: [scc, security-assessment]`,
    passing: `jurisdictions: [eea, cn]
transfers:
  storage: [US]
  cross_border: true
  separate_consent: true
  mechanisms: [scc, security-assessment]`,
  },
};
