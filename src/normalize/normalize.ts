import { docsUrl, toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { locate, type Source } from '../load/read-yaml.js';
import type { Cookies, DataCategory, Declaration, Purpose, Recipient, Rights } from '../types/declaration.js';
import { durationText, parseDurationInput, type Duration, type DurationInput } from './duration.js';
import { SECTION_IDS } from './vocabulary.js';

/**
 * Links between categories, purposes, recipients and programmes: each becomes words and
 * provenance in every output, so their number, not the file's size, decides the cost. Real
 * declarations have under 100; 20,000 build in about 2 s and 260 MB (issue 14).
 */
export const LINK_BUDGET = 20_000;

function tooManyLinks(
  declaration: Declaration,
  report: (code: string, path: Path, message: string, hint?: string) => void,
): boolean {
  let links = 0;
  const lists: [Path, readonly unknown[] | undefined][] = [
    ...(declaration.purposes ?? []).map((p, i): [Path, readonly unknown[] | undefined] => [
      ['purposes', i, 'data'],
      p.data,
    ]),
    ...(declaration.recipients ?? []).flatMap((r, i): [Path, readonly unknown[] | undefined][] => [
      [['recipients', i, 'data'], r.data],
      [['recipients', i, 'purposes'], r.purposes],
    ]),
    ...(declaration.programs ?? []).map((p, i): [Path, readonly unknown[] | undefined] => [
      ['programs', i, 'data'],
      p.data,
    ]),
  ];
  for (const [path, list] of lists) {
    links += list?.length ?? 0;
    if (links > LINK_BUDGET) {
      report(
        'too-many-links',
        path,
        `The declaration links categories, purposes and recipients more than ${LINK_BUDGET.toLocaleString('en')} times (here the count passes the limit); no policy needs that many, and each link costs words in every output.`,
        'Link each purpose and recipient only to the categories it uses, or split the declaration.',
      );
      return true;
    }
  }
  return false;
}

/** Whether a category is sensitive under a jurisdiction's law, as declared. */
export function sensitiveUnder(category: Pick<DataItem, 'sensitive'>, code: string): boolean {
  return category.sensitive === true || (Array.isArray(category.sensitive) && category.sensitive.includes(code));
}

/** A data category with defaults applied and its uses resolved. */
export interface DataItem extends Omit<DataCategory, 'retention' | 'sensitive'> {
  /** true or false for every law, or the jurisdictions under whose law it is sensitive. */
  sensitive: boolean | string[];
  examples: string[];
  retention?: Duration;
  /** The text the declaration gave for the retention, kept for the JSON model. */
  retention_text?: string;
  /** Ids of the purposes that use this category. */
  purposes: string[];
  /** Ids of the recipients that receive this category. */
  recipients: string[];
  /** Ids of the programmes that collect it. */
  programs: string[];
}

export interface RecipientItem extends Recipient {
  vendors: NonNullable<Recipient['vendors']>;
  data: string[];
  purposes: string[];
  sold: boolean;
  shared_for_advertising: boolean;
}

export interface CookieItem extends Omit<NonNullable<Cookies['items']>[number], 'duration'> {
  duration: Duration;
  duration_text: string;
}

export interface CookiesModel extends Omit<Cookies, 'items' | 'opt_out_cookie_lifetime'> {
  technologies: NonNullable<Cookies['technologies']>;
  items: CookieItem[];
  opt_out_cookie_lifetime?: Duration;
}

export interface RightsModel extends Omit<Rights, 'response_time' | 'response_times'> {
  offered: NonNullable<Rights['offered']>;
  channels: NonNullable<Rights['channels']>;
  response_time?: Duration;
  /** The response time as the declaration wrote it. */
  response_time_text?: string;
  /** Response times for requests under one jurisdiction's law, by code, in the order of `jurisdictions`. */
  response_times?: Record<string, Duration>;
  /** Each of them as the declaration wrote it. */
  response_times_text?: Record<string, string>;
}

/** The declaration after defaults, id resolution and duration parsing: what templates and the JSON output read. */
export interface Model
  extends Omit<
    Declaration,
    | '$schema'
    | 'data'
    | 'purposes'
    | 'recipients'
    | 'cookies'
    | 'rights'
    | 'changes'
    | 'subprocessors'
    | 'backups'
    | 'programs'
    | 'clauses'
    | 'covers'
    | 'not_collected'
    | 'not_intentionally_collected'
    | 'last_updated'
  > {
  title: string;
  last_updated: string;
  covers: NonNullable<Declaration['covers']>;
  data: DataItem[];
  not_collected: string[];
  not_intentionally_collected: string[];
  purposes: (Purpose & { data: string[] })[];
  recipients: RecipientItem[];
  cookies?: CookiesModel;
  rights: RightsModel;
  changes?: Omit<NonNullable<Declaration['changes']>, 'notice_period'> & { notice_period?: Duration };
  subprocessors?: Omit<NonNullable<Declaration['subprocessors']>, 'notice_period'> & { notice_period?: Duration };
  backups?: { deleted_within: Duration };
  programs: (NonNullable<Declaration['programs']>[number] & { data: string[] })[];
  clauses: (NonNullable<Declaration['clauses']>[number] & { after: string })[];
}

type Path = (string | number)[];

/**
 * Applies defaults, resolves every id reference, and parses durations. Every reference to an
 * unknown id and every unreadable duration becomes a diagnostic at its YAML position.
 */
export function normalize(declaration: Declaration, source: Source): { model?: Model; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (
    code: string,
    path: Path,
    message: string,
    hint?: string,
    severity: Diagnostic['severity'] = 'error',
  ) =>
    diagnostics.push({
      code,
      severity,
      message,
      file: source.file,
      ...locate(source, path),
      pointer: toPointer(path),
      ...(hint ? { hint } : {}),
      docs: docsUrl(code),
    });

  const dataIds = indexIds(declaration.data, 'data', 'data category', source, report);
  const purposeIds = indexIds(declaration.purposes ?? [], 'purposes', 'purpose', source, report);
  indexIds(declaration.recipients ?? [], 'recipients', 'recipient', source, report);
  indexIds(declaration.programs ?? [], 'programs', 'programme', source, report);
  indexIds(declaration.clauses ?? [], 'clauses', 'clause', source, report);
  if (tooManyLinks(declaration, report)) return { diagnostics };

  const resolve = (
    ids: readonly string[] | undefined,
    known: Map<string, number>,
    what: string,
    path: Path,
  ): string[] => {
    const result: string[] = [];
    (ids ?? []).forEach((id, i) => {
      if (known.has(id)) result.push(id);
      else {
        const guess = didYouMean(id, known.keys());
        report(
          'unknown-reference',
          [...path, i],
          `No ${what} has the id "${id}".`,
          guess
            ? `Did you mean "${guess}"?`
            : known.size
              ? `Declared ids: ${[...known.keys()].join(', ')}.`
              : `No ${what} is declared.`,
        );
      }
    });
    return result;
  };
  const duration = (input: DurationInput | undefined, path: Path, needsPeriod = false): Duration | undefined => {
    if (input === undefined) return undefined;
    const { duration: parsed, error } = parseDurationInput(input);
    if (error) report('invalid-duration', path, error);
    else if (needsPeriod && parsed?.kind !== 'period')
      report(
        'invalid-duration',
        path,
        `"${durationText(input)}" must be a fixed period such as "30 days" or "1 month", so it can be compared with legal deadlines.`,
      );
    else return parsed;
    return undefined;
  };

  const purposes = (declaration.purposes ?? []).map((p, i) => ({
    ...p,
    data: resolve(p.data, dataIds, 'data category', ['purposes', i, 'data']),
  }));
  const recipients: RecipientItem[] = (declaration.recipients ?? []).map((r, i) => ({
    ...r,
    vendors: r.vendors ?? [],
    data: resolve(r.data, dataIds, 'data category', ['recipients', i, 'data']),
    purposes: resolve(r.purposes, purposeIds, 'purpose', ['recipients', i, 'purposes']),
    sold: r.sold ?? false,
    shared_for_advertising: r.shared_for_advertising ?? false,
  }));
  recipients.forEach((r, i) => {
    // The programmes' links are printed with the advertising partners; elsewhere they would mean nothing.
    if (
      r.industry_opt_outs?.length &&
      !(r.kind === 'advertising-partner' || (r.kind === 'social-network' && r.shared_for_advertising))
    ) {
      report(
        'contradiction',
        ['recipients', i, 'industry_opt_outs'],
        `Industry opt-out programmes are for interest-based advertising, but the recipient "${r.id}" is not an advertising partner (or a social network that receives data for advertising).`,
        'Move industry_opt_outs to the advertising partner that takes part in the programmes, or remove it.',
      );
    }
  });
  const programs = (declaration.programs ?? []).map((p, i) => ({
    ...p,
    data: resolve(p.data, dataIds, 'data category', ['programs', i, 'data']),
  }));

  const notCollected = declaration.not_collected ?? [];
  const notIntended = declaration.not_intentionally_collected ?? [];
  notIntended.forEach((kind, i) => {
    if (notCollected.includes(kind))
      report(
        'contradiction',
        ['not_intentionally_collected', i],
        `"${kind}" is also in not_collected, which says it is never collected, not merely never collected on purpose.`,
        'Keep the kind in one of the two lists.',
      );
  });
  const data: DataItem[] = declaration.data.map((d, i) => {
    if (notCollected.includes(d.kind)) {
      report(
        'contradiction',
        ['data', i, 'kind'],
        `This category is of kind "${d.kind}", which not_collected says is never collected.`,
        'Remove the kind from not_collected, or remove this category.',
      );
    }
    if (notIntended.includes(d.kind)) {
      report(
        'contradiction',
        ['data', i, 'kind'],
        `This category is of kind "${d.kind}", which not_intentionally_collected says is not collected on purpose; a declared category is.`,
        'Remove the kind from not_intentionally_collected, or remove this category.',
      );
    }
    const { retention, ...rest } = d;
    const parsed = duration(retention, ['data', i, 'retention']);
    return {
      ...rest,
      examples: d.examples ?? [],
      // Never assumed from the kind: a kind the laws treat as sensitive must say (missing-fact).
      sensitive: d.sensitive ?? false,
      ...(parsed ? { retention: parsed, retention_text: durationText(retention!) } : {}),
      purposes: purposes.filter((p) => p.data.includes(d.id)).map((p) => p.id),
      recipients: recipients.filter((r) => r.data.includes(d.id)).map((r) => r.id),
      programs: programs.filter((p) => p.data.includes(d.id)).map((p) => p.id),
    };
  });
  // An unknown reference already explains why a category looks unused.
  const referencesBroken = diagnostics.some((d) => d.code === 'unknown-reference');
  data.forEach((d, i) => {
    if (!referencesBroken && d.purposes.length === 0 && d.programs.length === 0) {
      report(
        'unused-data',
        ['data', i, 'id'],
        `The data category "${d.id}" is collected, but no purpose or programme uses it.`,
        'Add its id to the data list of the purposes it serves.',
        'warning',
      );
    }
  });

  let cookies: CookiesModel | undefined;
  if (declaration.cookies) {
    const { items, opt_out_cookie_lifetime, ...rest } = declaration.cookies;
    const lifetime = duration(opt_out_cookie_lifetime, ['cookies', 'opt_out_cookie_lifetime']);
    cookies = {
      ...rest,
      technologies: rest.technologies ?? [],
      ...(lifetime ? { opt_out_cookie_lifetime: lifetime } : {}),
      items: (items ?? []).flatMap((item, i) => {
        resolve([item.purpose], purposeIds, 'purpose', ['cookies', 'items', i, 'purpose']);
        const parsed = duration(item.duration, ['cookies', 'items', i, 'duration']);
        return parsed ? [{ ...item, duration: parsed, duration_text: durationText(item.duration) }] : [];
      }),
    };
    if (cookies.items.length > 0 && cookies.technologies.length === 0) {
      report(
        'contradiction',
        ['cookies', 'technologies'],
        'The cookie inventory lists items, but technologies is empty, which states that no cookies are used.',
        'List the technologies used, such as [cookies].',
      );
    }
  }

  const { response_time, response_times, ...rightsRest } = declaration.rights ?? {};
  const responseTime = duration(response_time, ['rights', 'response_time'], true);
  const declaredCodes = declaration.jurisdictions ?? [];
  for (const code of Object.keys(response_times ?? {})) {
    if (declaredCodes.includes(code as never)) continue;
    const guess = didYouMean(code, declaredCodes);
    report(
      'unknown-reference',
      ['rights', 'response_times', code],
      `"${code}" is not one of the declared jurisdictions, so no request is answered under its law.`,
      guess ? `Did you mean "${guess}"?` : `Declared jurisdictions: ${declaredCodes.join(', ')}.`,
    );
  }
  const byJurisdiction = declaredCodes.flatMap((code): [string, Duration, string][] => {
    const input = response_times?.[code];
    const parsed = duration(input, ['rights', 'response_times', code], true);
    return parsed ? [[code, parsed, durationText(input!)]] : [];
  });
  const rights: RightsModel = {
    ...rightsRest,
    offered: rightsRest.offered ?? [],
    channels: rightsRest.channels ?? [],
    ...(responseTime ? { response_time: responseTime, response_time_text: durationText(response_time!) } : {}),
    ...(byJurisdiction.length
      ? {
          response_times: Object.fromEntries(byJurisdiction.map(([code, d]) => [code, d])),
          response_times_text: Object.fromEntries(byJurisdiction.map(([code, , text]) => [code, text])),
        }
      : {}),
  };

  let changes: Model['changes'];
  if (declaration.changes) {
    const { notice_period, ...rest } = declaration.changes;
    const period = duration(notice_period, ['changes', 'notice_period']);
    changes = { ...rest, ...(period ? { notice_period: period } : {}) };
  }

  let subprocessors: Model['subprocessors'];
  if (declaration.subprocessors) {
    const { notice_period, ...rest } = declaration.subprocessors;
    const period = duration(notice_period, ['subprocessors', 'notice_period'], true);
    subprocessors = { ...rest, ...(period ? { notice_period: period } : {}) };
  }

  const backupsWithin = declaration.backups
    ? duration(declaration.backups.deleted_within, ['backups', 'deleted_within'], true)
    : undefined;

  // A clause follows a section, another clause, or one declared law's section (jurisdiction-us-ca).
  const supplements = (declaration.jurisdictions ?? []).map((code) => `jurisdiction-${code}`);
  const sectionIds = new Set<string>([...SECTION_IDS, ...supplements, ...(declaration.clauses ?? []).map((c) => c.id)]);
  const clauses = (declaration.clauses ?? []).map((c, i) => {
    const after = c.after ?? 'changes';
    if (!sectionIds.has(after) || after === c.id) {
      const guess = didYouMean(after, sectionIds);
      report(
        'unknown-section',
        ['clauses', i, 'after'],
        `No section has the id "${after}" to place this clause after.`,
        guess && guess !== c.id
          ? `Did you mean "${guess}"?`
          : `Sections: ${[...SECTION_IDS, ...supplements].join(', ')}.`,
      );
    }
    return { ...c, after };
  });

  const {
    $schema: _schema,
    cookies: _cookies,
    changes: _changes,
    subprocessors: _subprocessors,
    backups: _backups,
    ...rest
  } = declaration;
  const model: Model = {
    ...rest,
    title: declaration.title ?? 'Privacy Policy',
    last_updated: declaration.last_updated ?? declaration.effective,
    covers: declaration.covers ?? [],
    data,
    not_collected: notCollected,
    not_intentionally_collected: notIntended,
    purposes,
    recipients,
    ...(cookies ? { cookies } : {}),
    rights,
    ...(changes ? { changes } : {}),
    ...(subprocessors ? { subprocessors } : {}),
    ...(backupsWithin ? { backups: { deleted_within: backupsWithin } } : {}),
    programs,
    clauses,
  };
  return { model, diagnostics };
}

/** Maps each id to its index, reporting duplicates at the second occurrence. */
function indexIds(
  items: readonly { id: string }[],
  collection: string,
  what: string,
  source: Source,
  report: (code: string, path: Path, message: string, hint?: string) => void,
): Map<string, number> {
  const ids = new Map<string, number>();
  items.forEach((item, i) => {
    const first = ids.get(item.id);
    if (first !== undefined) {
      const line = locate(source, [collection, first, 'id']).line;
      report(
        'duplicate-id',
        [collection, i, 'id'],
        `Another ${what} already has the id "${item.id}" (line ${line}). Ids must be unique.`,
      );
    } else ids.set(item.id, i);
  });
  return ids;
}
