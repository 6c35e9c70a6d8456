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
 * - `<part>:<short>`: any part above for one law, where that law's own country cites it in
 *   another form (Swiss French: "art. 25, al. 7, LPD", not "article 25, paragraphe 7, de la LPD").
 *
 * Only citations of one article of a law the locale names are rewritten; any other form (a
 * section of a US code, two articles joined by "and", a Korean sub-item) stays as the module
 * wrote it, which is how such statutes are cited in every language. A locale without the group
 * (English) keeps every citation as written.
 */
export type CitationForms = Readonly<Record<string, string | { name: string }>>;

const ARTICLE =
  /^(?<law>UK GDPR|GDPR|PIPL|LGPD|PIPA|FADP|APPI) Art\. (?<n>\d+[A-Z]?(?:-\d+)?)(?:\((?<p>\d+)\))?(?:\((?<x>[a-z]+)\))?(?: (?<r>[IVX]+))?(?: §(?<s>\d+))?$/;

export function localCitation(citation: string, forms: CitationForms | undefined): string {
  if (!forms) return citation;
  const match = ARTICLE.exec(citation);
  const text = (key: string) => {
    const value = forms[key];
    return typeof value === 'string' ? value : value?.name;
  };
  const short = match ? match.groups!['law'] : undefined;
  // A part of one law's own form ("article:FADP": Swiss French cites "art. 25, al. 7, LPD"),
  // else the locale's form for every law.
  const own = (key: string) => (short === undefined ? undefined : text(`${key}:${short}`)) ?? text(key);
  const law = match ? text(`law:${short}`) : undefined;
  if (!match || law === undefined) return citation;
  const { n, p, x, r, s } = match.groups!;
  const detailed = [...(own('detailed-parts') ?? '')].some((letter) => match.groups![letter] !== undefined);
  const form = (detailed ? own('form-detailed') : undefined) ?? own('form');
  if (form === undefined) return citation;
  const part = (key: string, placeholder: string, value: string | undefined) =>
    value === undefined ? '' : (own(key) ?? '').replace(placeholder, value);
  const ref =
    part('article', '{n}', n) +
    part('paragraph', '{p}', p) +
    part('point', '{x}', x) +
    part('numeral', '{r}', r) +
    part('section', '{s}', s);
  return form.replace('{ref}', ref).replace('{law}', law);
}
