import { applies, type Jurisdiction } from '../jurisdictions/registry.js';
import type { Model } from '../normalize/normalize.js';
import { facts } from './facts.js';

/** A module's missing-fact disclosures that apply to the declaration: their citations, by fact. */
function factsOf(jurisdiction: Jurisdiction, model: Model): Map<string, string[]> {
  const byFact = new Map<string, string[]>();
  for (const d of jurisdiction.disclosures) {
    if (d.rule === 'missing-fact' && d.fact && applies(d, model))
      byFact.set(d.fact, [...(byFact.get(d.fact) ?? []), d.citation]);
  }
  return byFact;
}
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'missing-fact',
  type: 'consistency',
  severity: 'error',
  title: 'A statement the law requires depends on a fact the declaration lacks',
  description:
    'policygen never fills a gap with a default: a policy that says "we do not sell personal information" because nobody said otherwise makes a promise nobody made. Where a declared law requires a statement (whether personal information is sold, who receives it, whether decisions are automated) and the declaration does not give the fact it rests on, this rule points at the key to add. Whether a category of a kind that the laws treat as sensitive (health, biometric, precise location, account credentials …) is sensitive is needed by every policy. See docs/truthful-output.md.',
  check({ model, jurisdictions, declared, report }) {
    const needs = jurisdictions.map((j) => ({ code: j.code, facts: factsOf(j, model) }));
    for (const fact of facts) {
      const citations = needs.flatMap((n) => n.facts.get(fact.id) ?? []);
      if (!fact.always && citations.length === 0) continue;
      for (const gap of fact.missing(model, declared)) {
        // A fact whose whole section is absent is pointed at the declared law that needs it.
        const law =
          fact.always || declared([gap.path[0]!])
            ? -1
            : model.jurisdictions.findIndex((code) => needs.some((n) => n.code === code && n.facts.has(fact.id)));
        if (law >= 0)
          report({
            path: ['jurisdictions', law],
            message: `${gap.message} (${model.jurisdictions[law]})`,
            hint: gap.hint,
            citations,
          });
        else report({ path: gap.path, missing: true, message: gap.message, hint: gap.hint, citations });
      }
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
sale:
  opt_out_url: https://example.com/do-not-sell`,
    passing: `jurisdictions: [us-ca]
recipients: []
sale:
  sells: false
  shares: false`,
  },
};
