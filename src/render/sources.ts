import { pathOf as segments, toPointer, valueAt } from '../diagnostics/diagnostic.js';
import { applies, type Jurisdiction, lawsGoverningAllHandling } from '../jurisdictions/registry.js';
import type { Model } from '../normalize/normalize.js';
import type { Read } from './tracing.js';
import type { DeclaredPath } from './view.js';

/**
 * Turns what a traced render read into JSON pointers of the declaration: the places a sentence
 * comes from. A pointer is kept only if the declaration holds that node as written (a default
 * is never a source). Three kinds of read:
 * - a field of an object that stands for a declared one (view.ts's trace): its pointer, or
 *   for a parsed value such as a duration's amount, the declared text it was parsed from;
 * - a list or flag the view derives (`from_user`, `sells`, `ccpa`): the declared nodes it is
 *   derived from, listed in `derivedSources` below;
 * - policygen's own data (a jurisdiction module, a right of `rights_list`): the declared
 *   `jurisdictions` entry or offered right that put it in the view.
 */
export interface SourceResolver {
  (read: Read): string[];
  /** The declared node an object of the view stands for, if any (a branch's item). */
  of(object: object): string[];
  /** Whether an object is policygen's own, with sources given for it (a right of rights_list). */
  explicit(object: object): boolean;
  /** The provisions an object of policygen's own cites (a right's articles), if any. */
  citations(object: object): readonly string[];
}

export function sourceResolver(
  declared: unknown,
  paths: WeakMap<object, DeclaredPath>,
  roots: ReadonlyMap<object, Readonly<Record<string, readonly string[]>>>,
  objects: WeakMap<object, readonly string[]>,
  cited: WeakMap<object, readonly string[]> = new WeakMap(),
): SourceResolver {
  const exists = new Map<string, boolean>();
  const holds = (path: DeclaredPath): boolean => {
    const pointer = toPointer(path);
    let found = exists.get(pointer);
    if (found === undefined) exists.set(pointer, (found = valueAt(declared, path) !== undefined));
    return found;
  };
  const keep = (pointers: readonly string[]) => pointers.filter((p) => holds(segments(p)));
  const of = (object: object): string[] => {
    const path = paths.get(object);
    if (path && path.length > 0 && holds(path)) return [toPointer(path)];
    // A list the view keeps on a declared item (a category's purpose_list) is not declared: its items are.
    const explicit = objects.get(object);
    if (explicit) return keep(explicit);
    if (Array.isArray(object))
      return object.flatMap((item: unknown) => (item && typeof item === 'object' ? of(item) : []));
    return [];
  };
  const resolve = (([object, property]: Read): string[] => {
    const derived = roots.get(object)?.[property];
    if (derived) {
      // A derived list: the fields that decide what is in it (derivedSources), and its items.
      const value = (object as Record<string, unknown>)[property];
      return [...keep(derived), ...(Array.isArray(value) ? of(value) : [])];
    }
    const path = paths.get(object);
    if (!path) return objects.has(object) ? keep(objects.get(object)!) : [];
    if (Array.isArray(object) && property === 'length') return path.length > 0 && holds(path) ? [toPointer(path)] : [];
    const key = Array.isArray(object) && /^\d+$/.test(property) ? Number(property) : property;
    const at = [...path, key];
    if (holds(at)) return [toPointer(at)];
    // What the view says about a declared value (how a label is written): that value.
    const about = ABOUT[property];
    if (about) {
      const own = holds([...path, about]) ? [toPointer([...path, about])] : [];
      // The laws a category is sensitive under are named as far as they are declared.
      return property === 'sensitive_under' ? [...own, ...keep(['/jurisdictions'])] : own;
    }
    // A field the view adds to a declared object (a category's purpose_list): what it holds,
    // by the declared ids that link them (purposes/2/data/0 naming the category).
    const value = (object as Record<string, unknown>)[property];
    if (value && typeof value === 'object') {
      const items = of(value);
      // Recipients of a category sorted by whether they buy it or get it for advertising.
      const among = ITEM_MEMBERSHIP[property];
      const own = RECIPIENT_MEMBERSHIP[property];
      const record = object as Record<string, unknown>;
      // Whether a purpose is business or commercial (Cal. Civ. Code § 1798.140(e)) moves a recipient.
      const categories = (holder: unknown) =>
        holder && typeof holder === 'object' ? of(holder).flatMap((p) => keep([`${p}/category`])) : [];
      const deciding = among
        ? [
            ...of(record['recipient_list'] as object).flatMap((r) => keep(among.map((field) => `${r}/${field}`))),
            ...(BY_PURPOSE_CATEGORY.has(property) ? categories(record['purpose_list']) : []),
          ]
        : own
          ? [
              ...keep(own.map((field) => `${toPointer(path)}/${field}`)),
              ...categories(record['purpose_list']),
              ...(value as { purpose_list?: object }[]).flatMap((d) => categories(d.purpose_list)),
            ]
          : [];
      return [...items.flatMap((item) => links(path, segments(item))), ...deciding, ...items];
    }
    // Part of a value the model parsed (a duration's amount): the declared text, or the
    // declared parts ("period", "after"), it came from.
    for (let n = path.length; n > 0; n--) {
      const above = valueAt(declared, path.slice(0, n));
      if (above === undefined) continue;
      if (above === null || typeof above !== 'object') return [toPointer(path.slice(0, n))];
      const parsed = PARSED.test(String(path[n - 1])) || path[n - 2] === 'response_times';
      return parsed && !Array.isArray(above) ? Object.keys(above).map((k) => toPointer([...path.slice(0, n), k])) : [];
    }
    return [];
  }) as SourceResolver;
  resolve.of = of;
  resolve.explicit = (object) => !paths.has(object) && objects.has(object);
  resolve.citations = (object) => cited.get(object) ?? [];
  return resolve;

  /** The id references that link two declared items, either way: a's list naming b's id, or b's naming a's. */
  function links(a: DeclaredPath, b: DeclaredPath): string[] {
    const one = valueAt(declared, a);
    const other = valueAt(declared, b);
    return [...naming(a, one, other), ...naming(b, other, one)];
  }
  function naming(at: DeclaredPath, holder: unknown, named: unknown): string[] {
    const id = named && typeof named === 'object' ? (named as Record<string, unknown>)['id'] : undefined;
    if (typeof id !== 'string' || !holder || typeof holder !== 'object' || Array.isArray(holder)) return [];
    const out: string[] = [];
    for (const [key, list] of Object.entries(holder)) {
      if (!Array.isArray(list)) continue;
      for (const [j, item] of list.entries()) if (item === id) out.push(toPointer([...at, key, j]));
    }
    return out;
  }
}

/** Fields the view adds beside a declared value to say something about it, and that value. */
const ABOUT: Readonly<Record<string, string>> = {
  label_common: 'label',
  label_word: 'label',
  label_adjective: 'label',
  name_is_role: 'name',
  sensitive_under: 'sensitive',
};

/** Declared values the model parses into parts (a duration written as { period, after }). */
const PARSED = /^(retention|duration|notice_period|opt_out_cookie_lifetime|response_time|deleted_within)$/;

/** Lists the view keeps on a category, and the fields of its recipients that sort them into it. */
const ITEM_MEMBERSHIP: Readonly<Record<string, readonly string[]>> = {
  disclosed_to: ['sold', 'shared_for_advertising', 'kind', 'role', 'purposes'],
  disclosed_commercial_to: ['sold', 'shared_for_advertising', 'kind', 'role', 'purposes'],
  sold_or_shared_to: ['sold', 'shared_for_advertising'],
};

/** Lists of a category's recipients that also rest on whether its purposes are business or commercial. */
const BY_PURPOSE_CATEGORY = new Set(['disclosed_to', 'disclosed_commercial_to']);

/** Lists the view keeps on a recipient, and the recipient's fields that decide what is in them. */
const RECIPIENT_MEMBERSHIP: Readonly<Record<string, readonly string[]>> = {
  commercial_data_list: ['sold', 'shared_for_advertising', 'kind', 'role', 'purposes'],
};

/**
 * The lists the view derives at its root from a declared collection, and the fields of every
 * item of the collection that decide whether it is in the list: "the categories we collect
 * from you" rests on each category's `sources`, an empty one too.
 */
const MEMBERSHIP: Readonly<Record<string, readonly [collection: string, fields: readonly string[]]>> = {
  from_user: ['data', ['sources']],
  from_automatic: ['data', ['sources']],
  from_third_party: ['data', ['sources']],
  from_inferred: ['data', ['sources']],
  from_public: ['data', ['sources']],
  required_data: ['data', ['required']],
  optional_data: ['data', ['required', 'sources']],
  optional_reasons: ['data', ['required', 'sources', 'required_because']],
  sensitive_data: ['data', ['sensitive']],
  aggregated_data: ['data', ['after_retention']],
  retained_data: ['data', ['retention']],
  unretained_data: ['data', ['retention']],
  legitimate_interests: ['purposes', ['legal_basis']],
  automated_decisions: ['purposes', ['automated_decisions']],
  business_purposes: ['purposes', ['category']],
  commercial_purposes: ['purposes', ['category']],
  advertisers: ['recipients', ['kind', 'shared_for_advertising']],
  interest_based_advertisers: ['recipients', ['kind', 'shared_for_advertising']],
  industry_opt_out_partners: ['recipients', ['kind', 'industry_opt_outs']],
  analytics_providers: ['recipients', ['kind']],
  authorities: ['recipients', ['kind']],
  business_transfers: ['recipients', ['kind']],
  located_recipients: ['recipients', ['locations']],
  vendor_recipients: ['recipients', ['vendors']],
  recipients_outside_cn: ['recipients', ['locations']],
  entrusted_recipients: ['recipients', ['kind', 'role']],
  children_third_parties: ['recipients', ['kind', 'role', 'data']],
  sold_to: ['recipients', ['sold']],
  shared_for_ads: ['recipients', ['shared_for_advertising']],
};

/**
 * The declared nodes behind each flag and list the view derives at its root (view.ts), as
 * candidates: the resolver keeps those the declaration holds, and adds a list's items.
 */
export function derivedSources(
  model: Model,
  declared: unknown,
  jurisdictions: readonly Jurisdiction[],
): Record<string, string[]> {
  const codes = declaredCodes(declared);
  const law = (...wanted: string[]) =>
    wanted.flatMap((code) => (codes.has(code) ? [`/jurisdictions/${codes.get(code)}`] : []));
  const recipients = (test: (r: Model['recipients'][number]) => boolean, field: string) =>
    model.recipients.flatMap((r, i) => (test(r) ? [`/recipients/${i}/${field}`] : []));
  const offered = (right: string) => {
    const i = model.rights.offered.indexOf(right as Model['rights']['offered'][number]);
    return i < 0 ? [] : [`/rights/offered/${i}`];
  };
  const right = (id: string) => [
    ...offered(id),
    ...jurisdictions
      .filter((j) => j.rights.some((r) => r.right === id && applies(r, model)))
      .flatMap((j) => law(j.code)),
  ];
  const optOuts = (kind: string) =>
    model.recipients.flatMap((r, i) =>
      r.kind === kind ? r.vendors.flatMap((v, k) => (v.opt_out ? [`/recipients/${i}/vendors/${k}/opt_out`] : [])) : [],
    );
  const technologies = (wanted: (t: string) => boolean) =>
    (model.cookies?.technologies ?? []).flatMap((t, k) => (wanted(t) ? [`/cookies/technologies/${k}`] : []));
  const sizes: Record<string, number> = {
    data: model.data.length,
    purposes: model.purposes.length,
    recipients: model.recipients.length,
  };
  const lists = Object.fromEntries(
    Object.entries(MEMBERSHIP).map(([list, [collection, fields]]) => [
      list,
      Array.from({ length: sizes[collection] ?? 0 }, (_, i) => fields.map((f) => `/${collection}/${i}/${f}`)).flat(),
    ]),
  );
  return {
    ...lists,
    sells: ['/sale/sells', ...recipients(() => true, 'sold')],
    shares_for_ads: ['/sale/shares', ...recipients(() => true, 'shared_for_advertising')],
    advertiser_opt_outs: optOuts('advertising-partner'),
    analytics_opt_outs: optOuts('analytics-provider'),
    industry_opt_outs: recipients((r) => Boolean(r.industry_opt_outs?.length), 'industry_opt_outs'),
    ccpa: law('us-ca'),
    sends_marketing: [
      '/rights/marketing_opt_out',
      ...model.programs.flatMap((p, i) =>
        p.kind === 'sms' || p.kind === 'email-newsletter' ? [`/programs/${i}/kind`] : [],
      ),
      ...offered('opt-out-marketing'),
    ],
    uses_tracking: ['/cookies/technologies'],
    uses_browser_storage: technologies((t) => t === 'cookies' || t === 'local-storage'),
    rights_offered: ['/rights/offered'],
    // Offered to everyone, or granted by a law that applies wherever the person is (view.ts).
    rights_for_everyone: [
      '/rights/offered',
      ...(lawsGoverningAllHandling(model.organization.established_in, jurisdictions).length
        ? ['/organization/established_in']
        : []),
    ],
    balancing_test: law('eea', 'uk', 'ch', 'br'),
    only_law: ['/jurisdictions'],
    // A law's amendments in force on the policy's date: the date, and the laws that have them.
    law_in_force: ['/effective', ...law(...jurisdictions.filter((j) => j.in_force?.provisions).map((j) => j.code))],
    has_legal_bases: model.purposes.map((_, i) => `/purposes/${i}/legal_basis`),
    objection_right: right('objection'),
    automated_review_right: right('automated-decisions'),
    recipients_declared: ['/recipients'],
    no_other_operators: ['/children/other_operators'],
    no_internal_operations: ['/children/internal_operations'],
    admits_minors: ['/children/directed_to_children', '/children/parental_consent'],
    vendor_details: model.recipients.flatMap((r, i) =>
      r.vendors.flatMap((v, k) => [
        ...(v.role !== undefined ? [`/recipients/${i}/vendors/${k}/role`] : []),
        ...(v.locations?.length ? [`/recipients/${i}/vendors/${k}/locations`] : []),
      ]),
    ),
    pipl_minors: [...law('cn'), '/children/directed_to_children', '/children/parental_consent'],
    retention_policy_stated: model.data.flatMap((_, i) => [`/data/${i}/retention`, `/data/${i}/retention_reason`]),
    commercial_disclosures: [
      ...['sold', 'shared_for_advertising', 'kind', 'role', 'purposes', 'data'].flatMap((f) =>
        recipients(() => true, f),
      ),
      ...model.purposes.map((_, i) => `/purposes/${i}/category`),
    ],
    transfer_laws: ['/transfers/mechanisms'],
    declared_jurisdictions: ['/jurisdictions'],
    version: [],
  };
}

/** The provisions behind policygen's own objects in a view: each right's articles. */
export function objectCitations(view: Record<string, unknown>): WeakMap<object, readonly string[]> {
  const cited = new WeakMap<object, readonly string[]>();
  const rights = view['rights_list'];
  if (Array.isArray(rights))
    for (const r of rights as { citations?: string[] }[]) if (r.citations?.length) cited.set(r, r.citations);
  return cited;
}

/** The sources of policygen's own objects in a view: jurisdiction modules and the rights list. */
export function objectSources(
  view: Record<string, unknown>,
  model: Model,
  declared: unknown,
  jurisdictions: readonly Jurisdiction[],
): WeakMap<object, string[]> {
  const codes = declaredCodes(declared);
  const objects = new WeakMap<object, string[]>();
  const law = (code: string) => (codes.has(code) ? [`/jurisdictions/${codes.get(code)}`] : []);
  for (const j of jurisdictions) objects.set(j, law(j.code));
  // A group of recipients of one kind (sharing_groups): its recipients, by their kind.
  const recipients = view['recipients'];
  const groups = view['sharing_groups'];
  if (Array.isArray(groups) && Array.isArray(recipients)) {
    for (const group of groups as { recipients: object[] }[])
      objects.set(
        group,
        group.recipients.map((r) => `/recipients/${recipients.indexOf(r)}/kind`),
      );
  }
  // A law's transfer mechanisms (transfer_laws): its jurisdictions entry and the mechanisms declared.
  const laws = view['transfer_laws'];
  const declaredMechanisms = model.transfers?.mechanisms ?? [];
  if (Array.isArray(laws)) {
    for (const entry of laws as { code: string; mechanisms: string[] }[]) {
      objects.set(entry, [
        ...law(entry.code),
        ...entry.mechanisms.map((m) => `/transfers/mechanisms/${(declaredMechanisms as string[]).indexOf(m)}`),
      ]);
    }
  }
  const rights = view['rights_list'];
  if (Array.isArray(rights)) {
    for (const r of rights as { id: string }[]) {
      const i = model.rights.offered.indexOf(r.id as Model['rights']['offered'][number]);
      // The laws that grant it, and the declared fact a grant depends on (its when).
      const grants = jurisdictions.flatMap((j) =>
        j.rights.filter((g) => g.right === r.id && applies(g, model)).map((g) => ({ code: j.code, when: g.when })),
      );
      objects.set(r, [
        ...(i < 0 ? [] : [`/rights/offered/${i}`]),
        ...grants.flatMap((g) => [
          ...law(g.code),
          ...(g.when ? g.when.split('|').map((w) => '/' + w.trim().split('.').join('/')) : []),
        ]),
      ]);
    }
  }
  return objects;
}

/** A declared jurisdiction code's index in the declaration's `jurisdictions` list. */
export function declaredCodes(declared: unknown): Map<string, number> {
  const list =
    declared && typeof declared === 'object' ? (declared as Record<string, unknown>)['jurisdictions'] : undefined;
  return new Map(Array.isArray(list) ? list.map((code, i) => [String(code), i]) : []);
}
