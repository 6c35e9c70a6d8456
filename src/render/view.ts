import type { Jurisdiction } from '../jurisdictions/registry.js';
import type { DataItem, Model } from '../normalize/normalize.js';
import { sells, sharesForAdvertising } from '../rules/practices.js';
import { policySchema } from '../schema.js';
import type { TokenTable } from './tokens.js';

/**
 * Keys whose string values are identifiers or words from a controlled vocabulary (the schema
 * restricts them to letters, digits and hyphens). Templates compare and look them up, so they
 * stay as they are; every other string becomes a token.
 */
export const RAW_KEYS: ReadonlySet<string> = new Set([
  'special_condition', 'minors_under_16', 'established_in',
  'id', 'kind', 'unit', 'iso', 'sources', 'legal_basis', 'category', 'party', 'technology', 'response',
  'global_privacy_control', 'jurisdictions', 'jurisdiction', 'technologies', 'lifetimes', 'mechanisms',
  'measures', 'notice', 'offered', 'not_collected', 'storage', 'locations', 'after_retention',
  'requirement_basis', 'if_collected', 'after', 'effective', 'last_updated', 'version', 'data', 'purposes',
  'recipients', 'programs',
]);
const MARKDOWN_KEYS = new Set(['introduction', 'body', 'details']);
// Starting with a letter or digit, such a word cannot begin any Markdown construct.
const SAFE_RAW = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/**
 * Builds what templates see: the model, plus lists derived from it so templates stay free of
 * logic, with every free-text value replaced by a token.
 */
export function buildView(model: Model, tokens: TokenTable, jurisdictions: readonly Jurisdiction[] = [], shape?: ViewShape): Record<string, unknown> {
  const purposeById = new Map(model.purposes.map((p) => [p.id, p]));
  const recipientById = new Map(model.recipients.map((r) => [r.id, r]));
  const programById = new Map(model.programs.map((p) => [p.id, p]));
  const dataById = new Map(model.data.map((d) => [d.id, d]));
  const resolve = <T>(ids: readonly string[], index: Map<string, T>): T[] => ids.flatMap((id) => (index.has(id) ? [index.get(id)!] : []));

  const data = model.data.map((d) => {
    const recipientList = resolve(d.recipients, recipientById);
    return {
      ...d,
      purpose_list: resolve(d.purposes, purposeById),
      recipient_list: recipientList,
      // The CCPA distinguishes disclosure for a business purpose from sale and sharing.
      disclosed_to: recipientList.filter((r) => !r.sold && !r.shared_for_advertising),
      sold_or_shared_to: recipientList.filter((r) => r.sold || r.shared_for_advertising),
      program_list: resolve(d.programs, programById),
    };
  });
  const withData = <T extends { data: string[] }>(item: T) => ({ ...item, data_list: resolve(item.data, dataById) });
  const recipients = model.recipients.map((r) => ({ ...withData(r), purpose_list: resolve(r.purposes, purposeById) }));
  const ofKind = (...kinds: string[]) => recipients.filter((r) => kinds.includes(r.kind));
  const bySource = (source: string) => data.filter((d) => d.sources.includes(source as DataItem['sources'][number]));
  const sharingKinds = [...new Set(model.recipients.map((r) => r.kind))];

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
    sensitive_data: data.filter((d) => d.sensitive),
    retained_data: data.filter((d) => d.retention),
    unretained_data: data.filter((d) => !d.retention),
    aggregated_data: data.filter((d) => d.after_retention === 'aggregate' || d.after_retention === 'anonymize'),
    legitimate_interests: model.purposes.filter((p) => p.legal_basis === 'legitimate-interests'),
    automated_decisions: model.purposes.filter((p) => p.automated_decisions),
    business_purposes: model.purposes.filter((p) => p.category === 'business'),
    commercial_purposes: model.purposes.filter((p) => p.category === 'commercial'),
    sharing_groups: sharingKinds
      .filter((k) => k !== 'public-authority' && k !== 'business-transfer')
      .map((kind) => ({ kind, recipients: ofKind(kind) })),
    advertisers: ofKind('advertising-partner', 'social-network').filter((r) => r.kind === 'advertising-partner' || r.shared_for_advertising),
    analytics_providers: ofKind('analytics-provider'),
    authorities: ofKind('public-authority'),
    business_transfers: ofKind('business-transfer'),
    sold_to: recipients.filter((r) => r.sold),
    shared_for_ads: recipients.filter((r) => r.shared_for_advertising),
    sells: sells(model),
    shares_for_ads: sharesForAdvertising(model),
    advertiser_opt_outs: recipients.some((r) => r.kind === 'advertising-partner' && r.vendors.some((v) => v.opt_out)),
    cookie_items: (model.cookies?.items ?? []).map((item) => ({ ...item, purpose_item: purposeById.get(item.purpose) })),
    // The CCPA's business/commercial purpose distinction only means something under California law.
    ccpa: model.jurisdictions.includes('us-ca'),
    sends_marketing:
      Boolean(model.rights.marketing_opt_out) ||
      model.programs.some((p) => p.kind === 'sms' || p.kind === 'email-newsletter') ||
      model.rights.offered.includes('opt-out-marketing'),
    uses_tracking: (model.cookies?.technologies.length ?? 0) > 0,
    rights_offered: model.rights.offered,
  };
  const walk: Walk = { tokens, seen: new WeakMap(), plain: true };
  const view = tokenize({ ...model, ...derived }, undefined, walk) as Record<string, unknown>;
  if (shape) shape.plain = walk.plain;
  // Jurisdiction data is policygen's own text, not the declaration's: it stays as written.
  const rights = rightsList(model, jurisdictions);
  const codes = new Set(jurisdictions.map((j) => j.code));
  return {
    ...view,
    declared_jurisdictions: jurisdictions,
    rights_list: rights,
    has_legal_bases: model.purposes.some((p) => p.legal_basis),
    // Laws whose legitimate-interests basis requires weighing them against the person's.
    balancing_test: ['eea', 'uk', 'ch', 'br'].some((code) => codes.has(code)),
    objection_right: rights.some((r) => r.id === 'objection'),
    automated_review_right: rights.some((r) => r.id === 'automated-decisions'),
  };
}

const RIGHT_ORDER: readonly string[] = ((policySchema as { $defs: { rights: { properties: { offered: { items: { enum: string[] } } } } } }).$defs.rights.properties.offered.items.enum);

/**
 * Each right once: the ones the declaration offers everyone, plus the ones each declared law
 * grants, with the citations that grant them. A declared law's right cannot be left out.
 */
function rightsList(model: Model, jurisdictions: readonly Jurisdiction[]) {
  const offered = new Set<string>(model.rights.offered);
  const granted = new Map<string, string[]>();
  for (const jurisdiction of jurisdictions) {
    for (const { right, citation } of jurisdiction.rights) granted.set(right, [...(granted.get(right) ?? []), citation]);
  }
  return RIGHT_ORDER.filter((id) => offered.has(id) || granted.has(id)).map((id) => ({
    id,
    everyone: offered.has(id),
    citations: granted.get(id) ?? [],
  }));
}

/** What buildView found about the view it built. */
export interface ViewShape {
  /**
   * True when the view holds only what JSON writes exactly (strings, finite numbers, booleans,
   * null, arrays and plain objects, no undefined property), so that its JSON text tells it
   * apart from any other view: render() then keys its cache by it.
   */
  plain: boolean;
}

interface Walk {
  tokens: TokenTable;
  seen: WeakMap<object, unknown>;
  plain: boolean;
}

function tokenize(value: unknown, key: string | undefined, walk: Walk): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && RAW_KEYS.has(key) && SAFE_RAW.test(value)) return value;
    return walk.tokens.token(value, key !== undefined && MARKDOWN_KEYS.has(key) ? 'markdown' : 'text');
  }
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) walk.plain = false;
    return value;
  }
  if (typeof value !== 'object') {
    walk.plain = false;
    return value;
  }
  const done = walk.seen.get(value);
  if (done) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    walk.seen.set(value, out);
    for (const item of value) out.push(tokenize(item, key, walk));
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) walk.plain = false;
  const out: Record<string, unknown> = {};
  walk.seen.set(value, out);
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) walk.plain = false;
    out[k] = tokenize(v, k, walk);
  }
  return out;
}

