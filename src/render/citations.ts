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
 * - `law:<short>`: the law's name in that language and grammatical position ("du RGPD");
 * - `and`: what joins two articles of one law ("FADP Art. 30(2)(b) and 32(2)(a)" is "Art. 30
 *   Abs. 2 lit. b und Art. 32 Abs. 2 lit. a DSG"), and `and-detailed`, used instead after an
 *   article with detailed parts, whose commas close it ("artículo 12, apartado 3, y artículo 12A
 *   del UK GDPR"); `form-detailed` then follows from the last article alone;
 * - `<part>:<short>`: any part above for one law, where that law's own country cites it in
 *   another form (Swiss French: "art. 25, al. 7, LPD", not "article 25, paragraphe 7, de la LPD").
 *
 * Only citations of one article, or of two joined by "and", of a law the locale names are
 * rewritten; any other form (a section of a US code, "Arts. 13 and 14", a Korean sub-item)
 * stays as the module wrote it, which is how such statutes are cited in every language.
 */
export type CitationForms = Readonly<Record<string, string | { name: string }>>;

/** One article reference: number, paragraph, point, Brazilian inciso and parágrafo. */
const REF = String.raw`(?<n>\d+[A-Z]?(?:-\d+)?)(?:\((?<p>\d+)\))?(?:\((?<x>[a-z]+)\))?(?: (?<r>[IVX]+))?(?: §(?<s>\d+))?`;
const LAWS = 'UK GDPR|GDPR|PIPL|LGPD|PIPA|FADP|APPI';
const ARTICLE = new RegExp(`^(?<law>${LAWS}) Art\\. ${REF}$`);
/** Two references to articles of one law joined by "and" ("FADP Art. 30(2)(b) and 32(2)(a)"). */
const TWO = new RegExp(`^(?<law>${LAWS}) Art\\. (?<first>\\S+) and (?<second>\\S+)$`);
const REF_ONLY = new RegExp(`^${REF}$`);

export function localCitation(citation: string, forms: CitationForms | undefined): string {
  if (!forms) return citation;
  const text = (key: string) => {
    const value = forms[key];
    return typeof value === 'string' ? value : value?.name;
  };
  const single = ARTICLE.exec(citation);
  const pair = single ? undefined : TWO.exec(citation);
  const found = single ?? pair;
  const short = found ? found.groups!['law'] : undefined;
  if (short === undefined) return citation;
  // A part of one law's own form ("article:FADP": Swiss French cites "art. 25, al. 7, LPD"),
  // else the locale's form for every law.
  const own = (key: string) => text(`${key}:${short}`) ?? text(key);
  const law = text(`law:${short}`);
  if (law === undefined) return citation;
  const refs = single
    ? [single.groups!]
    : [REF_ONLY.exec(pair!.groups!['first']!)?.groups, REF_ONLY.exec(pair!.groups!['second']!)?.groups];
  const and = own('and');
  if (refs.some((r) => r === undefined) || (refs.length > 1 && and === undefined)) return citation;
  const isDetailed = (groups: Record<string, string | undefined>) =>
    [...(own('detailed-parts') ?? '')].some((l) => groups[l] !== undefined);
  const detailed = isDetailed(refs.at(-1)!);
  const form = (detailed ? own('form-detailed') : undefined) ?? own('form');
  if (form === undefined) return citation;
  const part = (key: string, placeholder: string, value: string | undefined) =>
    value === undefined ? '' : (own(key) ?? '').replace(placeholder, value);
  const ref = refs
    .map((groups) => {
      const { n, p, x, r, s } = groups!;
      return (
        part('article', '{n}', n) +
        part('paragraph', '{p}', p) +
        part('point', '{x}', x) +
        part('numeral', '{r}', r) +
        part('section', '{s}', s)
      );
    })
    .reduce(
      (joined, ref, i) =>
        i === 0 ? ref : joined + ((isDetailed(refs[i - 1]!) ? own('and-detailed') : undefined) ?? and) + ref,
      '',
    );
  return form.replace('{ref}', ref).replace('{law}', law);
}
