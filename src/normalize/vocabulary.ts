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

/**
 * The kinds each law names as sensitive (special-category) information in its own list, for the
 * kinds whose sensitivity does not depend on how they are used. A law with no such list (COPPA,
 * PIPEDA, Québec's Law 25, which judges sensitivity by context, the PDPA, the DPDP Act) has no
 * entry. Verified against the laws' own lists (2026-12-07):
 * - GDPR / UK GDPR Art. 9(1): racial or ethnic origin, political opinions, religious or
 *   philosophical beliefs, trade union membership, genetic data, biometric data for uniquely
 *   identifying a person, health, sex life or sexual orientation. Criminal convictions are
 *   Art. 10, not a special category; citizenship is not listed.
 * - FADP Art. 5(c): the GDPR's list plus administrative and criminal proceedings or sanctions
 *   (and social assistance measures, which have no kind here).
 * - CCPA Cal. Civ. Code § 1798.140(ae): racial or ethnic origin, citizenship or immigration
 *   status, religious or philosophical beliefs, union membership, genetic data, biometric data
 *   for identification, health, sex life or sexual orientation (beside log-ins, government
 *   identifiers, precise geolocation and message contents); not political opinions or
 *   criminal records.
 * - VCDPA Va. Code § 59.1-575 "sensitive data", CPA C.R.S. § 6-1-1303(24), CTDPA Conn. Gen.
 *   Stat. § 42-515(38): racial or ethnic origin, religious beliefs, mental or physical health
 *   (condition or) diagnosis, sex life (CO, CT) or sexual orientation, citizenship or
 *   immigration status, genetic or biometric data for identification; not political opinions,
 *   union membership or criminal records.
 * - LGPD Art. 5, II: racial or ethnic origin, religious conviction, political opinion, union
 *   membership or membership of a religious, philosophical or political organisation, health or
 *   sex life, genetic or biometric data.
 * - PIPL Art. 28: biometrics, religious beliefs, specific identities, medical health, financial
 *   accounts, whereabouts, and minors under 14.
 * - PIPA Art. 23(1) and Enforcement Decree Art. 18: ideology or belief, trade union or political
 *   party membership, political views, health, sexual life, genetic information, criminal
 *   records, biometric data for identification, racial or ethnic origin.
 * - APPI Art. 2(3) and Cabinet Order Art. 2: race, creed, social status, medical history,
 *   criminal record, harm suffered from a crime, disabilities, health examinations.
 * - Privacy Act 1988 (Cth) s 6(1) "sensitive information": racial or ethnic origin, political
 *   opinions or association, religious or philosophical beliefs, professional or trade
 *   association or union membership, sexual orientation or practices, criminal record, health,
 *   genetic information, biometric information and templates.
 */
const GDPR_SENSITIVE = [
  'racial-ethnic-origin',
  'political-opinions',
  'religious-beliefs',
  'trade-union-membership',
  'genetic',
  'biometric',
  'health',
  'sex-life-orientation',
] as const;
const US_STATE_SENSITIVE = [
  'racial-ethnic-origin',
  'religious-beliefs',
  'health',
  'sex-life-orientation',
  'citizenship-immigration',
  'genetic',
  'biometric',
] as const;
export const SENSITIVE_UNDER: Readonly<Record<string, { citation: string; kinds: ReadonlySet<string> }>> = {
  eea: { citation: 'GDPR Art. 9(1)', kinds: new Set(GDPR_SENSITIVE) },
  uk: { citation: 'UK GDPR Art. 9(1)', kinds: new Set(GDPR_SENSITIVE) },
  ch: { citation: 'FADP Art. 5(c)', kinds: new Set([...GDPR_SENSITIVE, 'criminal-records']) },
  'us-ca': {
    citation: 'Cal. Civ. Code § 1798.140(ae)',
    kinds: new Set([...US_STATE_SENSITIVE, 'trade-union-membership']),
  },
  'us-va': { citation: 'Va. Code § 59.1-575', kinds: new Set(US_STATE_SENSITIVE) },
  'us-co': { citation: 'C.R.S. § 6-1-1303(24)', kinds: new Set(US_STATE_SENSITIVE) },
  'us-ct': { citation: 'Conn. Gen. Stat. § 42-515(38)', kinds: new Set(US_STATE_SENSITIVE) },
  br: { citation: 'LGPD Art. 5, II', kinds: new Set(GDPR_SENSITIVE) },
  cn: { citation: 'PIPL Art. 28', kinds: new Set(['biometric', 'religious-beliefs', 'health']) },
  kr: { citation: 'PIPA Art. 23(1)', kinds: new Set([...GDPR_SENSITIVE, 'criminal-records']) },
  jp: {
    citation: 'APPI Art. 2(3)',
    kinds: new Set(['racial-ethnic-origin', 'religious-beliefs', 'health', 'criminal-records']),
  },
  au: { citation: 'Privacy Act 1988 (Cth) s 6(1)', kinds: new Set([...GDPR_SENSITIVE, 'criminal-records']) },
};

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
