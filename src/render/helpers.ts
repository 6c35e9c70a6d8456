import type Handlebars from 'handlebars';
import type { Duration } from '../normalize/duration.js';
import { localCitation } from './citations.js';
import type { Labels } from './templates.js';
import type { TokenTable } from './tokens.js';
import { registerTraceHelpers } from './tracing.js';

type HelperOptions = Handlebars.HelperOptions;

/**
 * The helpers templates may call. Each returns Markdown built from template wording and value
 * tokens, so nothing here ever sees (or can leak) a value's characters; see tokens.ts.
 */
/** The helpers policygen defines; a user's template may call these and Handlebars' built-ins only. */
export const HELPER_NAMES: Record<string, true> = Object.fromEntries(
  [
    'term',
    'explain',
    'explanation',
    'law',
    'list',
    'data-labels',
    'recipient-labels',
    'vendor-names',
    'link',
    'mailto',
    'format-date',
    'format-duration',
    'country-name',
    'country-names',
    'cite',
    'word',
    'eq',
    'ne',
    'and',
    'or',
    'not',
    'includes',
    'except',
    'any',
    'count',
    'gt',
  ].map((n) => [n, true]),
);

/**
 * The token table of the render in progress. Rendering is synchronous, so one slot is enough;
 * render() fills it before running templates and empties it after.
 */
export const rendering: { tokens?: TokenTable; made?: MadeValue[] } = {};

/** A value a helper made during a render: its text before tokens in it were expanded, and its token's number. */
export interface MadeValue {
  text: string;
  index: number;
}

export function registerHelpers(hb: typeof Handlebars, labels: Labels, locale: string): void {
  const safe = (text: string) => new hb.SafeString(text);
  // Text a helper makes from values (a date, a duration with its number, a country's name)
  // goes into the policy as a value of its own: the clause's shape then does not change with
  // the values, so policies that differ only in them share their parsed shapes.
  const asValue = (text: string) => {
    const tokens = rendering.tokens;
    if (!tokens) return safe(text);
    const token = tokens.token(tokens.expand(text));
    rendering.made?.push({ text, index: tokens.indexOf(token) });
    return safe(token);
  };
  const and = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const or = new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const plural = new Intl.PluralRules(locale);

  const entry = (group: string, value: unknown) => {
    const found = labels[group]?.[String(value)];
    if (found === undefined) throw new Error(`templates: no label for ${group}.${String(value)} in locale ${locale}`);
    return typeof found === 'string' ? { name: found } : found;
  };
  const word = (key: string) => {
    const found = labels['words']?.[key];
    if (typeof found !== 'string') throw new Error(`templates: no word "${key}" in locale ${locale}`);
    return found;
  };
  const numbers = new Intl.NumberFormat(locale);
  const countries = new Map<string, string>();
  const country = (code: string) => {
    let name = countries.get(code);
    if (name === undefined) countries.set(code, (name = countryName(code, regions, labels)));
    return name;
  };
  // French writes the first of the month as an ordinal ("1er juillet"), which Intl does not.
  const formattedDates = new Map<string, string>();
  const formatDate = (iso: string) => {
    let text = formattedDates.get(iso);
    if (text === undefined) {
      text = dates.format(new Date(`${iso}T00:00:00Z`));
      if (locale === 'fr' || locale.startsWith('fr-')) text = text.replace(/^1 /, '1er ');
      if (formattedDates.size >= 1000) formattedDates.clear();
      formattedDates.set(iso, text);
    }
    return text;
  };
  const unitName = (unit: string, amount: number) => word(`${unit}.${plural.select(amount)}`);
  // A locale's patterns ("{amount} {unit}", "{event}から{period}") place the parts; never concatenation.
  const fill = (key: string, parts: Record<string, string>) =>
    word(key).replace(/\{(\w+)\}/g, (whole, name: string) => parts[name] ?? whole);
  // A vocabulary name used inside a sentence: "Contact details" reads "contact details" where the
  // locale writes common nouns in lower case (not German); a name such as "IP address" stays.
  // German writes nouns with a capital but not adjectives: its labels give the form a name
  // takes inside a sentence ("mid": "biometrische Daten"), and a declared label whose first
  // word reads as an adjective before a noun ("Aggregierte Besucherstatistiken") is lowered.
  const rule = labels['words']?.['lowercase-mid-sentence'];
  const lowerMidSentence = rule === 'true';
  const lowerAdjectives = rule === 'adjectives';
  const midSentence = (name: string) =>
    lowerMidSentence && /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase(locale) + name.slice(1) : name;
  const midName = (found: { name: string; mid?: string }) => found.mid ?? midSentence(found.name);
  // A declared label inside a sentence: a noun phrase such as "Account details" reads "account
  // details", as the locale's own names do; one that starts with a name ("Google Analytics",
  // "Apple devices" declared proper_name: true) keeps its capital. The value stays a value.
  // A category's one-word label ("Password", "Comments") is a common noun too; a recipient's
  // may be a company's name ("Stripe"), so it needs a second word in lower case to tell.
  const declaredLabel = (item: Record<string, unknown>, oneWord = false): string | undefined => {
    const label = item['label'];
    if (typeof label !== 'string') return undefined;
    const properName = item['proper_name'] === true;
    const tokens = rendering.tokens;
    if (!(lowerMidSentence || lowerAdjectives) || properName || !tokens) return label;
    // The view says how the label is written (view.ts), so a render from the cache decides alike.
    const common = lowerAdjectives
      ? item['label_adjective'] === true
      : item['label_common'] === true || (oneWord && item['label_word'] === true);
    if (!common) return label;
    const text = tokens.expand(label);
    return asValue(text.charAt(0).toLocaleLowerCase(locale) + text.slice(1)).toString();
  };
  const pick = (items: unknown, options: HelperOptions): string[] => {
    const list = Array.isArray(items) ? items : items === undefined || items === null ? [] : [items];
    const key = options.hash['key'] as string | undefined;
    const group = options.hash['label'] as string | undefined;
    // law="eea": a label the locale words for that law ("consent@eea") wins over the general one.
    const law = options.hash['law'] as string | undefined;
    return list.map((item) => {
      const value = key ? (item as Record<string, unknown>)[key] : item;
      if (!group) return String(value);
      const special = law === undefined ? undefined : labels[group]?.[`${String(value)}@${law}`];
      const found =
        special === undefined ? entry(group, value) : typeof special === 'string' ? { name: special } : special;
      return options.hash['lower'] === true ? midName(found) : found.name;
    });
  };
  const listOf = (items: unknown, options: HelperOptions, name: (item: Record<string, unknown>) => string): string => {
    // One item, or a list of them.
    const list = Array.isArray(items) ? items : items !== null && typeof items === 'object' ? [items] : [];
    const names = (list as Record<string, unknown>[]).map(name);
    const separator = options.hash['separator'];
    if (typeof separator === 'string') return names.join(separator);
    return (options.hash['type'] === 'or' ? or : and).format(names);
  };
  // `span` reads the duration as how long something lasts: "for 6 months", "while …".
  const formatDuration = (d: Duration | undefined, span = false): string => {
    if (!d) return '';
    switch (d.kind) {
      case 'period': {
        let period = fill('duration.period', { amount: numbers.format(d.amount), unit: unitName(d.unit, d.amount) });
        if (d.maximum) period = fill('duration.up-to', { period });
        if (d.after) period = fill('duration.after', { period, event: d.after });
        else if (d.inactivity) period = fill('duration.inactivity', { period });
        return span ? fill('duration.span', { period }) : period;
      }
      case 'while':
        return d.deleted_within
          ? fill('duration.while-then', { condition: d.condition, period: formatDuration(d.deleted_within) })
          : fill('duration.while', { condition: d.condition });
      case 'until':
        return fill('duration.until', { event: d.event });
      case 'session':
        return word('session');
      case 'legal':
        return word('legal');
      case 'indefinite':
        return word('indefinite');
    }
  };

  hb.registerHelper({
    /** {{term "group" value}}: the name of a vocabulary value. */
    term: (group: string, value: unknown) => safe(entry(group, value).name),
    /**
     * {{explain "group" value}}: the explanation of a vocabulary value; with law="cn", the
     * locale's explanation worded for that law ("automated-decisions@cn"), where it has one.
     */
    explain: (group: string, value: unknown, options: HelperOptions) => {
      const law = options.hash['law'];
      const special = typeof law === 'string' ? labels[group]?.[`${String(value)}@${law}`] : undefined;
      const found = special !== undefined && typeof special !== 'string' ? special : entry(group, value);
      return safe(found.description ?? '');
    },
    /** {{#explanation}}…{{/explanation}}: neutral help that commits the organisation to nothing (a statement of kind explanation). */
    explanation(this: unknown, options: HelperOptions) {
      return options.fn(this);
    },
    /**
     * {{#law}}…{{/law}}: what a declared law says or requires, printed because a declared fact
     * makes it relevant (a statement of kind required, though facts chose it).
     */
    law(this: unknown, options: HelperOptions) {
      return options.fn(this);
    },
    /**
     * {{list items key="name" label="group" type="or" lower=true law=code}}: "a, b, and c"; with separator="; " a plain
     * join; lower names for mid-sentence; law= prefers a label worded for that law.
     */
    list: (items: unknown, options: HelperOptions) => {
      const parts = pick(items, options);
      const separator = options.hash['separator'];
      if (typeof separator === 'string') return safe(parts.join(separator));
      return safe((options.hash['type'] === 'or' ? or : and).format(parts));
    },
    /**
     * {{cite citations}}: the laws' citations as a list, each in the form the locale's readers
     * expect (citations.ts); {{cite jurisdiction.deadline.citation}}: one citation.
     */
    cite: (items: unknown) =>
      safe(
        and.format(
          (typeof items === 'string' ? [items] : ((items as string[]) ?? [])).map((c) =>
            localCitation(String(c), labels['citation']),
          ),
        ),
      ),
    /** {{data-labels items}}: the names of data categories (their own label, or their kind's), as a list. */
    'data-labels': (items: unknown, options: HelperOptions) =>
      safe(listOf(items, options, (item) => declaredLabel(item, true) ?? midName(entry('data-kind', item['kind'])))),
    /** {{recipient-labels items}}: the names of recipients, as a list; {{recipient-labels this}}, one recipient's name inside a sentence. */
    'recipient-labels': (items: unknown, options: HelperOptions) =>
      safe(listOf(items, options, (item) => declaredLabel(item) ?? midName(entry('recipient-kind', item['kind'])))),
    /** {{vendor-names vendors}}: vendors' names as a list, each linked to its url, and to its privacy policy, when declared. */
    'vendor-names': (items: unknown, options: HelperOptions) =>
      safe(
        listOf(items, options, (item) => {
          const name =
            typeof item['url'] === 'string' ? `[${String(item['name'])}](${item['url']})` : String(item['name']);
          return typeof item['privacy_policy'] === 'string'
            ? `${name} ([${word('privacy-policy')}](${item['privacy_policy']}))`
            : name;
        }),
      ),
    /** {{link url text}}: a Markdown link; the URL is checked when it is put back. */
    link: (url: unknown, text: unknown) => safe(`[${typeof text === 'string' ? text : String(url)}](${String(url)})`),
    /** {{mailto address}}: an e-mail link. */
    mailto: (address: unknown) => safe(`[${String(address)}](mailto:${String(address)})`),
    /** {{format-date "2024-07-15"}}: a long date in the locale. */
    'format-date': (iso: unknown) => asValue(formatDate(String(iso))),
    /** {{format-duration d span=true}}: a parsed duration in words ("for 6 months" with span). */
    'format-duration': (d: Duration | undefined, options: HelperOptions) =>
      d ? asValue(formatDuration(d, options.hash['span'] === true)) : safe(''),
    /** {{country-name "US"}}: a country or region name. */
    'country-name': (code: unknown) => asValue(country(String(code))),
    /** {{country-names codes}}: a list of country names. */
    'country-names': (codes: unknown) => asValue(and.format(((codes as string[]) ?? []).map(country))),
    /** {{word "key"}}: a word from the locale's labels. */
    word: (key: string) => safe(word(key)),
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    not: (a: unknown) => !a || (Array.isArray(a) && a.length === 0),
    includes: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
    /** (except list value): the list without that value ("the countries other than CN"). */
    except: (list: unknown, value: unknown) => (Array.isArray(list) ? list.filter((item) => item !== value) : []),
    any: (...args: unknown[]) => args.slice(0, -1).some((a) => (Array.isArray(a) ? a.length > 0 : Boolean(a))),
    count: (list: unknown) => (Array.isArray(list) ? list.length : 0),
    gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  });
  // The markers of a traced render (which print nothing otherwise).
  registerTraceHelpers(hb);
}

function countryName(code: string, regions: Intl.DisplayNames, labels: Labels): string {
  const special = labels['regions']?.[code];
  if (typeof special === 'string') return special;
  return regions.of(code) ?? code;
}
