import { docsUrl, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { locate, type Source } from '../load/read-yaml.js';
import { ruleById } from './index.js';
import type { RuleSetting } from './rule.js';

/** A lawyer's decision about a rule, as the declaration records it (`rules:`). */
export interface RuleDecision {
  rule: string;
  level: RuleSetting;
  reason?: string;
}

/**
 * The declaration's rule decisions: the settings they make, the record of them for the JSON
 * output and the review page, and the diagnostics they call for (an unknown rule is an error
 * with a did-you-mean; a decision without a reason, a warning).
 */
export function ruleDecisions(source: Source): {
  settings: Record<string, RuleSetting>;
  decisions: RuleDecision[];
  diagnostics: Diagnostic[];
} {
  const written =
    source.value && typeof source.value === 'object' ? (source.value as Record<string, unknown>)['rules'] : undefined;
  const settings: Record<string, RuleSetting> = {};
  const decisions: RuleDecision[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!written || typeof written !== 'object') return { settings, decisions, diagnostics };
  const known = [...ruleById.keys(), 'unused-field'];
  for (const [rule, value] of Object.entries(written as Record<string, unknown>)) {
    const at = { file: source.file, ...locate(source, ['rules', rule], { key: true }), pointer: `/rules/${rule}` };
    if (!known.includes(rule)) {
      const near = didYouMean(rule, known);
      diagnostics.push({
        code: 'unknown-rule',
        severity: 'error',
        message: `There is no rule "${rule}".${near ? ` Did you mean "${near}"?` : ''}`,
        ...at,
        hint: 'policygen explain <rule-id> describes a rule; docs/rules/ lists them all.',
        docs: docsUrl('unknown-rule'),
      });
      continue;
    }
    const level = (typeof value === 'string' ? value : (value as { level: RuleSetting }).level) as RuleSetting;
    const reason = typeof value === 'object' && value !== null ? (value as { reason?: string }).reason : undefined;
    settings[rule] = level;
    decisions.push({ rule, level, ...(reason ? { reason } : {}) });
    if (!reason) {
      diagnostics.push({
        code: 'rule-decision-without-reason',
        severity: 'warning',
        message: `The decision that "${rule}" is ${level === 'off' ? 'off' : `a ${level === 'warn' ? 'warning' : 'error'}`} gives no reason.`,
        ...at,
        hint: `Write it as ${rule}: { level: ${level}, reason: "…" }, naming the provision and the facts, so that the record says why.`,
        docs: docsUrl('rule-decision-without-reason'),
      });
    }
  }
  return { settings, decisions, diagnostics };
}
