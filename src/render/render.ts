import Handlebars from 'handlebars';
import type { Jurisdiction } from '../jurisdictions/registry.js';
import type { Model } from '../normalize/normalize.js';
import { SECTION_IDS } from '../normalize/vocabulary.js';
import { registerHelpers } from './helpers.js';
import type { TemplateSet } from './templates.js';
import { TokenTable } from './tokens.js';
import { buildView } from './view.js';

/** One section of the policy as rendered Markdown, with value tokens still in it. */
export interface RenderedSection {
  id: string;
  markdown: string;
  /** The law a jurisdiction supplement implements, e.g. "GDPR (Regulation (EU) 2016/679)". */
  citation?: string;
}

export interface Rendered {
  sections: RenderedSection[];
  tokens: TokenTable;
}

type Compiled = {
  hb: typeof Handlebars;
  sections: Map<string, HandlebarsTemplateDelegate>;
  clause: HandlebarsTemplateDelegate;
  supplements: Map<string, HandlebarsTemplateDelegate>;
};
const compiledSets = new WeakMap<TemplateSet, Compiled>();

/** Compiles a template set once, in a Handlebars environment of its own. */
function compileSet(set: TemplateSet): Compiled {
  let compiled = compiledSets.get(set);
  if (compiled) return compiled;
  const hb = Handlebars.create();
  registerHelpers(hb, set.labels, set.locale);
  for (const [name, source] of Object.entries(set.partials)) hb.registerPartial(name, source);
  const options = { preventIndent: true } as const;
  const sections = new Map<string, HandlebarsTemplateDelegate>();
  for (const id of SECTION_IDS) {
    if (id === 'jurisdictions') continue;
    const source = set.sections[id];
    if (source === undefined) throw new Error(`templates/${set.locale}: the section template ${id}.md.hbs is missing`);
    sections.set(id, hb.compile(source, options));
  }
  const clause = set.partials['clause'];
  if (clause === undefined) throw new Error(`templates/${set.locale}: partials/clause.md.hbs is missing`);
  compiled = { hb, sections, clause: hb.compile(clause, options), supplements: new Map() };
  compiledSets.set(set, compiled);
  return compiled;
}

/**
 * Renders every section's clause template against the model. A section whose template
 * renders nothing but whitespace is left out of the policy. Custom clauses follow the
 * section they name.
 */
export function render(model: Model, set: TemplateSet, jurisdictions: readonly Jurisdiction[] = []): Rendered {
  const compiled = compileSet(set);
  const tokens = new TokenTable();
  const view = buildView(model, tokens, jurisdictions);
  const clausesAfter = new Map<string, Record<string, unknown>[]>();
  const viewClauses = view['clauses'] as Record<string, unknown>[];
  for (const clause of viewClauses) {
    const list = clausesAfter.get(clause['after'] as string) ?? [];
    list.push(clause);
    clausesAfter.set(clause['after'] as string, list);
  }

  const sections: RenderedSection[] = [];
  const place = (id: string) => {
    for (const clause of clausesAfter.get(id) ?? []) {
      sections.push({ id: clause['id'] as string, markdown: compiled.clause(clause) });
      place(clause['id'] as string);
    }
  };
  for (const id of SECTION_IDS) {
    if (id === 'jurisdictions') {
      for (const jurisdiction of jurisdictions) {
        const markdown = supplement(compiled, jurisdiction, set.locale)({ ...view, jurisdiction });
        if (markdown.trim() !== '') sections.push({ id: `jurisdiction-${jurisdiction.code}`, markdown, citation: `${jurisdiction.short} (${jurisdiction.law})` });
      }
    } else {
      const markdown = compiled.sections.get(id)!(view);
      if (markdown.trim() !== '') sections.push({ id, markdown });
    }
    place(id);
  }
  return { sections, tokens };
}

/** A jurisdiction's supplement template for the locale, compiled once in the set's environment. */
function supplement(compiled: Compiled, jurisdiction: Jurisdiction, locale: string): HandlebarsTemplateDelegate {
  const key = `${jurisdiction.code}/${locale}`;
  let template = compiled.supplements.get(key);
  if (!template) {
    const source = jurisdiction.templates[locale];
    if (source === undefined) throw new Error(`jurisdictions/${jurisdiction.code}: no supplement template for locale ${locale} (${locale}.md.hbs)`);
    template = compiled.hb.compile(source, { preventIndent: true });
    compiled.supplements.set(key, template);
  }
  return template;
}
