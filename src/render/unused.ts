import { docsUrl, pathOf as segments, pointerSegment, valueAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate, type Source } from '../load/read-yaml.js';

/**
 * Fields the policy's wording never prints, because their meaning lives elsewhere: ids and the
 * id lists that connect categories, purposes and recipients (printed as names), the flags the
 * sale and sharing statements are derived from, and what the rules and the JSON model alone
 * use. Everything else a declaration holds is a statement the policy should make.
 */
const STRUCTURAL: ReadonlySet<string> = new Set([
  '/policygen',
  '/$schema',
  '/language',
  '/jurisdictions',
  '/effective',
  '/last_updated',
  '/data',
  '/purposes',
  '/recipients',
  '/programs',
  '/clauses',
  '*/id',
  '/data/*/sources',
  '/data/*/special_condition',
  '/data/*/separate_consent',
  '/purposes/*/data',
  '/recipients/*/data',
  '/programs/*/data',
  '/recipients/*/sold',
  '/recipients/*/shared_for_advertising',
  '/clauses/*/after',
  '/cookies/items/*/purpose',
  // Classifications that group and name things: printed as a group's heading, or as the name
  // of a category that has no label of its own.
  '*/kind',
  '/data/*/required',
  '/cookies/items',
  '/rights/offered',
  '/organization/established_in',
  // How a name is written, and the programmes printed with the advertisers (through a derived list).
  '*/proper_name',
  '/recipients/*/industry_opt_outs',
  // Stated by each declared law that knows them (transfer_laws, jurisdiction_mechanisms); one
  // that no declared law knows is the warning transfer-mechanism-applies.
  '/transfers/mechanisms',
  // Decisions about the compliance rules, and the reasons for an exemption from appointing a
  // representative (which the law does not ask the notice to give): the JSON records them.
  '/rules',
  '/organization/representative_exemptions',
  '/organization/representative_exemptions/*/jurisdiction',
  '/organization/representative_exemptions/*/reason',
]);

/**
 * What a render read, arranged for checking declarations against it: each declared mapping the
 * view held, with the keys read on it. Made once per render; the same view reads the same keys.
 */
export interface ReadPlan {
  mappings: {
    pointer: string;
    path: (string | number)[];
    read: ReadonlySet<string>;
    /** The pointer with its indexes as "*", as STRUCTURAL names fields. */
    general: string;
    /** Whether a key is structural, as found so far (a pure function of the key, kept). */
    structural: Map<string, boolean>;
  }[];
}

export function planReads(keys: ReadonlyMap<string, ReadonlySet<string>>, mappings: readonly string[]): ReadPlan {
  return {
    mappings: [...new Set(mappings)]
      .filter((pointer) => !WHOLE.test(pointer))
      .map((pointer) => ({
        pointer,
        path: segments(pointer),
        read: keys.get(pointer) ?? new Set(),
        general: pointer.replace(/\/\d+(?=\/|$)/g, '/*'),
        structural: new Map(),
      })),
  };
}

/**
 * The declared fields no template read: for each declared mapping the view held, its keys that
 * were never looked up, less the structural ones. JSON pointers, in declaration order.
 */
export function unreadFields(declared: unknown, plan: ReadPlan): string[] {
  const unread: string[] = [];
  for (const mapping of plan.mappings) {
    const node = valueAt(declared, mapping.path);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    for (const key of Object.keys(node)) {
      if (mapping.read.has(key) || (Object.hasOwn(READ_AS, key) && mapping.read.has(READ_AS[key]!))) continue;
      let structural = mapping.structural.get(key);
      if (structural === undefined) {
        const name = pointerSegment(key);
        structural = STRUCTURAL.has(`${mapping.general}/${name}`) || STRUCTURAL.has(`*/${name}`);
        mapping.structural.set(key, structural);
      }
      if (!structural) unread.push(`${mapping.pointer}/${pointerSegment(key)}`);
    }
  }
  return unread;
}

/**
 * A warning for every declared field that no template read while rendering the policy: a fact
 * the lawyer wrote that the Markdown and HTML would silently drop (it stays in the JSON model).
 */
export function unusedFields(source: Source, unread: readonly string[]): Diagnostic[] {
  return unread.map((pointer) => {
    const path = segments(pointer);
    return {
      code: 'unused-field',
      severity: 'warning',
      message: `"${path[path.length - 1]}" is declared here, but nothing in the policy's text states it for the declared jurisdictions (it is only in the JSON model).`,
      file: source.file,
      ...locate(source, path, { key: true }),
      pointer,
      hint: 'Remove it, or check that it belongs where it is: the policy states a field only where its section or a declared law uses it.',
      docs: docsUrl('unused-field'),
    };
  });
}

/** A declared list of ids is read through the list of items the view resolves it to. */
const READ_AS: Readonly<Record<string, string>> = { purposes: 'purpose_list', sensitive: 'sensitive_under' };

/** Mappings that are one value each: a duration written in parts ("period" and "after"). */
const WHOLE =
  /\/(retention|duration|notice_period|opt_out_cookie_lifetime|response_time|deleted_within)$|\/response_times\/[^/]+$/;
