/* Generated from schemas/policy.schema.json by `npm run gen:types`. Do not edit. */

/**
 * A language, as a BCP 47 tag policygen uses for its locales: a language code, optionally with a script or region ("de", "pt-BR", "zh-CN").
 */
export type Locale = string;
/**
 * A single line of plain text: not blank, and with no line breaks, tabs or other control characters.
 */
export type Line = string;
/**
 * Markdown text (CommonMark with GFM tables); raw HTML is shown as text.
 */
export type Markdown = string;
/**
 * A jurisdiction policygen knows: each adds the disclosures, rights and checks its law requires.
 */
export type JurisdictionCode =
  | 'au'
  | 'br'
  | 'ca'
  | 'ca-qc'
  | 'ch'
  | 'cn'
  | 'eea'
  | 'in'
  | 'jp'
  | 'kr'
  | 'sg'
  | 'uk'
  | 'us'
  | 'us-ca'
  | 'us-co'
  | 'us-ct'
  | 'us-va';
/**
 * An e-mail address.
 */
export type Email = string;
/**
 * A telephone number as people should dial it.
 */
export type Phone = string;
/**
 * An absolute https, http or mailto address.
 */
export type Url = string;
/**
 * A short identifier: lower-case letters, digits and hyphens, starting with a letter.
 */
export type Id = string;
/**
 * A kind of personal information, from policygen's controlled vocabulary.
 */
export type DataKind =
  | 'identifiers'
  | 'contact-details'
  | 'account-credentials'
  | 'device-identifiers'
  | 'online-identifiers'
  | 'usage-data'
  | 'browsing-history'
  | 'location-approximate'
  | 'location-precise'
  | 'payment-information'
  | 'financial-information'
  | 'commercial-information'
  | 'communications'
  | 'user-content'
  | 'profile-information'
  | 'demographic-information'
  | 'professional-information'
  | 'education-information'
  | 'audio-visual'
  | 'social-media'
  | 'marketing-preferences'
  | 'customer-data'
  | 'inferences'
  | 'government-identifiers'
  | 'biometric'
  | 'health'
  | 'genetic'
  | 'racial-ethnic-origin'
  | 'religious-beliefs'
  | 'political-opinions'
  | 'sex-life-orientation'
  | 'trade-union-membership'
  | 'criminal-records'
  | 'citizenship-immigration'
  | 'children-data'
  | 'other';
/**
 * Plain text; may span several lines, but may not contain control characters other than line breaks and tabs.
 */
export type Text = string;
/**
 * How long, as a lawyer would write it ("6 months", "30 minutes", "up to 90 days", "30 days after the account is closed", "while the account is active", "while the account is active, then deleted within 60 days", "until you unsubscribe", "as long as required by law", "the browser session", "indefinitely") or in ISO 8601 ("P6M", "PT30M"). Where the period counts from an event or lasts while a condition holds, a policy in several languages states that part per language: give a mapping with `period` and `after`, or `while` (with `deleted_within`), or `until`, each of them text or a mapping of locale to text.
 */
export type Duration =
  | string
  | {
      /**
       * How long, as a number and a unit ("30 days", "30 minutes") or in ISO 8601 ("P30D", "PT30M").
       */
      period?: string;
      after?: Line;
      while?: Line;
      /**
       * With while: the time within which the information is deleted once the condition ends, as a number and a unit ("60 days") or in ISO 8601 ("P60D").
       */
      deleted_within?: string;
      until?: Line;
    };
/**
 * A list of ids declared elsewhere in this file.
 *
 * @minItems 1
 * @maxItems 1000
 */
export type IdList = Id[];
/**
 * A list of ids declared elsewhere in this file.
 *
 * @maxItems 1000
 */
export type IdList1 = Id[];

/**
 * One organisation's data practices, stated once. policygen validates this declaration and renders privacy policies from it.
 */
export interface Declaration {
  /**
   * Optional pointer to this JSON Schema, for editors.
   */
  $schema?: string;
  /**
   * The version of the declaration format. Always 1 for now.
   */
  policygen: 1;
  language?: Locale;
  title?: Line;
  introduction?: Markdown;
  /**
   * Who is responsible for the personal information (the controller or business) and how to reach it.
   */
  organization: {
    name: Line;
    legal_name?: Line;
    /**
     * The jurisdictions where the organisation has an establishment (an office, a subsidiary). Where it offers services in a jurisdiction without one, some laws require a local representative.
     *
     * @maxItems 32
     */
    established_in?: JurisdictionCode[];
    address?: Address;
    /**
     * How people reach the organisation about privacy.
     */
    contact: {
      email?: Email;
      phone?: Phone;
      form?: Url;
    };
    /**
     * The data protection officer (or personal information protection officer), where one is appointed.
     */
    dpo?: {
      name?: Line;
      email?: Email;
      phone?: Phone;
      address?: Address;
    };
    /**
     * A named person who answers privacy questions and is not a data protection officer (for example a head of privacy). The contact section names them with the details given.
     */
    privacy_contact?: {
      name: Line;
      role?: Line;
      email?: Email;
      phone?: Phone;
    };
    /**
     * Representatives appointed in a jurisdiction where the organisation has no establishment (GDPR Art. 27, UK GDPR Art. 27, FADP Art. 14).
     *
     * @maxItems 20
     */
    representatives?: {
      jurisdiction: JurisdictionCode;
      name: Line;
      email?: Email;
      phone?: Phone;
      address?: Address;
    }[];
    /**
     * Jurisdictions where the organisation has no establishment and has appointed no representative because the law exempts it, each with the reason (GDPR Art. 27(2), UK GDPR Art. 27(2), FADP Art. 14(1)). The reason stays in the JSON output's record; the policy says nothing about it.
     *
     * @maxItems 20
     */
    representative_exemptions?: {
      jurisdiction: JurisdictionCode;
      reason: Line;
    }[];
  };
  /**
   * The websites, apps and services this policy applies to.
   *
   * @minItems 1
   * @maxItems 50
   */
  covers?: {
    name: Line;
    /**
     * What kind of service it is.
     */
    kind?: 'website' | 'app' | 'service' | 'email' | 'social-media' | 'offline';
    url?: Url;
  }[];
  /**
   * The date this version of the policy takes effect (YYYY-MM-DD).
   */
  effective: string;
  /**
   * The date the policy was last changed (YYYY-MM-DD). Defaults to the effective date.
   */
  last_updated?: string;
  /**
   * The legal regimes whose residents the service is offered to. Each code adds what that law requires.
   *
   * @minItems 1
   * @maxItems 32
   */
  jurisdictions: JurisdictionCode[];
  /**
   * Every category of personal information collected, each defined once and referred to by its id elsewhere.
   *
   * @maxItems 1000
   */
  data: DataCategory[];
  /**
   * How long copies of personal information stay in backups once they are deleted from the systems in use. The retention section states it, as declared.
   */
  backups?: {
    deleted_within: Duration;
  };
  /**
   * Kinds of personal information the organisation states it never collects (for example, sensitive data).
   *
   * @maxItems 36
   */
  not_collected?: DataKind[];
  /**
   * Kinds of personal information the organisation does not set out to collect, but may receive without asking, for example sensitive data a person puts in a free-text message. The policy says it does not intentionally collect them; unlike not_collected, it does not say they are never received.
   *
   * @maxItems 36
   */
  not_intentionally_collected?: DataKind[];
  /**
   * Why personal information is processed. Each purpose names the data categories it uses.
   *
   * @maxItems 500
   */
  purposes?: Purpose[];
  /**
   * Whether any decision with legal or similarly significant effects on a person is made solely by automated processing, including profiling (GDPR Art. 22). Declare false to have the policy say that no such decisions are made; declare true and describe each decision on its purpose's automated_decisions. Left out, the policy says nothing either way; the EEA and UK modules then report missing-fact.
   */
  automated_decision_making?: boolean;
  /**
   * Every recipient of personal information, grouped by kind, with named vendors where relevant. The list is read as complete: a data category that no listed recipient receives is stated as not disclosed, and `[]` states that no personal information is disclosed. Leave `recipients` out to state nothing about disclosure.
   *
   * @maxItems 500
   */
  recipients?: Recipient[];
  /**
   * Where the organisation publishes its current list of the companies that process personal information on its behalf (subprocessors), and how much notice it gives before a new one starts. The sharing section states both, as declared.
   */
  subprocessors?: {
    list_url: Url;
    notice_period?: Duration;
    notice?: Line;
  };
  /**
   * Whether personal information is sold or shared for cross-context behavioural advertising, and the links people use to opt out (CCPA and similar US state laws).
   */
  sale?: {
    /**
     * Whether the organisation sells personal information (exchanges it for money or other valuable consideration), and has done so in the twelve months before the effective date. false makes the policy say it does not; left out, the policy says nothing about selling, unless a recipient is marked sold (us-ca reports missing-fact). Must agree with recipients[].sold.
     */
    sells?: boolean;
    /**
     * Whether the organisation shares personal information for cross-context behavioural advertising, and has done so in the twelve months before the effective date. false makes the policy say it does not; left out, the policy says nothing, unless a recipient is marked shared_for_advertising (us-ca reports missing-fact). Must agree with recipients[].shared_for_advertising.
     */
    shares?: boolean;
    opt_out_url?: Url;
    limit_sensitive_url?: Url;
    /**
     * Whether sensitive personal information is used or disclosed for purposes beyond those permitted without a right to limit (11 CCR § 7027(m)).
     */
    sensitive_beyond_permitted?: boolean;
    /**
     * How the personal information of consumers under 16 is treated: never sold or shared, or only with opt-in consent (Civil Code § 1798.120(c)).
     */
    minors_under_16?: 'not-sold' | 'opt-in';
  };
  cookies?: Cookies;
  rights?: Rights;
  /**
   * Whether the service is directed to children, the minimum age, and how parental consent works.
   */
  children?: {
    /**
     * Whether the service is directed to children.
     */
    directed_to_children: boolean;
    /**
     * The age below which the service does not knowingly collect personal information without parental consent.
     */
    minimum_age: number;
    parental_consent?: Text;
    /**
     * Whether a parent may review, have deleted, and refuse further collection of the child's information.
     */
    parental_rights?: boolean;
    /**
     * Whether the services let a child make personal information publicly available, for example in a public profile, posts, comments or a chat that others can read. COPPA's online notice says so either way (16 CFR 312.4(d)(2)); the policy states exactly what is declared.
     */
    public_posting?: boolean;
    /**
     * Other companies that collect or maintain personal information from children through the services, for example through an SDK they use for their own purposes (COPPA's "operators", 16 CFR 312.2), each with its contact details. An empty list states that there are none. COPPA's online notice names every operator (16 CFR 312.4(d)(1)).
     *
     * @maxItems 50
     */
    other_operators?: {
      name: Line;
      email?: Email;
      phone?: Phone;
      address?: Address;
    }[];
    /**
     * The internal operations for which the services collect a persistent identifier from children (a cookie identifier, an IP address, a device identifier), and no other personal information, without a parent's consent: COPPA's exception in 16 CFR 312.5(c)(7), for the operations its definition lists (16 CFR 312.2, "support for the internal operations"). The online notice names them (16 CFR 312.4(d)(3)). An empty list states that no identifier is collected from children that way.
     *
     * @maxItems 7
     */
    internal_operations?: (
      | 'maintain-functioning'
      | 'network-communications'
      | 'authenticate-personalize'
      | 'contextual-advertising'
      | 'security-integrity'
      | 'legal-compliance'
      | 'child-request'
    )[];
    identifier_safeguards?: Text;
    /**
     * What the organisation does when it learns it collected information from a child below the minimum age.
     */
    if_collected?: 'delete' | 'seek-consent';
    /**
     * Whether registered users under 18 may ask for removal of content they posted.
     */
    content_removal?: boolean;
    special_rules_url?: Url;
    necessity?: Text;
  };
  /**
   * Where personal information is stored and how it is protected when it crosses borders.
   */
  transfers?: {
    /**
     * Countries (ISO 3166-1 alpha-2 codes) or regions (EU, EEA) where personal information is stored.
     *
     * @minItems 1
     * @maxItems 50
     */
    storage: string[];
    /**
     * Whether personal information is transferred to countries other than the one where it was collected.
     */
    cross_border?: boolean;
    /**
     * The safeguards relied on for transfers. Each law's section states the ones its law knows: adequacy, scc, bcr, dpf, consent and contract-necessity under the GDPR, UK GDPR and FADP; security-assessment, standard-contract, certification and contract-necessity under the PIPL; contractual-safeguards and transfer-assessment under PIPEDA and Québec law, the APPs and Singapore's regulations.
     *
     * @maxItems 8
     */
    mechanisms?: (
      | 'adequacy'
      | 'scc'
      | 'bcr'
      | 'dpf'
      | 'consent'
      | 'contract-necessity'
      | 'certification'
      | 'security-assessment'
      | 'standard-contract'
      | 'contractual-safeguards'
      | 'transfer-assessment'
      | 'uk-idta'
      | 'uk-addendum'
      | 'uk-extension'
      | 'swiss-us-dpf'
      | 'privacy-shield'
    )[];
    /**
     * Whether separate consent is obtained before data leaves the country (PIPL Art. 39).
     */
    separate_consent?: boolean;
    rights_abroad?: Text;
    safeguards_copy?: Text;
  };
  /**
   * How personal information is protected and what happens after a breach.
   */
  security?: {
    /**
     * Security measures, from a controlled list.
     *
     * @maxItems 15
     */
    measures?: (
      | 'encryption-in-transit'
      | 'encryption-at-rest'
      | 'password-hashing'
      | 'access-control'
      | 'need-to-know'
      | 'confidentiality-agreements'
      | 'firewalls'
      | 'monitoring'
      | 'security-testing'
      | 'backups'
      | 'incident-response'
      | 'staff-training'
      | 'pseudonymisation'
      | 'vendor-contracts'
      | 'physical-security'
    )[];
    /**
     * Measures not in the list, in plain words.
     *
     * @maxItems 50
     */
    other_measures?: Line[];
    /**
     * Whom the organisation notifies after a personal data breach.
     */
    breach_notification?: {
      /**
       * Whether people whose personal information a breach of security affects are told of it. `true` states that they are told of every such breach; `where-required-by-law` states that they are told where a law requires it; `false` states nothing.
       */
      users?: boolean | 'where-required-by-law';
      /**
       * Whether the competent authorities are notified of breaches of security that affect personal information. `true` states that they are notified of every such breach; `where-required-by-law` states that they are notified where a law requires it; `false` states nothing.
       */
      regulators?: boolean | 'where-required-by-law';
      how?: Text;
    };
  };
  /**
   * How changes are announced and when they take effect.
   */
  changes?: {
    /**
     * How changes are announced.
     *
     * @minItems 1
     * @maxItems 5
     */
    notice: ('posted-on-page' | 'email' | 'site-banner' | 'in-app' | 'push-notification')[];
    notice_period?: Duration;
    /**
     * Whether consent is sought before a material change applies to data already collected.
     */
    consent_for_material_changes?: boolean;
    archive_url?: Url;
  };
  /**
   * Opt-in programmes with terms of their own, such as SMS marketing.
   *
   * @maxItems 50
   */
  programs?: {
    id: Id;
    /**
     * What kind of programme it is.
     */
    kind: 'sms' | 'email-newsletter' | 'loyalty' | 'referral' | 'sweepstakes' | 'research' | 'other';
    name: Line;
    details?: Markdown;
    data?: IdList1;
    opt_in?: Text;
    opt_out?: Text;
    terms_url?: Url;
    /**
     * Whether this part of the policy governs only the programme.
     */
    scope_limited?: boolean;
  }[];
  /**
   * Extra sections written in Markdown by a lawyer.
   *
   * @maxItems 100
   */
  clauses?: {
    id: Id;
    title: Line;
    body: Markdown;
    /**
     * The id of the section this clause follows: a section (such as `sharing`), another clause, or one declared law's section (`jurisdiction-` and its code, such as `jurisdiction-us-ca`, the id it has in the HTML and the JSON). Defaults to just before the contact section.
     */
    after?: string;
  }[];
  /**
   * A decision that a compliance rule does not apply to this organisation, or applies with another severity, with its reason: `representative-required: { level: off, reason: "Art. 27(2)(a): occasional processing" }`. The reason stays in the record: the JSON output's rule_decisions and the --trace review page show it. A decision without a reason is a warning. The command line's --rule and a project config's rules win over it.
   */
  rules?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[a-z][a-z0-9-]*$".
     */
    [k: string]:
      | 'off'
      | 'warn'
      | 'error'
      | {
          /**
           * off: the rule does not run; warn or error: its findings have this severity.
           */
          level: 'off' | 'warn' | 'error';
          reason?: Line;
        };
  };
}
/**
 * A postal address.
 */
export interface Address {
  street: Line;
  city?: Line;
  region?: Line;
  postal_code?: Line;
  country: Line;
}
/**
 * A category of personal information collected.
 */
export interface DataCategory {
  id: Id;
  kind: DataKind;
  /**
   * The categories of personal information of Cal. Civ. Code § 1798.140(v)(1) (and sensitive personal information, § 1798.140(ae)) this category belongs to, as the California section's table names them. Without it, the category's kind decides one (jurisdictions/us-ca's categories); declare it where the kind's is not right or where the information falls under several.
   *
   * @minItems 1
   * @maxItems 12
   */
  ccpa_categories?: (
    | 'identifiers'
    | 'spi-account-login'
    | 'network-activity'
    | 'geolocation'
    | 'spi-precise-geolocation'
    | 'customer-records'
    | 'commercial'
    | 'protected-classifications'
    | 'professional'
    | 'education'
    | 'audio-visual'
    | 'inferences'
    | 'spi-government-identifiers'
    | 'biometric'
    | 'spi-health'
    | 'spi-genetic'
    | 'spi-racial-ethnic-origin'
    | 'spi-religious-beliefs'
    | 'spi-sex-life'
    | 'spi-union-membership'
    | 'spi-citizenship-immigration'
    | 'other'
  )[];
  label?: Line;
  /**
   * Whether the label begins with a proper name ("Apple devices", "Stripe"): it then keeps its capital inside sentences. Otherwise a label written as a noun phrase ("Account details") is written in lower case mid-sentence where the locale writes common nouns so.
   */
  proper_name?: boolean;
  /**
   * Examples of the items in this category.
   *
   * @maxItems 50
   */
  examples?: Line[];
  /**
   * Where the information comes from: the person (user), collected automatically, third parties, inferred, or public sources.
   *
   * @minItems 1
   * @maxItems 5
   */
  sources: ('user' | 'automatic' | 'third-party' | 'inferred' | 'public')[];
  source_details?: Line;
  /**
   * Where or how the information is collected (forms, features, programmes).
   *
   * @maxItems 50
   */
  collected_through?: Line[];
  /**
   * Whether the category is sensitive (special category) personal information: true under every declared law, false under none, or the list of the jurisdictions under whose law it is (laws define sensitive data differently: an account password with its log-in is sensitive personal information under the CCPA, § 1798.140(ae)(1)(B), but no special category under the GDPR). Each law's section lists only the categories sensitive under it. Never assumed: a category whose kind the laws treat as sensitive (health, biometric, precise location, account credentials …) must declare it (missing-fact otherwise); any other kind counts as not sensitive unless declared.
   */
  sensitive?: boolean | JurisdictionCode[];
  /**
   * For sensitive data under the GDPR, UK GDPR or FADP: the Art. 9(2) condition relied on in addition to the legal basis.
   */
  special_condition?:
    | 'explicit-consent'
    | 'employment'
    | 'vital-interests'
    | 'not-for-profit'
    | 'made-public'
    | 'legal-claims'
    | 'substantial-public-interest'
    | 'health-care'
    | 'public-health'
    | 'archiving-research';
  /**
   * Whether a separate, specific consent is obtained for this category (PIPL Art. 29 for sensitive information; PIPA Art. 23).
   */
  separate_consent?: boolean;
  necessity?: Text;
  /**
   * Whether a person must provide this information.
   */
  required?: boolean;
  required_because?: Line;
  /**
   * Whether providing the data is a statutory or contractual requirement, or needed to enter a contract (GDPR Art. 13(2)(e)).
   */
  requirement_basis?: 'statutory' | 'contractual' | 'contract-entry';
  retention?: Duration;
  retention_reason?: Line;
  /**
   * What happens when the retention period ends.
   */
  after_retention?: 'delete' | 'anonymize' | 'aggregate';
}
/**
 * One reason for processing personal information.
 */
export interface Purpose {
  id: Id;
  description: Line;
  details?: Markdown;
  data: IdList;
  /**
   * The GDPR Art. 6(1) basis for this purpose.
   */
  legal_basis?:
    'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';
  legitimate_interest?: Line;
  /**
   * Whether the purpose is a business purpose or a commercial purpose (CCPA).
   */
  category?: 'business' | 'commercial';
  automated_decisions?: Text;
}
/**
 * A kind of recipient of personal information.
 */
export interface Recipient {
  id: Id;
  /**
   * The kind of recipient.
   */
  kind:
    | 'service-provider'
    | 'affiliate'
    | 'advertising-partner'
    | 'analytics-provider'
    | 'payment-processor'
    | 'social-network'
    | 'professional-adviser'
    | 'public-authority'
    | 'business-transfer'
    | 'customers'
    | 'other-users'
    | 'data-broker'
    | 'other';
  /**
   * How these recipients stand to the personal information they receive. `processor`: they handle it only on the organisation's behalf and instructions (a processor under the GDPR and the US state laws, a service provider or contractor under the CCPA, an entrusted party under PIPA Art. 26). `independent`: they decide for themselves why and how they handle it (a controller, or a third party). A service provider is a processor by its kind; where a law's section classifies recipients (Virginia, Colorado, Connecticut, Korea), every other recipient that may be either must declare its role.
   */
  role?: 'processor' | 'independent';
  label?: Line;
  /**
   * Whether the label begins with a proper name ("Apple devices", "Stripe"): it then keeps its capital inside sentences. Otherwise a label written as a noun phrase ("Account details") is written in lower case mid-sentence where the locale writes common nouns so.
   */
  proper_name?: boolean;
  description?: Line;
  handling?: Line;
  /**
   * Named vendors of this kind.
   *
   * @maxItems 200
   */
  vendors?: Vendor[];
  /**
   * Whether `vendors` names every company of this kind that receives the information (true: the policy says "the recipients are") or only some of them (false or absent: "the recipients include"). PIPL Art. 39 requires every recipient outside mainland China to be named, so with `cn` declared such a recipient must say true.
   */
  vendors_complete?: boolean;
  data?: IdList1;
  purposes?: IdList1;
  /**
   * Whether personal information is sold to these recipients (CCPA).
   */
  sold?: boolean;
  /**
   * Whether personal information is shared with them for cross-context behavioural (targeted) advertising.
   */
  shared_for_advertising?: boolean;
  /**
   * The industry self-regulatory programmes through which this recipient's interest-based advertising can be opted out of: the Network Advertising Initiative (nai), the Digital Advertising Alliance (daa), the European Interactive Digital Advertising Alliance (edaa) or the Digital Advertising Alliance of Canada (daac). The policy links only the programmes declared here.
   *
   * @maxItems 4
   */
  industry_opt_outs?: ('nai' | 'daa' | 'edaa' | 'daac')[];
  /**
   * Countries (ISO codes) or regions where these recipients process data.
   *
   * @maxItems 50
   */
  locations?: string[];
  /**
   * For disclosures to public authorities: whether the person concerned is told of an authority's request for their information, where the law allows it. The policy states exactly this; describe any further practice (timing, exceptions) in the recipient's description.
   */
  notify_user?: boolean;
  legal_process?: Line;
  transparency_report_url?: Url;
  /**
   * For business transfers: whether people are told before their personal information is transferred in such a transaction and becomes subject to a different privacy policy. `true` states that they are; `false` or absent states nothing.
   */
  notice_before_transfer?: boolean;
}
/**
 * A named company that receives personal information.
 */
export interface Vendor {
  name: Line;
  url?: Url;
  privacy_policy?: Url;
  opt_out?: Url;
  /**
   * How a person can contact the vendor itself about their personal information: an e-mail address, a telephone number or a contact page. The policy gives it next to the vendor's name where a law requires a recipient's contact details (PIPL Art. 39 for every recipient outside mainland China).
   */
  contact?: {
    email?: Email;
    phone?: Phone;
    url?: Url;
  };
  role?: Line;
  /**
   * Countries (ISO codes) or regions where this company processes the information. Each must be among its recipient's locations when those are declared. Shown in the table of companies in the sharing section.
   *
   * @maxItems 50
   */
  locations?: string[];
}
export interface Cookies {
  /**
   * The tracking technologies used. An empty list states that none are used.
   *
   * @maxItems 5
   */
  technologies: ('cookies' | 'web-beacons' | 'local-storage' | 'sdks' | 'server-logs')[];
  /**
   * Whether session cookies, persistent cookies or both are used.
   *
   * @maxItems 2
   */
  lifetimes?: ('session' | 'persistent')[];
  /**
   * Whether e-mails contain web beacons that record when they are opened.
   */
  email_beacons?: boolean;
  /**
   * Whether third parties may collect information about online activity over time and across other sites through the service (CalOPPA).
   */
  third_party_tracking?: boolean;
  /**
   * How the service responds to browser Do Not Track signals.
   */
  do_not_track?: {
    /**
     * Whether Do Not Track signals are honored.
     */
    response: 'honored' | 'not-honored';
    mechanism?: Text;
    reason?: Text;
  };
  /**
   * How the service responds to the Global Privacy Control signal.
   */
  global_privacy_control?: 'honored' | 'not-honored';
  opt_out_cookie_lifetime?: Duration;
  more_information?: Url;
  /**
   * How the service asks for consent before it stores or reads information on a person's device for a purpose that is not strictly necessary for a service they asked for, and how they change that choice later. The EEA's ePrivacy rules (Directive 2002/58/EC Art. 5(3), as each country implements it) and the UK's PECR (reg. 6) require that consent.
   */
  consent?: {
    how: Text;
    withdraw: Text;
  };
  /**
   * The individual cookies and similar items used.
   *
   * @maxItems 2000
   */
  items?: {
    name: Line;
    provider: Line;
    /**
     * What kind of item it is.
     */
    technology?: 'cookie' | 'local-storage' | 'pixel' | 'sdk';
    /**
     * What class of cookie it is.
     */
    category?: 'strictly-necessary' | 'functional' | 'analytics' | 'advertising';
    purpose: Id;
    duration: Duration;
    /**
     * First party (set by the service) or third party.
     */
    party: 'first' | 'third';
  }[];
}
export interface Rights {
  /**
   * The rights offered to everyone, whatever the law of their residence. Jurisdictions add their own.
   *
   * @maxItems 17
   */
  offered?: (
    | 'access'
    | 'copy'
    | 'correction'
    | 'deletion'
    | 'restriction'
    | 'objection'
    | 'portability'
    | 'withdraw-consent'
    | 'opt-out-sale'
    | 'opt-out-targeted-advertising'
    | 'opt-out-profiling'
    | 'limit-sensitive'
    | 'opt-out-marketing'
    | 'close-account'
    | 'automated-decisions'
    | 'non-discrimination'
    | 'complaint'
  )[];
  /**
   * How people send a request. Each item names one channel.
   *
   * @minItems 1
   * @maxItems 10
   */
  channels?: {
    email?: Email;
    form?: Url;
    phone?: Phone;
    /**
     * Requests by post to the organisation's address.
     */
    postal?: boolean;
    in_app?: Line;
  }[];
  response_time?: Duration;
  /**
   * How long the organisation takes at most to answer a request made under one jurisdiction's law, where that differs from response_time (for example 45 days under the CCPA, 1 month under the GDPR). Each is checked against that jurisdiction's deadline; response_time applies to every other request.
   */
  response_times?: {
    [k: string]: Duration;
  };
  verification?: Text;
  /**
   * Whether an authorized agent may make a request on a person's behalf.
   */
  authorized_agents?: boolean;
  fees?: Text;
  appeals?: Text;
  /**
   * Situations in which the organisation may decline a request, as the law allows.
   *
   * @maxItems 30
   */
  exceptions?: Line[];
  marketing_opt_out?: Text;
}
