import type { SectionInfo } from '../assemble/assemble.js';
import { applies, type Jurisdiction } from '../jurisdictions/registry.js';
import type { Model } from '../normalize/normalize.js';
import type { Statement } from '../provenance/statements.js';
import type { RuleDecision } from '../rules/decisions.js';

/**
 * The policy's section model: metadata, the outline with each supplement's law, the required
 * disclosures of every declared jurisdiction on the policy's date with their citations, every statement of the text
 * with its kind and sources (src/provenance/statements.ts), and the resolved declaration.
 */
export function emitJson(
  model: Model,
  sections: SectionInfo[],
  locale: string,
  jurisdictions: readonly Jurisdiction[] = [],
  version?: string,
  fallbacks: readonly string[] = [],
  statements: readonly Statement[] = [],
  decisions: readonly RuleDecision[] = [],
): string {
  const output = {
    policygen: 1,
    locale,
    ...(version ? { version } : {}),
    title: model.title,
    organization: model.organization.name,
    effective: model.effective,
    last_updated: model.last_updated,
    jurisdictions: jurisdictions.map((j) => ({
      code: j.code,
      law: j.law,
      short: j.short,
      authority: j.authority.name,
    })),
    sections,
    // What each law required on the policy's date: a requirement an amendment added later, or
    // one it replaced, is left out (the COPPA Rule's 2025 items; its renumbered citations).
    disclosures: jurisdictions.flatMap((j) =>
      j.disclosures
        .filter((d) => applies({ ...d, when: undefined }, model))
        .map((d) => ({
          jurisdiction: j.code,
          id: d.id,
          citation: d.citation,
          requirement: d.requirement,
          section: d.section,
        })),
    ),
    ...(fallbacks.length ? { fallbacks } : {}),
    ...(decisions.length ? { rule_decisions: decisions } : {}),
    statements,
    model,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
