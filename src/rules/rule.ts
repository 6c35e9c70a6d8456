import type { Jurisdiction } from '../jurisdictions/registry.js';
import type { Model } from '../normalize/normalize.js';
import type { Declared } from './facts.js';

export type Path = (string | number)[];

export interface RuleReport {
  /** Where in the declaration: the offending value, or the entry that lacks a key. */
  path: Path;
  /** True when the path names an entry that is missing something (point at its key). */
  missing?: boolean;
  message: string;
  hint?: string;
  /** Citations, when the rule computes them itself (consistency rules). */
  citations?: string[];
}

export interface RuleContext {
  model: Model;
  /** The declared jurisdictions, in declared order. */
  jurisdictions: Jurisdiction[];
  /** Citations of the declared jurisdictions' disclosures this rule checks, e.g. "GDPR Art. 13(1)(c)". */
  citations: string[];
  /** The declared jurisdictions whose disclosures this rule checks. */
  requiredBy: Jurisdiction[];
  /** Whether the YAML, as written, has a value at a path: a default is not a declared fact. */
  declared: Declared;
  /** The value the YAML, as written, has at a path (before defaults and localisation). */
  source(path: Path): unknown;
  /** The date the caller judges the policy's age by (`asOf`), if given. */
  asOf?: string;
  report(report: RuleReport): void;
}

/**
 * A compliance rule. Disclosure rules run only when a declared jurisdiction lists a
 * disclosure they check; consistency rules always run. The examples are top-level YAML
 * fragments that replace keys of a base declaration: the failing one must trigger the rule
 * and the passing one must not (the tests and docs/rules/<id>.md use them both).
 */
export interface Rule {
  id: string;
  type: 'disclosure' | 'consistency';
  severity: 'error' | 'warning';
  /** One line: what the rule requires. */
  title: string;
  /** Why, in a paragraph of Markdown. */
  description: string;
  check(context: RuleContext): void;
  /** `asOf`: both examples are checked as of this date (the rule judges the policy's age). */
  examples: { failing: string; passing: string; asOf?: string };
}

export type RuleSetting = 'off' | 'warn' | 'error';
