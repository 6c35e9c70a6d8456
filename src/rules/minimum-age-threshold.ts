import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'minimum-age-threshold',
  type: 'consistency',
  severity: 'error',
  title: "The children's minimum age is not below any declared jurisdiction's threshold",
  description:
    "Each law sets the age below which a child's personal information needs a parent's consent: 13 under COPPA and in the UK, 14 under China's PIPL and Korea's PIPA, 16 by default under the GDPR, 18 under India's DPDP Act. A `children.minimum_age` below the threshold of any declared jurisdiction would promise less than that law requires. The GDPR's and the UK GDPR's thresholds (Art. 8) apply only where processing relies on consent: a service whose purposes all rest on another basis is not held to them.",
  check({ model, jurisdictions, report }) {
    const age = model.children?.minimum_age;
    if (age === undefined) return;
    for (const jurisdiction of jurisdictions) {
      const threshold = jurisdiction.children;
      // Art. 8 GDPR: only a child's consent to an information society service has an age.
      if (threshold?.when === 'consent' && !model.purposes.some((p) => p.legal_basis === 'consent')) continue;
      if (threshold && age < threshold.age) {
        report({
          path: ['children', 'minimum_age'],
          message: `The minimum age ${age} is below the threshold of ${threshold.age} in ${jurisdiction.region} (${jurisdiction.short}).`,
          hint: `Raise children.minimum_age to at least ${Math.max(...jurisdictions.flatMap((j) => (j.children ? [j.children.age] : [])))}.${threshold.note ? ` ${threshold.note}` : ''}`,
          citations: [threshold.citation],
        });
      }
    }
  },
  examples: {
    failing: `jurisdictions: [cn]
children:
  directed_to_children: false
  minimum_age: 13`,
    passing: `jurisdictions: [cn]
children:
  directed_to_children: false
  minimum_age: 14`,
  },
};
