import { toPointer } from '../diagnostics/diagnostic.js';
import { applies, type Jurisdiction, lawsGoverningAllHandling } from '../jurisdictions/registry.js';
import type { DataItem, Model } from '../normalize/normalize.js';
import { admitsMinors, childrensThirdParty, outsideMainland, sells, sharesForAdvertising } from '../rules/practices.js';
import { policySchema } from '../schema.js';
import type { TokenTable } from './tokens.js';

/**
 * Keys whose string values are identifiers or words from a controlled vocabulary (the schema
 * restricts them to letters, digits and hyphens). Templates compare and look them up, so they
 * stay as they are; every other string becomes a token.
 */
export const RAW_KEYS: ReadonlySet<string> = new Set([
  'special_condition',
  'minors_under_16',
  'established_in',
  'ccpa_categories',
  'id',
  'kind',
  'unit',
  'iso',
  'sources',
  'legal_basis',
  'category',
  'party',
  'technology',
  'response',
  'global_privacy_control',
  'jurisdictions',
  'jurisdiction',
  'technologies',
  'lifetimes',
  'mechanisms',
  'measures',
  'internal_operations',
  'notice',
  'offered',
  'not_collected',
  'not_intentionally_collected',
  'storage',
  'locations',
  'after_retention',
  'requirement_basis',
  'if_collected',
  'after',
  'effective',
  'last_updated',
  'version',
  'data',
  'purposes',
  'industry_opt_outs',
  'recipients',
  'programs',
  'users',
  'regulators',
  'sensitive',
  'role',
]);
const MARKDOWN_KEYS = new Set(['introduction', 'body', 'details']);
/** A label that reads as a common noun phrase ("Account details") or a common noun ("Comments"). */
const COMMON_PHRASE = /^\p{Lu}(?:\p{Ll}|-(?=\p{Ll}))*\s+\p{Ll}/u;
const COMMON_WORD = /^\p{Lu}(?:\p{Ll}|-(?=\p{Ll}))+$/u;
// A German label whose first word is an inflected adjective (-isch, -lich, -ig, -iert, -ell,
// -al, -iv, -ös, -är, or a participle in -en/-et/-t, with -e/-en/-er/-es/-em) before a noun:
// "Technische Daten", "Aggregierte Besucherstatistiken", "Hochgeladene Dateien".
const GERMAN_ADJECTIVE = /^\p{Lu}\p{Ll}*(?:isch|lich|ig|iert|ell|al|iv|ös|är|ene|ete)(?:e|en|er|es|em)?\s+\p{Lu}/u;
// The data protection officer's title in the seven locales, and its common abbreviations.
const DPO_ROLE =
  /^\s*(?:(?:the|our)\s+)?(?:data\s+protection\s+officer|dpo|dpd|datenschutzbeauftragte[rn]?|délégué(?:e)?\s+à\s+la\s+protection\s+des\s+données|delegad[oa]\s+de\s+protección\s+de\s+datos|encarregad[oa](?:\s+(?:pelo\s+tratamento|de\s+proteção)\s+de\s+dados(?:\s+pessoais)?)?|数据保护官|个人信息保护负责人|データ保護責任者|データ保護オフィサー|個人情報保護管理者)\s*\.?\s*$/iu;
// Starting with a letter or digit, such a word cannot begin any Markdown construct.
const SAFE_RAW = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/**
 * Builds what templates see: the model, plus lists derived from it so templates stay free of
 * logic, with every free-text value replaced by a token.
 */
export function buildView(
  model: Model,
  tokens: TokenTable,
  jurisdictions: readonly Jurisdiction[] = [],
  shape?: ViewShape,
): Record<string, unknown> {
  const purposeById = new Map(model.purposes.map((p) => [p.id, p]));
  const recipientById = new Map(model.recipients.map((r) => [r.id, r]));
  const programById = new Map(model.programs.map((p) => [p.id, p]));
  const dataById = new Map(model.data.map((d) => [d.id, d]));
  const resolve = <T>(ids: readonly string[], index: Map<string, T>): T[] =>
    ids.flatMap((id) => (index.has(id) ? [index.get(id)!] : []));

  // A disclosure is for a commercial purpose, not a business one (Cal. Civ. Code § 1798.140(e),
  // (g)), when every purpose it serves for this category is declared commercial and the
  // recipient is not a service provider or processor; undeclared categories stay as they were.
  const commercialOnly = (r: Model['recipients'][number], d: Model['data'][number]): boolean => {
    if (r.kind === 'service-provider' || r.role === 'processor') return false;
    const own = resolve(r.purposes, purposeById).filter((p) => p.data.includes(d.id));
    const served = own.length > 0 ? own : resolve(d.purposes, purposeById);
    return served.length > 0 && served.every((p) => p.category === 'commercial');
  };
  const data = model.data.map((d) => {
    const recipientList = resolve(d.recipients, recipientById);
    const disclosed = recipientList.filter(
      (r) => !r.sold && !r.shared_for_advertising && r.kind !== 'business-transfer' && r.kind !== 'other-users',
    );
    return {
      ...d,
      purpose_list: resolve(d.purposes, purposeById),
      recipient_list: recipientList,
      // The CCPA distinguishes disclosure for a business purpose from sale and sharing.
      // For the CCPA's lookback (business-purpose disclosures): not parties to a possible future
      // business transfer, nor other users who see what you publish at your direction.
      disclosed_to: disclosed.filter((r) => !commercialOnly(r, d)),
      disclosed_commercial_to: disclosed.filter((r) => commercialOnly(r, d)),
      sold_or_shared_to: recipientList.filter((r) => r.sold || r.shared_for_advertising),
      program_list: resolve(d.programs, programById),
      // Sensitive under some declared laws only: their short names, for the table.
      sensitive_under: Array.isArray(d.sensitive)
        ? jurisdictions.filter((j) => (d.sensitive as string[]).includes(j.code)).map((j) => j.short)
        : [],
    };
  });
  const withData = <T extends { data: string[] }>(item: T) => ({ ...item, data_list: resolve(item.data, dataById) });
  const recipients = model.recipients.map((r) => ({
    ...withData(r),
    purpose_list: resolve(r.purposes, purposeById),
    // The categories it receives for a commercial purpose only (the California section).
    commercial_data_list: data.filter((d) => d.disclosed_commercial_to.includes(r)),
  }));
  const ofKind = (...kinds: string[]) => recipients.filter((r) => kinds.includes(r.kind));
  const bySource = (source: string) => data.filter((d) => d.sources.includes(source as DataItem['sources'][number]));
  const sharingKinds = [...new Set(model.recipients.map((r) => r.kind))];
  const advertisers = ofKind('advertising-partner', 'social-network').filter(
    (r) => r.kind === 'advertising-partner' || r.shared_for_advertising,
  );

  const derived = {
    data,
    purposes: model.purposes.map(withData),
    recipients,
    programs: model.programs.map((p) => {
      // Whoever receives any of the programme's data receives programme data.
      const recipientList = recipients.filter((r) => r.data.some((id) => p.data.includes(id)));
      return { ...withData(p), recipient_list: recipientList, sold: recipientList.some((r) => r.sold) };
    }),
    from_user: bySource('user'),
    from_automatic: bySource('automatic'),
    from_third_party: bySource('third-party'),
    from_inferred: bySource('inferred'),
    from_public: bySource('public'),
    required_data: data.filter((d) => d.required),
    optional_data: data.filter((d) => d.required === false && d.sources.includes('user')),
    optional_reasons: data.filter((d) => d.required === false && d.sources.includes('user') && d.required_because),
    sensitive_data: data.filter((d) => d.sensitive),
    // Categories turned into aggregate or anonymous information when their retention ends.
    aggregated_data: data.filter((d) => d.after_retention === 'aggregate' || d.after_retention === 'anonymize'),
    retained_data: data.filter((d) => d.retention),
    // Every category has a period and the reason for it: with the purposes, COPPA's written
    // retention policy (16 CFR 312.10) is then in the policy, and the COPPA section may say so.
    // Declared as an empty list: the COPPA section says there is no other operator.
    no_other_operators: Array.isArray(model.children?.other_operators) && model.children.other_operators.length === 0,
    // internal_operations: [] declares that no identifier is collected from children without consent.
    // Minors under 14 are admitted: the China section lists their information as sensitive (PIPL Art. 28).
    admits_minors: admitsMinors(model),
    // The same under a policy for China: the general list of sensitive information says so.
    pipl_minors: model.jurisdictions.includes('cn') && admitsMinors(model),
    no_internal_operations:
      Array.isArray(model.children?.internal_operations) && model.children.internal_operations.length === 0,
    retention_policy_stated: data.length > 0 && data.every((d) => d.retention && d.retention_reason),
    // Each recipient that receives categories for a commercial purpose only, with those
    // categories (the California section, below its table).
    commercial_disclosures: recipients.filter((r) => r.commercial_data_list.length > 0),
    unretained_data: data.filter((d) => !d.retention),
    legitimate_interests: model.purposes.filter((p) => p.legal_basis === 'legitimate-interests'),
    automated_decisions: model.purposes.filter((p) => p.automated_decisions),
    business_purposes: model.purposes.filter((p) => p.category === 'business'),
    commercial_purposes: model.purposes.filter((p) => p.category === 'commercial'),
    sharing_groups: sharingKinds
      .filter((k) => k !== 'public-authority' && k !== 'business-transfer')
      .map((kind) => ({ kind, recipients: ofKind(kind) })),
    advertisers,
    analytics_providers: ofKind('analytics-provider'),
    located_recipients: recipients.filter((r) => r.locations?.length),
    // The table of companies (issue 17): every named vendor, once any of them says what it does
    // or where it processes information.
    vendor_recipients: recipients.filter((r) => r.vendors.length > 0),
    vendor_details: recipients.some((r) => r.vendors.some((v) => v.role !== undefined || v.locations?.length)),
    // The recipients that handle personal information on the organisation's behalf: service
    // providers by their kind, any other by its declared role (PIPL Art. 21's entrusted parties).
    entrusted_recipients: recipients.filter((r) => r.kind === 'service-provider' || r.role === 'processor'),
    // The recipients outside mainland China (PIPL Art. 39 names each).
    recipients_outside_cn: recipients.filter(outsideMainland),
    // The recipients of children's data that are third parties under COPPA (16 CFR 312.2).
    children_third_parties: recipients.filter(childrensThirdParty),
    authorities: ofKind('public-authority'),
    business_transfers: ofKind('business-transfer'),
    sold_to: recipients.filter((r) => r.sold),
    shared_for_ads: recipients.filter((r) => r.shared_for_advertising),
    sells: sells(model),
    shares_for_ads: sharesForAdvertising(model),
    advertiser_opt_outs: recipients.some((r) => r.kind === 'advertising-partner' && r.vendors.some((v) => v.opt_out)),
    analytics_opt_outs: recipients.some((r) => r.kind === 'analytics-provider' && r.vendors.some((v) => v.opt_out)),
    // Interest-based advertising is what the declaration calls sharing for cross-context behavioural advertising.
    interest_based_advertisers: recipients.filter(
      (r) => (r.kind === 'advertising-partner' || r.kind === 'social-network') && r.shared_for_advertising,
    ),
    // The industry opt-out programmes that a declared advertiser takes part in, in a fixed order.
    industry_opt_outs: INDUSTRY_PROGRAMMES.filter((p) => advertisers.some((r) => r.industry_opt_outs?.includes(p))),
    industry_opt_out_partners: advertisers.filter((r) => r.industry_opt_outs?.length),
    cookie_items: (model.cookies?.items ?? []).map((item) => ({
      ...item,
      purpose_item: purposeById.get(item.purpose),
    })),
    // The CCPA's business/commercial purpose distinction only means something under California law.
    ccpa: model.jurisdictions.includes('us-ca'),
    sends_marketing:
      Boolean(model.rights.marketing_opt_out) ||
      model.programs.some((p) => p.kind === 'sms' || p.kind === 'email-newsletter') ||
      model.rights.offered.includes('opt-out-marketing'),
    uses_tracking: (model.cookies?.technologies.length ?? 0) > 0,
    // Browser settings control what a browser stores: cookies and local storage.
    uses_browser_storage: (model.cookies?.technologies ?? []).some((t) => t === 'cookies' || t === 'local-storage'),
    rights_offered: model.rights.offered,
  };
  const root = { ...model, ...derived };
  const walk: Walk = { tokens, seen: new WeakMap(), ids: new Map(), plain: true, text: '' };
  const view = tokenize(root, undefined, walk) as Record<string, unknown>;
  // Jurisdiction data is policygen's own text, not the declaration's: it stays as written.
  const rights = rightsList(model, jurisdictions);
  const codes = new Set(jurisdictions.map((j) => j.code));
  const own = {
    rights_list: rights,
    rights_for_everyone: rights.filter((r) => r.everyone).map((r) => r.id),
    // Laws whose legitimate-interests basis requires weighing them against the person's (kept for user templates).
    balancing_test: ['eea', 'uk', 'ch', 'br'].some((code) => codes.has(code)),
    // "For each, we name the legal basis" is true only when each purpose names one.
    has_legal_bases: model.purposes.length > 0 && model.purposes.every((p) => p.legal_basis),
    objection_right: rights.some((r) => r.id === 'objection'),
    automated_review_right: rights.some((r) => r.id === 'automated-decisions'),
    // Whose title the contact section gives the officer: the GDPR's (eea, uk, ch), else the
    // LGPD's encarregado, else the PIPL's person in charge (Art. 52), else the usual one.
    officer_law: ['eea', 'uk', 'ch'].some((code) => codes.has(code))
      ? 'gdpr'
      : codes.has('br')
        ? 'lgpd'
        : codes.has('cn')
          ? 'pipl'
          : 'general',
    // The one law the policy is written under, where only one is declared (its definitions apply).
    only_law: jurisdictions.length === 1 ? jurisdictions[0]!.code : undefined,
    // Which later amendments each declared law had on the policy's date (law_in_force.uk.duaa).
    law_in_force: Object.fromEntries(
      jurisdictions
        .filter((j) => j.in_force?.provisions)
        .map((j) => [
          j.code,
          Object.fromEntries(
            Object.entries(j.in_force!.provisions!).map(([name, from]) => [name, model.effective >= from]),
          ),
        ]),
    ),
  };
  if (shape) {
    shape.plain = walk.plain;
    if (walk.plain) shape.key = `${walk.text}\u0000${JSON.stringify(own)}`;
    shape.trace = () => trace(root, walk.seen, origins(model, derived, root));
  }
  return { ...view, declared_jurisdictions: jurisdictions, ...own };
}

const INDUSTRY_PROGRAMMES = ['nai', 'daa', 'edaa', 'daac'] as const;

const RIGHT_ORDER: readonly string[] = (
  policySchema as { $defs: { rights: { properties: { offered: { items: { enum: string[] } } } } } }
).$defs.rights.properties.offered.items.enum;

/**
 * Each right once: the ones the declaration offers everyone, plus the ones each declared law
 * grants, with the citations that grant them. A declared law's right cannot be left out.
 */
function rightsList(model: Model, jurisdictions: readonly Jurisdiction[]) {
  const offered = new Set<string>(model.rights.offered);
  const everywhere = new Set(lawsGoverningAllHandling(model.organization.established_in, jurisdictions));
  const granted = new Map<string, string[]>();
  const grantedBy = new Map<string, Set<string>>();
  for (const jurisdiction of jurisdictions) {
    for (const grant of jurisdiction.rights) {
      if (!applies(grant, model)) continue;
      granted.set(grant.right, [...(granted.get(grant.right) ?? []), grant.citation]);
      grantedBy.set(grant.right, (grantedBy.get(grant.right) ?? new Set()).add(jurisdiction.code));
    }
  }
  return RIGHT_ORDER.filter((id) => offered.has(id) || granted.has(id)).map((id) => {
    // One law grants it: its description may follow that law ("automated-decisions@cn").
    const laws = [...(grantedBy.get(id) ?? [])];
    return {
      id,
      everyone: offered.has(id) || laws.some((code) => everywhere.has(code)),
      citations: granted.get(id) ?? [],
      ...(laws.length === 1 ? { law: laws[0] } : {}),
    };
  });
}

/** The top-level keys of the declaration whose value the model keeps as one object or list. */
const DECLARED_OBJECTS = [
  'organization',
  'covers',
  'not_collected',
  'not_intentionally_collected',
  'sale',
  'cookies',
  'rights',
  'children',
  'transfers',
  'security',
  'changes',
] as const;

/**
 * A place in the declaration: its keys and indexes, such as ["cookies", "items", 0].
 */
export type DeclaredPath = (string | number)[];

/** What buildView found about the view it built. */
export interface ViewShape {
  /**
   * Where in the declaration each object of the view comes from, and the JSON pointers of the
   * declared mappings the view holds: worked out only when a render needs them (see render's reads).
   */
  trace?: () => Trace;
  /**
   * True when the view holds only what JSON writes exactly (strings, finite numbers, booleans,
   * null, arrays and plain objects, no undefined property), so that its JSON text tells it
   * apart from any other view: render() then keys its cache by it.
   */
  plain: boolean;
  /**
   * When plain: a text that tells the view apart from any other (its values are tokens, so
   * declarations that differ only in values share it), made while the view is built.
   */
  key?: string;
}

interface Walk {
  tokens: TokenTable;
  seen: WeakMap<object, unknown>;
  /** The order in which each object was first met, for writing a repeat as a reference. */
  ids: Map<object, number>;
  plain: boolean;
  /** The view written out as it is built: its key (see ViewShape.key). */
  text: string;
}

export interface Trace {
  paths: WeakMap<object, DeclaredPath>;
  mappings: string[];
}

/**
 * Where in the declaration each object of the view comes from (see DeclaredPath): the items of
 * the declared collections and their derived copies by index, and the declared top-level
 * mappings by key. Made only when a render traces what it reads.
 */
function origins(model: Model, derived: Record<string, unknown>, root: object): Map<object, DeclaredPath> {
  const paths = new Map<object, DeclaredPath>([[root, []]]);
  const from = (items: unknown, ...collection: string[]) => {
    if (Array.isArray(items))
      for (const [i, item] of (items as object[]).entries()) paths.set(item, [...collection, i]);
  };
  for (const collection of ['data', 'purposes', 'recipients', 'programs']) {
    from((model as unknown as Record<string, unknown>)[collection], collection);
    from(derived[collection], collection);
  }
  from(model.clauses, 'clauses');
  from(model.cookies?.items, 'cookies', 'items');
  from(derived['cookie_items'], 'cookies', 'items');
  for (const key of DECLARED_OBJECTS) {
    const value = (model as unknown as Record<string, unknown>)[key];
    if (value && typeof value === 'object') paths.set(value, [key]);
  }
  return paths;
}

/**
 * Gives each view object that stands for a declared one its declaration path: the items of the
 * declared collections by their index (buildView's origins), and what they hold by key below
 * them. Derived lists hold the same objects, so a template that reads a category through
 * `from_user` reads the category.
 */
function trace(root: object, seen: WeakMap<object, unknown>, origins: Map<object, DeclaredPath>): Trace {
  const paths = new WeakMap<object, DeclaredPath>();
  const mappings: string[] = [];
  const visit = (value: object, inherited: DeclaredPath | undefined) => {
    const out = seen.get(value) as object | undefined;
    if (!out || paths.has(out)) return;
    const at = origins.get(value) ?? inherited;
    if (at) paths.set(out, at);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object') visit(item, at && [...at, i]);
      });
      return;
    }
    if (at) mappings.push(toPointer(at));
    for (const [k, v] of Object.entries(value)) {
      if (!v || typeof v !== 'object') continue;
      // The root's own keys are the declaration's only where it has them; derived lists are not.
      const declared = at && (at.length > 0 || (DECLARED_OBJECTS as readonly string[]).includes(k));
      visit(v, declared ? [...at, k] : undefined);
    }
  };
  visit(root, []);
  return { paths, mappings };
}

/** A key as JSON writes it, kept: a view has few distinct keys. */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let found = quotedKeys.get(key);
  if (found === undefined) {
    found = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, found);
  }
  return found;
}

function tokenize(value: unknown, key: string | undefined, walk: Walk): unknown {
  if (typeof value === 'string') {
    const out =
      key !== undefined && RAW_KEYS.has(key) && SAFE_RAW.test(value)
        ? value
        : walk.tokens.token(value, key !== undefined && MARKDOWN_KEYS.has(key) ? 'markdown' : 'text');
    // Raw words and tokens hold no quote or backslash.
    walk.text += '"' + out + '"';
    return out;
  }
  if (value === null || typeof value === 'boolean') {
    walk.text += value;
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) walk.plain = false;
    walk.text += value;
    return value;
  }
  if (typeof value !== 'object') {
    walk.plain = false;
    return value;
  }
  const done = walk.seen.get(value);
  if (done) {
    // An object met before (a category in a derived list): by the order it was first met.
    walk.text += '@' + walk.ids.get(value);
    return done;
  }
  walk.ids.set(value, walk.ids.size);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    walk.seen.set(value, out);
    walk.text += '[';
    for (const item of value) {
      out.push(tokenize(item, key, walk));
      walk.text += ',';
    }
    walk.text += ']';
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) walk.plain = false;
  const out: Record<string, unknown> = {};
  walk.seen.set(value, out);
  walk.text += '{';
  // Own keys in order, as Object.entries gives them, without an array per object (issue 16).
  const record = value as Record<string, unknown>;
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    const v = record[k];
    if (v === undefined) walk.plain = false;
    walk.text += quoted(k) + ':';
    out[k] = tokenize(v, k, walk);
    walk.text += ',';
  }
  // How a declared label is written inside a sentence depends on its words, which the view
  // hides in a token: say it in the view, so that renders by view (render.ts) tell it apart.
  const label = (value as Record<string, unknown>)['label'];
  if (typeof label === 'string') {
    out['label_common'] = COMMON_PHRASE.test(label);
    out['label_word'] = COMMON_WORD.test(label);
    out['label_adjective'] = GERMAN_ADJECTIVE.test(label);
    walk.text += `"label_common":${out['label_common']},"label_word":${out['label_word']},"label_adjective":${out['label_adjective']},`;
  }
  // A DPO "named" by the role alone ("Data Protection Officer"): the sentence already says it.
  const name = (value as Record<string, unknown>)['name'];
  if (key === 'dpo' && typeof name === 'string') {
    out['name_is_role'] = DPO_ROLE.test(name);
    walk.text += `"name_is_role":${out['name_is_role']},`;
  }
  walk.text += '}';
  return out;
}
