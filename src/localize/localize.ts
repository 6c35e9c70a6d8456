import { docsUrl, toPointer as pointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate, type Source } from '../load/read-yaml.js';
import { parseDuration } from '../normalize/duration.js';
import type { Declaration } from '../types/declaration.js';

/**
 * Every place in a declaration whose text may be given per language (the schema's
 * `localized_*` definitions), as JSON pointer patterns; `*` is any list item and `~` any key of
 * a mapping keyed by the user (`rights.response_times`). A test checks
 * this list against the schema.
 */
export const LOCALIZED_FIELDS: readonly string[] = [
  '/title',
  '/organization/privacy_contact/role',
  '/introduction',
  '/covers/*/name',
  '/data/*/label',
  '/data/*/examples/*',
  '/data/*/source_details',
  '/data/*/collected_through/*',
  '/data/*/necessity',
  '/data/*/required_because',
  '/data/*/retention/after',
  '/data/*/retention/while',
  '/data/*/retention/until',
  '/data/*/retention_reason',
  '/purposes/*/description',
  '/purposes/*/details',
  '/purposes/*/legitimate_interest',
  '/purposes/*/automated_decisions',
  '/recipients/*/label',
  '/recipients/*/description',
  '/recipients/*/handling',
  '/recipients/*/vendors/*/role',
  '/subprocessors/notice',
  '/subprocessors/notice_period/after',
  '/subprocessors/notice_period/while',
  '/subprocessors/notice_period/until',
  '/backups/deleted_within/after',
  '/backups/deleted_within/while',
  '/backups/deleted_within/until',
  '/recipients/*/legal_process',
  '/cookies/consent/how',
  '/cookies/consent/withdraw',
  '/cookies/do_not_track/mechanism',
  '/cookies/do_not_track/reason',
  '/cookies/opt_out_cookie_lifetime/after',
  '/cookies/opt_out_cookie_lifetime/while',
  '/cookies/opt_out_cookie_lifetime/until',
  '/cookies/items/*/duration/after',
  '/cookies/items/*/duration/while',
  '/cookies/items/*/duration/until',
  '/rights/channels/*/in_app',
  '/rights/response_time/after',
  '/rights/response_time/while',
  '/rights/response_time/until',
  '/rights/response_times/~/after',
  '/rights/response_times/~/while',
  '/rights/response_times/~/until',
  '/rights/verification',
  '/rights/fees',
  '/rights/appeals',
  '/rights/exceptions/*',
  '/rights/marketing_opt_out',
  '/children/parental_consent',
  '/children/identifier_safeguards',
  '/children/necessity',
  '/transfers/rights_abroad',
  '/transfers/safeguards_copy',
  '/security/other_measures/*',
  '/security/breach_notification/how',
  '/changes/notice_period/after',
  '/changes/notice_period/while',
  '/changes/notice_period/until',
  '/programs/*/name',
  '/programs/*/details',
  '/programs/*/opt_in',
  '/programs/*/opt_out',
  '/clauses/*/title',
  '/clauses/*/body',
];

/** Durations written as one text: their event or condition is in the declaration's language. */
export const DURATION_FIELDS: readonly string[] = [
  '/data/*/retention',
  '/cookies/opt_out_cookie_lifetime',
  '/cookies/items/*/duration',
  '/rights/response_time',
  '/rights/response_times/~',
  '/changes/notice_period',
  '/subprocessors/notice_period',
  '/backups/deleted_within',
];

/** Markdown fields: a fallback mark goes in a paragraph of its own. */
const MARKDOWN_FIELDS = new Set(['/introduction', '/purposes/*/details', '/programs/*/details', '/clauses/*/body']);

export interface LocalizeOptions {
  /** The locale being built ("de"). */
  locale: string;
  /** Use another language's text where the locale's is missing (a warning), marked as such. */
  allowFallback?: boolean;
  /** Marks text shown in another language, in the words of the locale being built. */
  mark: (text: string, language: string) => string;
  /** The title of a policy whose declaration gives none, in the locale ("Datenschutzerklärung"). */
  defaultTitle?: string;
}

export interface Localized {
  declaration: Declaration;
  diagnostics: Diagnostic[];
  /** JSON pointers of the texts shown in another language (with allowFallback). */
  fallbacks: string[];
}

type Path = (string | number)[];

const languageNames = new Intl.DisplayNames('en', { type: 'language' });
const languageName = (code: string) => `${languageNames.of(code) ?? code} (${code})`;

/**
 * Resolves every per-language text in a declaration to the locale being built. A plain string
 * is text in the declaration's `language` (English by default); a mapping names its
 * languages. A text with no version in the locale is an error at its position, never a silent
 * English fall-back; with allowFallback it is a warning and the text is marked.
 *
 * Pure: the declaration given is not changed; when nothing needs resolving, it is returned as is.
 */
export function localize(declaration: Declaration, source: Source, options: LocalizeOptions): Localized {
  const language = declaration.language ?? 'en';
  const { locale } = options;
  const diagnostics: Diagnostic[] = [];
  const fallbacks: string[] = [];
  const changes: { path: Path; value: unknown }[] = [];

  const missing = (path: Path, what: string, hint: string) => {
    diagnostics.push({
      code: 'missing-translation',
      severity: options.allowFallback ? 'warning' : 'error',
      message: `${what} has no ${languageName(locale)} version, so the ${locale} policy cannot state it.${options.allowFallback ? ' It is shown in another language, marked as such.' : ''}`,
      file: source.file,
      ...locate(source, path),
      pointer: pointer(path),
      hint,
      docs: docsUrl('missing-translation'),
    });
  };

  for (const pattern of LOCALIZED_FIELDS) {
    const markdown = MARKDOWN_FIELDS.has(pattern);
    visit(declaration, pattern.split('/').slice(1), [], (value, path) => {
      if (typeof value === 'string') {
        if (language === locale) return;
        missing(
          path,
          'This text',
          `Give it per language as a mapping, for example:\n    ${String(path[path.length - 1])}:\n      ${language}: ${JSON.stringify(value.length > 200 ? shorten(value) : value)}\n      ${locale}: …${options.allowFallback ? '' : `\nOr build with --allow-fallback to show the ${language} text, marked.`}`,
        );
        if (options.allowFallback) fallback(path, value, language, markdown);
        return;
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) return;
      const map = value as Record<string, string>;
      const own = map[locale];
      if (own !== undefined) {
        changes.push({ path, value: own });
        return;
      }
      const from =
        map[language] !== undefined ? language : map['en'] !== undefined ? 'en' : Object.keys(map).sort()[0]!;
      missing(
        path,
        'This text',
        `Add a "${locale}" entry beside ${Object.keys(map)
          .map((k) => `"${k}"`)
          .join(
            ', ',
          )}.${options.allowFallback ? '' : `\nOr build with --allow-fallback to show the ${from} text, marked.`}`,
      );
      if (options.allowFallback) fallback(path, map[from]!, from, markdown);
      else changes.push({ path, value: map[from]! });
    });
  }

  // A duration written as one text ("30 days after the account is closed") states its event in
  // the declaration's language; in another locale that part must be given per language.
  if (language !== locale) {
    for (const pattern of DURATION_FIELDS) {
      visit(declaration, pattern.split('/').slice(1), [], (value, path) => {
        if (typeof value !== 'string') return;
        const { duration } = parseDuration(value);
        const words =
          duration?.kind === 'period'
            ? duration.after
            : duration?.kind === 'while'
              ? duration.condition
              : duration?.kind === 'until'
                ? duration.event
                : undefined;
        if (words === undefined) return;
        const part = duration!.kind === 'period' ? 'after' : duration!.kind;
        const lead =
          duration!.kind === 'period'
            ? `period: ${JSON.stringify(value.slice(0, value.toLowerCase().indexOf(' after ') >= 0 ? value.toLowerCase().indexOf(' after ') : value.length).replace(/^for /i, ''))}\n      `
            : duration!.kind === 'while' && duration!.deleted_within
              ? `deleted_within: ${JSON.stringify(duration!.deleted_within.iso)}\n      `
              : '';
        missing(
          path,
          `The ${part === 'after' ? 'event this period counts from' : part === 'while' ? 'condition of this period' : 'event that ends this period'} ("${shorten(words)}")`,
          `Give that part per language:\n    ${String(path[path.length - 1])}:\n      ${lead}${part}:\n        ${language}: ${JSON.stringify(shorten(words))}\n        ${locale}: …`,
        );
        if (options.allowFallback) {
          // Shown in the parts form, with the words marked as another language's.
          fallbacks.push(pointer(path));
          const marked = options.mark(words, language);
          changes.push({
            path,
            value:
              duration!.kind === 'period'
                ? { period: duration!.maximum ? `up to ${duration!.iso}` : duration!.iso, after: marked }
                : duration!.kind === 'while' && duration!.deleted_within
                  ? { while: marked, deleted_within: duration!.deleted_within.iso }
                  : { [duration!.kind]: marked },
          });
        }
      });
    }
  }

  function fallback(path: Path, text: string, from: string, markdown: boolean) {
    fallbacks.push(pointer(path));
    changes.push({ path, value: markdown ? `${text}\n\n${options.mark('', from).trim()}` : options.mark(text, from) });
  }

  if (declaration.title === undefined && options.defaultTitle !== undefined)
    changes.push({ path: ['title'], value: options.defaultTitle });
  if (changes.length === 0) return { declaration, diagnostics, fallbacks };
  return { declaration: withChanges(declaration, changes), diagnostics, fallbacks };
}

/**
 * A copy of the declaration with the texts at the given paths replaced. Only the mappings and
 * lists on the way to a change are copied; the rest is shared (and may be frozen: see readYaml).
 */
function withChanges<T extends object>(root: T, changes: readonly { path: Path; value: unknown }[]): T {
  const copies = new Map<object, Record<string | number, unknown>>();
  const own = (original: object) => {
    let copy = copies.get(original);
    if (!copy)
      copies.set(
        original,
        (copy = (Array.isArray(original) ? original.slice() : { ...original }) as Record<string | number, unknown>),
      );
    return copy;
  };
  for (const { path, value } of changes) {
    let original = root as Record<string | number, unknown>;
    let copy = own(root);
    for (const key of path.slice(0, -1)) {
      const child = original[key] as Record<string | number, unknown>;
      copy[key] = own(child);
      original = child;
      copy = own(child);
    }
    copy[path[path.length - 1]!] = value;
  }
  return own(root) as T;
}

function visit(node: unknown, segments: string[], path: Path, found: (value: unknown, path: Path) => void): void {
  if (segments.length === 0) {
    found(node, path);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') {
    if (Array.isArray(node)) for (const [i, item] of node.entries()) visit(item, rest, [...path, i], found);
    return;
  }
  if (head === '~') {
    if (!Array.isArray(node))
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key], rest, [...path, key], found);
    return;
  }
  if (Array.isArray(node) || !Object.hasOwn(node, head)) return;
  visit((node as Record<string, unknown>)[head], rest, [...path, head], found);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
