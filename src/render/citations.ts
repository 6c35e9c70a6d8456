/**
 * Citations in the form readers of a language expect. The jurisdiction modules cite in one
 * canonical English form ("GDPR Art. 13(1)(c)"); a German reader expects "Art. 13 Abs. 1 lit. c
 * DSGVO", a French one "article 13, paragraphe 1, point c), du RGPD", a Chinese one
 * "GDPR第13条第1款第(c)项". A locale's labels.json gives the parts in its `citation` group:
 *
 * - `form`: how the reference and the law combine, with `{ref}` and `{law}` ("{ref} {law}"), and
 *   `form-detailed`, used instead where the reference has one of the parts in `detailed-parts`
 *   (letters p, x, r, s): French sets off "article 15, paragraphe 3, du RGPD" with commas, but
 *   not "article 15 du RGPD";
 * - `article`, `paragraph`, `point`, `numeral`, `section`: each part of the reference, with
 *   `{n}` (article number), `{p}` (paragraph), `{x}` (point letter), `{r}` (Roman numeral,
 *   the Brazilian "inciso"), `{s}` (the Brazilian "parágrafo", written § in the modules);
 *   `sec`, `rule` and `reg` word the other units the modules cite by ("PDPA s 21", "DPDP Rules
 *   2025, rule 14(3)", "PDP Regulations 2021, reg 5") as `article` words "Art.";
 * - `articles`, with `{n}` and `{m}`: a range ("Enforcement Decree Arts. 41-44" is "Art. 41 bis
 *   44 der Durchführungsverordnung"), and `articles-and`, a range of two;
 * - `law:<short>`: the law's name in that language and grammatical position ("du RGPD");
 * - `and`: what joins two articles of one law ("FADP Art. 30(2)(b) and 32(2)(a)" is "Art. 30
 *   Abs. 2 lit. b und Art. 32 Abs. 2 lit. a DSG"), and `and-detailed`, used instead after an
 *   article with detailed parts, whose commas close it ("artículo 12, apartado 3, y artículo 12A
 *   del UK GDPR"); `form-detailed` then follows from the last article alone;
 * - `{n:zh}`, `{p:zh}` in place of `{n}`, `{p}`: the number in Chinese numerals, as Chinese
 *   statutes number their articles ("第四十五条");
 * - `<part>:<short>`: any part above for one law, where that law's own country cites it in
 *   another form (Swiss French: "art. 25, al. 7, LPD", not "article 25, paragraphe 7, de la LPD").
 *
 * - `list`: what joins the citations of one compound citation ("FADP Art. 25(7); DPO Art. 18"),
 *   each worded on its own ("Art. 25 Abs. 7 DSG; Art. 18 DSV", "FADP第25条第7項、データ保護令第18条");
 *   if the locale cannot word one of them, the whole stays as the module wrote it.
 *
 * Only citations of one reference, of two joined by "and", or of a range, of a law the locale
 * names, are rewritten; any other form (a section of a US code, "Arts. 13 and 14", a Korean
 * sub-item) stays as the module wrote it, which is how such statutes are cited in every language.
 */
export type CitationForms = Readonly<Record<string, string | { name: string }>>;

/** One reference: number, paragraph, point, Brazilian inciso and parágrafo. */
const REF = String.raw`(?<n>\d+[A-Z]?(?:-\d+)?)(?:\((?<p>\d+)\))?(?:\((?<x>[a-z]+)\))?(?: (?<r>[IVX]+))?(?: §(?<s>\d+))?`;
const REF_ONLY = new RegExp(`^${REF}$`);
/**
 * A law's short name, a unit and what it refers to: "GDPR Art. 13(1)(c)", "P-39.1 s. 32",
 * "PDP Regulations 2021, reg 5", "Enforcement Decree Arts. 41-44".
 */
const CITATION = /^(?<law>\S.*?),? (?<unit>Art\.|Arts\.|s\.?|rule|reg) (?<refs>\S.*)$/;
/** The label that words each unit ("s 21" is "Section 21" in German, "第21条" in Japanese). */
const UNIT_KEYS: Readonly<Record<string, string>> = {
  'Art.': 'article',
  'Arts.': 'article',
  s: 'sec',
  's.': 'sec',
  rule: 'rule',
  reg: 'reg',
};
type Ref = Record<string, string | undefined>;

export function localCitation(citation: string, forms: CitationForms | undefined): string {
  if (!forms) return citation;
  const parts = citation.split('; ');
  const list = forms['list'];
  if (parts.length === 1) return localPart(citation, forms) ?? citation;
  // Every part, or none: a part the locale cannot word may lean on the one before it ("P-39.1
  // s. 42; ss. 81 ff."), and half a translation would hide that.
  const local = parts.map((part) => localPart(part, forms));
  if (typeof list !== 'string' || local.some((part) => part === undefined)) return citation;
  return local.join(list);
}

/** One citation of one law in the locale's form, if it has one. */
function localPart(citation: string, forms: CitationForms): string | undefined {
  const found = CITATION.exec(citation)?.groups;
  if (!found) return undefined;
  const short = found['law']!;
  const unitKey = UNIT_KEYS[found['unit']!]!;
  const text = (key: string) => {
    const value = forms[key];
    return typeof value === 'string' ? value : value?.name;
  };
  // A part of one law's own form ("article:FADP": Swiss French cites "art. 25, al. 7, LPD"),
  // else the locale's form for every law.
  const own = (key: string) => text(`${key}:${short}`) ?? text(key);
  const law = text(`law:${short}`);
  const refs = references(found['unit']!, found['refs']!);
  if (law === undefined || refs === undefined) return undefined;
  const and = own('and');
  if (refs.length > 1 && and === undefined) return undefined;
  const isDetailed = (groups: Ref) => [...(own('detailed-parts') ?? '')].some((l) => groups[l] !== undefined);
  const detailed = isDetailed(refs.at(-1)!);
  const form = (detailed ? own('form-detailed') : undefined) ?? own('form');
  if (form === undefined) return undefined;
  const part = (key: string, placeholder: string, value: string | undefined) =>
    value === undefined
      ? ''
      : (own(key) ?? '')
          .replace(placeholder, value)
          .replace(`${placeholder.slice(0, -1)}:zh}`, () => chineseNumber(value));
  const words = (groups: Ref) => {
    const { n, m, p, x, r, s } = groups;
    if (m !== undefined) {
      const key = Number(m) === Number(n) + 1 ? 'articles-and' : 'articles';
      return own(key)?.replace('{n}', n!).replace('{m}', m);
    }
    if (own(unitKey) === undefined) return undefined;
    return (
      part(unitKey, '{n}', n) +
      part('paragraph', '{p}', p) +
      part('point', '{x}', x) +
      part('numeral', '{r}', r) +
      part('section', '{s}', s)
    );
  };
  const worded = refs.map(words);
  if (worded.some((w) => w === undefined)) return undefined;
  const ref = (worded as string[]).reduce((joined, w, i) =>
    i === 0 ? w : joined + ((isDetailed(refs[i - 1]!) ? own('and-detailed') : undefined) ?? and) + w,
  );
  return form.replace('{ref}', ref).replace('{law}', law);
}

const DIGITS = '零一二三四五六七八九';
/**
 * A number as Chinese statutes write their articles and paragraphs ("45" is 四十五, "101" is
 * 一百零一); anything else as it is.
 */
export function chineseNumber(text: string): string {
  if (!/^\d{1,3}$/.test(text)) return text;
  const n = Number(text);
  if (n < 10) return DIGITS[n]!;
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const tens = t === 0 ? (h && u ? '零' : '') : `${h === 0 && t === 1 ? '' : DIGITS[t]}十`;
  return `${h ? `${DIGITS[h]}百` : ''}${tens}${u ? DIGITS[u] : ''}`;
}

/**
 * The references of a citation: one ("13(1)(c)"), two of one law joined by "and" ("30(2)(b) and
 * 32(2)(a)"), or a range of articles ("Arts. 41-44").
 */
function references(unit: string, refs: string): Ref[] | undefined {
  if (unit === 'Arts.') {
    const range = /^(?<n>\d+)-(?<m>\d+)$/.exec(refs)?.groups;
    if (!range) return undefined;
    return Number(range['m']) > Number(range['n']) ? [range] : undefined;
  }
  const pair = /^(?<first>\S+) and (?<second>\S+)$/.exec(refs)?.groups;
  const each = pair ? [pair['first']!, pair['second']!] : [refs];
  const groups = each.map((one) => REF_ONLY.exec(one)?.groups);
  return groups.some((g) => g === undefined) ? undefined : (groups as Ref[]);
}
