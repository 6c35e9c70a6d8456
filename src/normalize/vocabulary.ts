/**
 * Facts about the controlled vocabularies that code (not wording) depends on. Wording for
 * each value lives with the templates (templates/<locale>/labels.json).
 */

/**
 * Kinds that the laws policygen knows treat as sensitive (special-category) personal information
 * in at least one jurisdiction. A category of such a kind must declare `sensitive` itself.
 */
export const SENSITIVE_KINDS: ReadonlySet<string> = new Set([
  'account-credentials',
  'location-precise',
  'government-identifiers',
  'biometric',
  'health',
  'genetic',
  'racial-ethnic-origin',
  'religious-beliefs',
  'political-opinions',
  'sex-life-orientation',
  'trade-union-membership',
  'criminal-records',
  'citizenship-immigration',
  'children-data',
]);

/** The order sections appear in a policy; clauses may be placed after any of them. */
export const SECTION_IDS = [
  'introduction',
  'information-we-collect',
  'how-we-use-information',
  'cookies',
  'do-not-track',
  'advertising',
  'analytics',
  'sharing',
  'programs',
  'retention',
  'security',
  'international-transfers',
  'your-rights',
  'children',
  'changes',
  // One supplement per declared jurisdiction, with the id jurisdiction-<code>.
  'jurisdictions',
  'contact',
] as const;

export type SectionId = (typeof SECTION_IDS)[number];
