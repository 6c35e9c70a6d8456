import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { jurisdictionCodes } from '../src/jurisdictions/registry.js';
import { localeCodes } from '../src/locales.js';
import { LOCALIZED_FIELDS } from '../src/localize/localize.js';
import { HELPER_NAMES } from '../src/render/helpers.js';
import { bundledTemplates, type Labels, type TemplateSet } from '../src/render/templates.js';

/*
 * The translation guard: every locale is a complete, parallel copy of the English template
 * set. It fails when a template, partial, supplement or label exists in English but not in a
 * locale (or the other way round), when a locale's template reads data the English one does
 * not, calls a helper or partial that does not exist, or asks for a word its labels lack.
 */

const BUILT_INS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'else', 'this']);

interface References {
  /** Data paths the template reads ("organization.name", "@index"). */
  data: Set<string>;
  helpers: Set<string>;
  partials: Set<string>;
  /** Words and label groups asked for: "word:contents", "group:data-kind". */
  labels: Set<string>;
  /** Explicit heading ids ({#id}) and in-page link targets (#id). */
  anchors: Set<string>;
}

function references(source: string): References {
  const refs: References = {
    data: new Set(),
    helpers: new Set(),
    partials: new Set(),
    labels: new Set(),
    anchors: new Set(),
  };
  const ast = Handlebars.parse(source);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const path = n['path'] as { original: string; type: string };
      const params = (n['params'] as unknown[]) ?? [];
      const hash = (n['hash'] as { pairs: { key: string; value: unknown }[] } | undefined)?.pairs ?? [];
      const name = path.original;
      if (params.length > 0 || hash.length > 0 || HELPER_NAMES[name] || BUILT_INS.has(name)) {
        refs.helpers.add(name);
        const first = params[0] as { type: string; value?: string } | undefined;
        if (name === 'word' && first?.type === 'StringLiteral') refs.labels.add(`word:${first.value}`);
        if ((name === 'term' || name === 'explain') && first?.type === 'StringLiteral')
          refs.labels.add(`group:${first.value}`);
        for (const pair of hash) {
          const value = pair.value as { type: string; value?: string };
          if (pair.key === 'label' && value.type === 'StringLiteral') refs.labels.add(`group:${value.value}`);
        }
      } else refs.data.add(name);
      visit(params);
      visit(hash.map((p) => p.value));
      visit(n['program']);
      visit(n['inverse']);
      return;
    }
    if (n.type === 'PathExpression') {
      if (!BUILT_INS.has(n['original'] as string)) refs.data.add(n['original'] as string);
      return;
    }
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      refs.partials.add((n['name'] as { original: string }).original);
      visit(n['params']);
      return;
    }
    if (n.type === 'ContentStatement') {
      for (const m of (n['value'] as string).matchAll(/\{#([a-z0-9-]+)\}|\]\(#([a-z0-9-]+)\)/g))
        refs.anchors.add(m[1] ?? m[2]!);
      return;
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(ast.body);
  return refs;
}

const english = bundledTemplates('en');
const others = localeCodes().filter((l) => l !== 'en');

function files(set: TemplateSet): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(set.sections).map(([k, v]) => [k, v])),
    ...Object.fromEntries(Object.entries(set.partials).map(([k, v]) => [`partials/${k}`, v])),
    ...Object.fromEntries(Object.entries(set.supplements).map(([k, v]) => [`jurisdictions/${k}`, v])),
  };
}

/** The labels' keys, with plural word forms ("day.one") folded to their unit ("day.*"). */
function labelKeys(labels: Labels): string[] {
  return Object.entries(labels).flatMap(([group, entries]) =>
    Object.entries(entries)
      // One law's own citation form ("article:FADP" in Swiss French) is a locale's choice.
      .filter(([key]) => !(group === 'citation' && /^(?!law:)[a-z-]+:/.test(key)))
      .map(
        ([key, value]) =>
          `${group}.${key.replace(/\.(zero|one|two|few|many|other)$/, '.*')}${typeof value === 'object' && value.description !== undefined ? ' (with description)' : ''}`,
      ),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

it('policygen ships at least the seven locales the issue asks for (a new folder adds one)', () => {
  expect(localeCodes()).toEqual(expect.arrayContaining(['de', 'en', 'es', 'fr', 'ja', 'pt-BR', 'zh-CN']));
});

it('English has a supplement for every jurisdiction module', () => {
  expect(Object.keys(english.supplements).sort()).toEqual(jurisdictionCodes());
});

describe.each(others)('locale %s', (locale) => {
  const set = bundledTemplates(locale);
  const own = files(set);
  const base = files(english);

  it('has every template, partial and supplement English has, and no others', () => {
    expect(Object.keys(own).sort()).toEqual(Object.keys(base).sort());
  });

  it('has every label English has, and no others', () => {
    expect([...new Set(labelKeys(set.labels))].sort()).toEqual([...new Set(labelKeys(english.labels))].sort());
  });

  it('has exactly the plural forms its language uses for every unit', () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    const words = set.labels['words'] as Record<string, string>;
    for (const unit of ['hour', 'day', 'week', 'month', 'year']) {
      const forms = Object.keys(words)
        .filter((k) => k.startsWith(`${unit}.`))
        .map((k) => k.slice(unit.length + 1))
        .sort();
      expect(forms, unit).toEqual(categories);
    }
  });

  it('keeps the placeholders of every word pattern', () => {
    const words = set.labels['words'] as Record<string, string>;
    for (const [key, value] of Object.entries(english.labels['words'] as Record<string, string>)) {
      if (/\.(one|other)$/.test(key)) continue;
      expect(placeholders(words[key] ?? ''), key).toEqual(placeholders(value));
    }
  });

  it.each(Object.keys(base).sort())(
    '%s reads only data English reads, with helpers, partials, words and anchors that exist',
    (name) => {
      if (own[name] === undefined) return; // reported by the completeness test
      const theirs = references(own[name]!);
      const ours = references(base[name]!);
      const extra = [...theirs.data].filter((path) => !ours.data.has(path));
      expect(extra, 'data paths English does not read').toEqual([]);
      for (const helper of theirs.helpers)
        expect(HELPER_NAMES[helper] || BUILT_INS.has(helper), `helper ${helper}`).toBeTruthy();
      for (const partial of theirs.partials) expect(set.partials[partial], `partial ${partial}`).toBeDefined();
      for (const label of theirs.labels) {
        const [kind, key] = label.split(':') as [string, string];
        if (kind === 'word') expect((set.labels['words'] as Record<string, string>)[key], label).toBeDefined();
        else expect(set.labels[key], label).toBeDefined();
      }
      // Heading ids and in-page links are shared by every language, so links between versions work.
      expect([...theirs.anchors].sort(), 'heading ids and link targets').toEqual([...ours.anchors].sort());
    },
  );

  it('leaves no English wording in its templates', () => {
    // Words that are English in no other of policygen's languages ("information", "personal"
    // and "data" are French, Spanish or Portuguese too).
    const englishOnly = /\b(?:the|and|our|your|you|we|with|which|this|that|from|will|have|about|who)\b/g;
    for (const [name, source] of Object.entries(own)) {
      // Template logic, link targets and inline code are not wording.
      const text = source
        .replace(/\{\{[\s\S]*?\}\}/g, ' ')
        .replace(/\]\([^)]*\)/g, ']')
        .replace(/\{#[a-z0-9-]+\}/g, ' ');
      const hits = [...text.matchAll(englishOnly)].map((m) => m[0]);
      // A proper name may contain one such word (a law's English title); a sentence has many.
      expect(hits.length, `${name}: ${hits.slice(0, 8).join(' ')}`).toBeLessThan(4);
    }
  });
});

describe('every jurisdiction supplement renders in every locale, with the same sections as English', () => {
  const outline = (text: string, code: string, locale: string) => {
    const result = compile({ file: `${code}.yaml`, text }, { locale, allowFallback: true, formats: ['json'] });
    expect(
      result.diagnostics.filter((d) => d.code !== 'missing-translation'),
      locale,
    ).toEqual([]);
    return (JSON.parse(result.outputs[0]!.content) as { sections: { id: string }[] }).sections.map((s) => s.id);
  };
  for (const code of jurisdictionCodes()) {
    it(code, () => {
      const text = readFileSync(new URL(`./jurisdictions/${code}.yaml`, import.meta.url), 'utf8');
      const english = outline(text, code, 'en');
      expect(english).toContain(`jurisdiction-${code}`);
      for (const locale of others) expect(outline(text, code, locale), locale).toEqual(english);
    });
  }
});

/**
 * What a policy states, whatever its language: the model with every per-language text taken
 * out (LOCALIZED_FIELDS, and the words of durations), the sections, jurisdictions and disclosures.
 */
function facts(json: string): unknown {
  const output = JSON.parse(json) as Record<string, unknown> & { model: Record<string, unknown> };
  const model = structuredClone(output.model);
  const drop = (node: unknown, segments: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const [head, ...rest] = segments as [string, ...string[]];
    if (head === '*') {
      if (!Array.isArray(node)) return;
      // A list of texts: how many there are is a fact, what they say is not.
      if (rest.length === 0) node.fill('(text)');
      else for (const item of node) drop(item, rest);
      return;
    }
    const record = node as Record<string, unknown>;
    if (rest.length === 0) delete record[head];
    else drop(record[head], rest);
  };
  for (const pattern of LOCALIZED_FIELDS) drop(model, pattern.split('/').slice(1));
  // Durations keep their facts (kind, amount, unit, iso); their events and one-text forms are words.
  const words = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(words);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['kind'] === 'string' && ['period', 'while', 'until'].includes(record['kind'] as string))
      for (const key of ['after', 'condition', 'event']) delete record[key];
    for (const key of Object.keys(record)) if (key.endsWith('_text')) delete record[key];
    Object.values(record).forEach(words);
  };
  words(model);
  const { sections, jurisdictions, disclosures, effective, last_updated, organization } = output;
  return {
    model,
    sections: (sections as { id: string; citation?: string; headings: { id: string; depth: number }[] }[]).map((s) => [
      s.id,
      s.citation,
      s.headings.map((h) => [h.id, h.depth]),
    ]),
    jurisdictions,
    disclosures,
    effective,
    last_updated,
    organization,
  };
}

const EXAMPLES = readdirSync(new URL('../examples/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('every example builds in every locale, without warnings, stating the same facts', () => {
  for (const example of EXAMPLES) {
    it(example, () => {
      const text = readFileSync(new URL(`../examples/${example}`, import.meta.url), 'utf8');
      const build = (locale: string) => compile({ file: example, text }, { locale });
      const english = build('en');
      expect(english.diagnostics).toEqual([]);
      const expected = facts(english.outputs.find((o) => o.format === 'json')!.content);
      for (const locale of others) {
        const result = build(locale);
        expect(result.diagnostics, locale).toEqual([]);
        expect(
          result.outputs.map((o) => o.format),
          locale,
        ).toEqual(['md', 'html', 'json']);
        expect(facts(result.outputs.find((o) => o.format === 'json')!.content), locale).toEqual(expected);
      }
    });
  }
});
