import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseDuration, type Duration } from '../normalize/duration.js';
import { packageRoot, packageSubfolders } from '../package-root.js';

/**
 * A jurisdiction module: the data a law's notice requirements reduce to. Each lives in
 * jurisdictions/<code>/jurisdiction.yaml, described by schemas/jurisdiction.schema.json; its
 * wording is a supplement template in each locale (templates/<locale>/jurisdictions/<code>.md.hbs).
 */
export interface Jurisdiction {
  code: string;
  /** The place, as a heading would name it ("the European Economic Area"). */
  region: string;
  /** The law's full name. */
  law: string;
  /** The law's short name, used in citations ("GDPR"). */
  short: string;
  authority: { name: string; url?: string; citation: string };
  deadline?: {
    response: string;
    extension?: string;
    citation: string;
    duration: Duration;
    extension_duration?: Duration;
  };
  /**
   * When the law as the module describes it applies (`from`, with its citation), and later
   * amendments its text states only from their dates (`provisions`, read by the supplement as
   * law_in_force.<code>.<name>). Dates are ISO strings.
   */
  in_force?: { from: string; citation: string; provisions?: Record<string, string> };
  /** How often the law requires the policy to be updated, at least (rule update-interval). */
  update_interval?: { months: number; citation: string };
  /**
   * The age below which a child's information needs a parent's consent; `when: consent`: only
   * where processing relies on consent (GDPR and UK GDPR Art. 8: consent for an information
   * society service offered to a child).
   */
  children?: { age: number; citation: string; note?: string; when?: 'consent' };
  /** The rights the law grants; `when`, as for a disclosure: only if that model path holds. */
  /** `from`/`until`: the grant, with its citation, by the policy's effective date (an amendment moved it). */
  rights: { right: string; citation: string; when?: string; from?: string; until?: string }[];
  disclosures: Disclosure[];
  /** Data the module's own templates use. */
  extra?: Record<string, unknown>;
}

/** One thing a law requires a notice to say. */
export interface Disclosure {
  id: string;
  citation: string;
  /** What must be said, in plain words. */
  requirement: string;
  /** The rule that checks the declaration provides it, if a declaration can omit it. */
  rule?: string;
  /** With rule missing-fact: the declared fact the statement depends on (src/rules/facts.ts). */
  fact?: string;
  /** The section of the rendered policy that says it. */
  section: string;
  /** Model paths (dot-separated) whose values must appear in the rendered policy. */
  values?: string[];
  /** A model path (dot-separated) that must be true for the requirement to apply, e.g. children.directed_to_children. */
  when?: string;
  /** The date (ISO) from which the law requires it; a policy that takes effect earlier is not asked for it. */
  from?: string;
  /** The date (ISO) from which the law no longer requires it in this form (an amendment renumbered or replaced it). */
  until?: string;
}

/**
 * Whether a disclosure applies to a declaration: always, or when its `when` path holds; `a | b`
 * holds when either does (COPPA applies to a service directed to children or to one that
 * knowingly collects from them: `children.directed_to_children | children.parental_consent`).
 */
export function applies(
  disclosure: Pick<Disclosure, 'when'> & { from?: string; until?: string },
  model: unknown,
): boolean {
  // A grant the law made, or moved, at a date: by the policy's effective date.
  const effective = model && typeof model === 'object' ? (model as { effective?: unknown }).effective : undefined;
  if (
    typeof effective === 'string' &&
    ((disclosure.from && effective < disclosure.from) || (disclosure.until && effective >= disclosure.until))
  )
    return false;
  if (!disclosure.when) return true;
  return disclosure.when.split('|').some((path) => {
    let value: unknown = model;
    for (const key of path.trim().split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
}

/**
 * The transfer mechanisms a jurisdiction's law knows (its module's extra.transfer_mechanisms),
 * so that, say, a CAC security assessment is not offered as a GDPR safeguard; undefined when the
 * module gives no list.
 */
export function knownMechanisms(jurisdiction: Pick<Jurisdiction, 'extra'>): readonly string[] | undefined {
  const known = jurisdiction.extra?.['transfer_mechanisms'];
  return Array.isArray(known) ? (known as string[]) : undefined;
}

/**
 * The declared laws that govern all of the organisation's handling, wherever the person is,
 * because it is established where they apply (a module's extra.governs_all_handling_if_established:
 * PIPL Art. 3 for a handler in mainland China). Their rights are everyone's.
 */
export function lawsGoverningAllHandling(
  established: readonly string[] | undefined,
  jurisdictions: readonly Pick<Jurisdiction, 'code' | 'extra'>[],
): string[] {
  return jurisdictions
    .filter((j) => j.extra?.['governs_all_handling_if_established'] === true && established?.includes(j.code))
    .map((j) => j.code);
}

/** The declared mechanisms that mean something under a jurisdiction's law (all of them without a list). */
export function mechanismsFor(jurisdiction: Pick<Jurisdiction, 'extra'>, declared: readonly string[]): string[] {
  const known = knownMechanisms(jurisdiction);
  return known ? declared.filter((m) => known.includes(m)) : [...declared];
}

const loaded = new Map<string, Jurisdiction>();
let codes: string[] | undefined;

/** The codes of the jurisdiction modules shipped with policygen (their folder names), in order. */
export function jurisdictionCodes(): string[] {
  return (codes ??= packageSubfolders('jurisdictions/'));
}

/** One jurisdiction module, read on first use: a build reads only the ones it declares. */
export function jurisdiction(code: string): Jurisdiction | undefined {
  let module = loaded.get(code);
  if (!module && jurisdictionCodes().includes(code)) {
    const data = readModule(code);
    if (data.code !== code) throw new Error(`jurisdictions/${code}: jurisdiction.yaml says code "${data.code}"`);
    let deadline: Jurisdiction['deadline'];
    if (data.deadline) {
      const parsed = (field: 'response' | 'extension', text: string): Duration => {
        const { duration, error } = parseDuration(text);
        if (!duration) throw new Error(`jurisdictions/${code}: deadline.${field}: ${error}`);
        return duration;
      };
      deadline = { ...data.deadline, duration: parsed('response', data.deadline.response) };
      if (data.deadline.extension) deadline.extension_duration = parsed('extension', data.deadline.extension);
    }
    module = { ...data, deadline, disclosures: data.disclosures ?? [], rights: data.rights ?? [] };
    loaded.set(code, module);
  }
  return module;
}

/**
 * A module's data: from the JSON made when the package was built (scripts/precompile.mjs) if
 * it was made from this very YAML, which spares parsing YAML at start-up; from the YAML otherwise.
 */
function readModule(code: string): Jurisdiction {
  const source = readFileSync(new URL(`jurisdictions/${code}/jurisdiction.yaml`, packageRoot), 'utf8');
  try {
    const built = JSON.parse(
      readFileSync(new URL(`dist/generated/jurisdictions/${code}.json`, packageRoot), 'utf8'),
    ) as { sha256: string; data: Jurisdiction };
    if (built.sha256 === createHash('sha256').update(source).digest('hex')) return built.data;
  } catch {
    // Not built yet: read the YAML.
  }
  return parse(source, { schema: 'core' }) as Jurisdiction;
}

/** All jurisdiction modules shipped with policygen, by code, in code order. */
export function jurisdictions(): Map<string, Jurisdiction> {
  return new Map(jurisdictionCodes().map((code) => [code, jurisdiction(code)!]));
}

/** The modules for the codes a declaration names, in the order it names them. */
export function declaredJurisdictions(declared: readonly string[]): Jurisdiction[] {
  return declared.flatMap((code) => {
    const module = jurisdiction(code);
    return module ? [module] : [];
  });
}
