import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseNumber, localCitation, type CitationForms } from '../src/render/citations.js';
import { localeCodes } from '../src/locales.js';

const forms = (locale: string) =>
  (
    JSON.parse(readFileSync(new URL(`../templates/${locale}/labels.json`, import.meta.url), 'utf8')) as {
      citation?: CitationForms;
    }
  ).citation;

describe('citations in the form a language cites law', () => {
  it('keeps English as the modules write it, for every citation of every module', () => {
    const root = new URL('../jurisdictions/', import.meta.url);
    const citations = readdirSync(root).flatMap((code) =>
      [...readFileSync(new URL(`${code}/jurisdiction.yaml`, root), 'utf8').matchAll(/citation: "?([^"\n}]+)/g)].map(
        (m) => m[1]!.trim(),
      ),
    );
    expect(citations.length).toBeGreaterThan(200);
    // Only the second of two articles gains its "Art.", as in "UK GDPR Art. 12(3) and Art. 12A".
    const expected = (citation: string) => citation.replace(/( Art\. \S+) and (?=\d)/, '$1 and Art. ');
    for (const citation of citations) expect(localCitation(citation, forms('en'))).toBe(expected(citation));
  });

  it.each([
    ['de', 'GDPR Art. 15(3)', 'Art. 15 Abs. 3 DSGVO'],
    ['de', 'GDPR Art. 13(1)(c)', 'Art. 13 Abs. 1 lit. c DSGVO'],
    ['de', 'FADP Art. 25', 'Art. 25 DSG'],
    ['fr', 'GDPR Art. 15', 'article 15 du RGPD'],
    ['fr', 'GDPR Art. 7(3)', 'article 7, paragraphe 3, du RGPD'],
    ['fr', 'GDPR Art. 13(1)(c)', 'article 13, paragraphe 1, point c), du RGPD'],
    ['fr', 'LGPD Art. 18 IV', 'article 18, IV, de la LGPD'],
    ['es', 'UK GDPR Art. 21(2)', 'artículo 21, apartado 2, del UK GDPR'],
    ['es', 'PIPL Art. 45', 'artículo 45 de la PIPL'],
    ['pt-BR', 'LGPD Art. 18 §3', 'art. 18, § 3º, da LGPD'],
    ['pt-BR', 'LGPD Art. 18', 'art. 18 da LGPD'],
    ['pt-BR', 'GDPR Art. 15(3)', 'art. 15(3) do GDPR'],
    // Chinese statutes number their articles in Chinese numerals.
    ['zh-CN', 'PIPL Art. 45', '《个人信息保护法》第四十五条'],
    ['zh-CN', 'PIPL Art. 31(2)', '《个人信息保护法》第三十一条第二款'],
    ['zh-CN', 'PIPL Art. 10', '《个人信息保护法》第十条'],
    ['zh-CN', 'GDPR Art. 13(1)(c)', 'GDPR第13条第1款第(c)项'],
    ['ja', 'GDPR Art. 15(3)', 'GDPR第15条第3項'],
    ['ja', 'APPI Art. 33', 'APPI第33条'],
    ['fr', 'UK GDPR Art. 21(2)', 'article 21, paragraphe 2, du RGPD britannique'],
    ['ja', 'PIPA Art. 37-2', 'PIPA第37-2条'],
    // Two articles of one law, joined by the locale's "and".
    ['en', 'UK GDPR Art. 12(3) and 12A', 'UK GDPR Art. 12(3) and Art. 12A'],
    ['de', 'UK GDPR Art. 12(3) and 12A', 'Art. 12 Abs. 3 und Art. 12A UK GDPR'],
    // After an article with detailed parts, French and Spanish close it with a comma; the law's
    // comma follows from the last article alone.
    ['fr', 'FADP Art. 30(2)(b) and 32(2)(a)', 'art. 30, al. 2, let. b, et art. 32, al. 2, let. a, LPD'],
    ['fr', 'UK GDPR Art. 12(3) and 12A', 'article 12, paragraphe 3, et article 12A du RGPD britannique'],
    ['es', 'UK GDPR Art. 12(3) and 12A', 'artículo 12, apartado 3, y artículo 12A del UK GDPR'],
    ['es', 'GDPR Art. 12 and 12(3)', 'artículo 12 y artículo 12, apartado 3, del RGPD'],
    ['ja', 'UK GDPR Art. 12(3) and 12A', 'UK GDPR第12条第3項及び第12A条'],
    // Swiss French cites the FADP as the Swiss Confederation's French texts do.
    ['fr', 'FADP Art. 25', 'art. 25 LPD'],
    ['fr', 'FADP Art. 25(7)', 'art. 25, al. 7, LPD'],
    ['fr', 'FADP Art. 16(2)(d)', 'art. 16, al. 2, let. d, LPD'],
    // Compound citations: each part in its own form, joined as the language lists citations.
    ['de', 'FADP Art. 25(7); DPO Art. 18', 'Art. 25 Abs. 7 DSG; Art. 18 DSV'],
    ['fr', 'FADP Art. 25(7); DPO Art. 18', 'art. 25, al. 7, LPD\u202f; art. 18 OPDo'],
    ['ja', 'FADP Art. 25(7); DPO Art. 18', 'FADP第25条第7項、データ保護令第18条'],
    ['zh-CN', 'FADP Art. 25(7); DPO Art. 18', 'FADP第25条第7款；DPO第18条'],
    ['en', 'FADP Art. 25(7); DPO Art. 18', 'FADP Art. 25(7); DPO Art. 18'],
    // A part the locale has no form for may lean on the one before: the whole stays as written.
    ['de', 'P-39.1 s. 42; ss. 81 ff.', 'P-39.1 s. 42; ss. 81 ff.'],
    ['de', 'GDPR Art. 12(3); 11 CCR § 7021(b)', 'GDPR Art. 12(3); 11 CCR § 7021(b)'],
    // Ranges of articles, and a range of two.
    [
      'de',
      'PIPA Art. 35(3); Enforcement Decree Arts. 41-44',
      'Art. 35 Abs. 3 PIPA; Art. 41 bis 44 der Durchführungsverordnung',
    ],
    ['es', 'Enforcement Decree Arts. 41-44', 'artículos 41 a 44 del Decreto de Aplicación'],
    ['zh-CN', 'Enforcement Decree Arts. 41-44', '《施行令》第41条至第44条'],
    ['de', 'APPI Arts. 34-35', 'Art. 34 und 35 APPI'],
    ['fr', 'APPI Arts. 34-35', "articles 34 et 35 de l'APPI"],
    // Sections, rules and regulations, and a law's own form.
    ['de', 'PDPA s 21; PDP Regulations 2021, reg 5', 'Section 21 PDPA; Regulation 5 der PDP Regulations 2021'],
    ['ja', 'PDPA s 21; PDP Regulations 2021, reg 5', 'PDPA第21条、2021年個人データ保護規則第5条'],
    ['fr', 'DPDP Rules 2025, rule 14(3)', 'règles DPDP de 2025, règle 14, paragraphe 3'],
    ['es', 'DPDP Rules 2025, rule 14(3)', 'regla 14, apartado 3, del Reglamento DPDP de 2025'],
    ['pt-BR', 'DPDP Rules 2025, rule 14(3)', 'DPDP Rules 2025, regra 14(3)'],
    ['de', 'DPDP Rules 2025, rule 14(3)', 'Rule 14(3) der DPDP Rules 2025'],
    ['de', 'P-39.1 s. 32', 'Art. 32 P-39.1'],
    ['fr', 'P-39.1 s. 32', 'RLRQ, c. P-39.1, art. 32'],
    ['es', 'P-39.1 s. 27', 'artículo 27 de la P-39.1'],
  ])('%s: %s is %s', (locale, canonical, local) => {
    expect(localCitation(canonical, forms(locale))).toBe(local);
  });

  it('leaves any other form as the module wrote it, in every locale', () => {
    for (const locale of localeCodes()) {
      for (const citation of [
        'Cal. Civ. Code § 1798.100(a)',
        'GDPR Arts. 13 and 14',
        'PIPA Art. 30(1) 3',
        'PIPEDA Sch. 1, Principle 4.8',
        'DPDP Act s 6(4)',
        'APPI Arts. 35-34',
        'Enforcement Decree Arts. 41 and 44',
      ]) {
        expect(localCitation(citation, forms(locale))).toBe(citation);
      }
    }
  });

  it('writes numbers in Chinese numerals as statutes number articles', () => {
    const cases: [string, string][] = [
      ['1', '一'],
      ['10', '十'],
      ['11', '十一'],
      ['20', '二十'],
      ['45', '四十五'],
      ['74', '七十四'],
      ['100', '一百'],
      ['101', '一百零一'],
      ['110', '一百一十'],
      ['115', '一百一十五'],
      ['22-2', '22-2'],
    ];
    for (const [n, zh] of cases) expect(chineseNumber(n)).toBe(zh);
  });
});
