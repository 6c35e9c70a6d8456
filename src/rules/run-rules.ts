import { toPointer, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { applies, type Jurisdiction } from '../jurisdictions/registry.js';
import { locate, locateOwner, type Source } from '../load/read-yaml.js';
import type { Model } from '../normalize/normalize.js';
import { rules } from './index.js';
import type { RuleReport, RuleSetting } from './rule.js';

export interface RuleOptions {
  /** Per-rule severity overrides. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /**
   * The date to judge the policy's age by (YYYY-MM-DD), for laws that require it to be updated
   * at intervals. Not the clock: a build is the same whenever it runs unless the caller says.
   */
  asOf?: string;
}

/**
 * Runs every compliance rule that applies to the declared jurisdictions and returns its
 * findings as diagnostics at the YAML they concern, each with the law's citation.
 */
export function runRules(
  model: Model,
  source: Source,
  declared: Jurisdiction[],
  options: RuleOptions = {},
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const written = (path: readonly (string | number)[]) => {
    let value: unknown = source.value;
    for (const key of path)
      value =
        value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    return value;
  };
  const isDeclared = (path: readonly (string | number)[]) => {
    const value = written(path);
    return value !== undefined && value !== null;
  };
  // The declared jurisdictions' disclosures that apply, by the rule that checks them: read once.
  const byRule = new Map<string, { jurisdiction: Jurisdiction; citation: string }[]>();
  for (const jurisdiction of declared) {
    for (const d of jurisdiction.disclosures) {
      if (d.rule === undefined || !applies(d, model)) continue;
      let list = byRule.get(d.rule);
      if (!list) byRule.set(d.rule, (list = []));
      list.push({ jurisdiction, citation: d.citation });
    }
  }
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const requiring = byRule.get(rule.id) ?? [];
    const requiredBy = declared.filter((j) => requiring.some((r) => r.jurisdiction === j));
    if (rule.type === 'disclosure' && requiredBy.length === 0) continue;
    const citations = requiring.map((r) => r.citation);
    const severity: Severity = setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : rule.severity;
    rule.check({
      model,
      jurisdictions: declared,
      citations: unique(citations),
      requiredBy,
      declared: isDeclared,
      source: written,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      report(report: RuleReport) {
        const range = report.missing ? locateOwner(source, report.path) : locate(source, report.path);
        const cited = unique(report.citations ?? citations);
        diagnostics.push({
          code: rule.id,
          severity,
          message: report.message,
          file: source.file,
          ...range,
          pointer: toPointer(report.path),
          ...(report.hint ? { hint: report.hint } : {}),
          ...(cited.length ? { citation: cited.join('; ') } : {}),
          docs: `docs/rules/${rule.id}.md`,
        });
      },
    });
  }
  return diagnostics;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
