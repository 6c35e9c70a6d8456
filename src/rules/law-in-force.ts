import type { Rule } from './rule.js';

/**
 * Dates from each module's `in_force` (verified: GDPR Art. 99(2); the UK GDPR as retained EU
 * law from 1 January 2021; CPRA § 31 (operative 1 January 2023); PIPL Art. 74; LGPD Art. 65 as
 * amended by Law 14,058/2020; the revised FADP (1 September 2023); the APPI amendments of 2020
 * (1 April 2022); the PIPA amendments of 2023 (15 September 2023); the PDPA amendments and PDP
 * Regulations 2021 (1 February 2021); the Colorado, Connecticut and Virginia acts; the APPs
 * (12 March 2014); PIPEDA Part 1 for all commercial activity (1 January 2004); the COPPA Rule as
 * amended in 2013 (1 July 2013); the DPDP Act's duties, commenced by G.S.R. 843(E) clause (c)
 * eighteen months after 13 November 2025, that is 13 May 2027; Québec's P-39.1 as amended by
 * Law 25 (22 September 2023)).
 */
export const rule: Rule = {
  id: 'law-in-force',
  type: 'consistency',
  severity: 'error',
  title: 'Each declared law applied on the date the policy takes effect',
  description:
    "A policy speaks from its `effective` date, and each jurisdiction module describes its law as it applies from a date (the module's `in_force.from`): the GDPR from 25 May 2018, the CCPA as amended by the CPRA from 1 January 2023, the PIPL from 1 November 2021, and so on. A policy that takes effect earlier would state a law that did not yet apply, with rights and articles its readers did not have. Correct the effective date, or leave the jurisdiction out. Later amendments that a module's text states only from their own dates (the UK's Data (Use and Access) Act 2025) are not errors: the policy states the law as it stood on its date.",
  check({ model, jurisdictions, source, report }) {
    const declared = source(['jurisdictions']);
    const codes = Array.isArray(declared) ? declared.map(String) : [];
    for (const jurisdiction of jurisdictions) {
      const from = jurisdiction.in_force?.from;
      if (from === undefined || model.effective >= from) continue;
      const i = codes.indexOf(jurisdiction.code);
      report({
        path: i >= 0 ? ['jurisdictions', i] : ['effective'],
        message: `The ${jurisdiction.short} section describes the law as it applies from ${from}, but this policy takes effect on ${model.effective}.`,
        hint: `Set effective: to the date the policy takes effect (on or after ${from}), or remove ${jurisdiction.code} from jurisdictions.`,
        citations: [jurisdiction.in_force!.citation],
      });
    }
  },
  examples: {
    failing: `effective: 2017-06-01
jurisdictions: [eea]`,
    passing: `effective: 2019-06-01
jurisdictions: [eea]`,
  },
};
