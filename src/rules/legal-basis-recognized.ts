import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'legal-basis-recognized',
  type: 'consistency',
  severity: 'warning',
  title: "A purpose's legal basis exists in every declared law that uses legal bases",
  description:
    'Not every law knows every GDPR legal basis. China\'s PIPL (Art. 13) and India\'s DPDP Act (ss. 4 and 7) have no "legitimate interests" basis: for people in those jurisdictions, such a purpose needs another basis, usually consent. A jurisdiction lists the bases its law recognises in its module (`extra.legal_bases`); a purpose relying on another one is reported, citing the law.',
  check({ model, jurisdictions, report }) {
    model.purposes.forEach((purpose, i) => {
      if (!purpose.legal_basis) return;
      for (const jurisdiction of jurisdictions) {
        const bases = (jurisdiction.extra as { legal_bases?: string[]; legal_bases_citation?: string } | undefined)
          ?.legal_bases;
        if (bases && !bases.includes(purpose.legal_basis)) {
          report({
            path: ['purposes', i, 'legal_basis'],
            message: `The purpose "${purpose.id}" relies on ${purpose.legal_basis}, which ${jurisdiction.short} does not recognise as a legal basis.`,
            hint: `For people in ${jurisdiction.region}, rely on one of: ${bases.join(', ')}.`,
            citations: [
              (jurisdiction.extra as { legal_bases_citation?: string }).legal_bases_citation ?? jurisdiction.short,
            ],
          });
        }
      }
    });
  },
  examples: {
    failing: `jurisdictions: [cn]
purposes:
  - id: service
    description: answer your questions
    data: [contact]
    legal_basis: legitimate-interests
    legitimate_interest: replying to the people who write to us`,
    passing: `jurisdictions: [cn]
purposes:
  - id: service
    description: answer your questions
    data: [contact]
    legal_basis: consent`,
  },
};
