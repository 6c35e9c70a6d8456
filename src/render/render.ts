import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { BoundedCache } from '../bounded-cache.js';
import { loadGenerated } from '../load-generated.js';
import type { Jurisdiction } from '../jurisdictions/registry.js';
import type { Model } from '../normalize/normalize.js';
import { SECTION_IDS } from '../normalize/vocabulary.js';
import { HELPER_NAMES, registerHelpers, rendering, type MadeValue } from './helpers.js';
import type { TemplateSet } from './templates.js';
import { TokenTable } from './tokens.js';
import { planReads, unreadFields, type ReadPlan } from './unused.js';
import { toPointer } from '../diagnostics/diagnostic.js';
import { buildView, type DeclaredPath, type ViewShape } from './view.js';

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
  /**
   * The JSON pointers of the declared fields no template read (see unused.ts), when render()
   * was given the declaration.
   */
  unread?: readonly string[];
}

/** A problem in a user's template, at its file, line and column. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** The most Markdown one section may produce: a runaway user template stops here. */
export const MAX_SECTION_LENGTH = 1_000_000;

type Compiled = {
  hb: typeof Handlebars;
  sections: Map<string, HandlebarsTemplateDelegate>;
  clause: HandlebarsTemplateDelegate;
  supplements: Map<string, HandlebarsTemplateDelegate>;
  /** Compiles one template of the set: a user's strictly, policygen's own precompiled. */
  build: (name: string, source: string) => HandlebarsTemplateDelegate;
  /** This set's renders by view: see render(). */
  renders: RenderCache;
};
const compiledSets = new WeakMap<TemplateSet, Compiled>();

/** Compiles a template set once, in a Handlebars environment of its own. */
function compileSet(set: TemplateSet): Compiled {
  let compiled = compiledSets.get(set);
  if (compiled) return compiled;
  const hb = Handlebars.create();
  registerHelpers(hb, set.labels, set.locale);
  const files = set.files ?? {};
  const build = (name: string, source: string): HandlebarsTemplateDelegate => {
    const file = files[name];
    if (file === undefined) return trusted(hb, source, set.locale);
    // A user's template: strict about missing fields, limited to the helpers policygen defines,
    // and parsed now so that a syntax error is reported before anything renders.
    try {
      hb.parse(source);
    } catch (error) {
      throw templateError(error, file, source);
    }
    const template = hb.compile(source, { preventIndent: true, strict: true, knownHelpersOnly: true, knownHelpers: HELPER_NAMES });
    return (context: unknown) => {
      try {
        const out = template(context);
        if (out.length > MAX_SECTION_LENGTH) throw new TemplateError(`renders more than ${MAX_SECTION_LENGTH} characters`, file);
        return out;
      } catch (error) {
        throw templateError(error, file, source);
      }
    };
  };
  for (const [name, source] of Object.entries(set.partials)) hb.registerPartial(name, build(`partials/${name}`, source));
  const sections = new Map<string, HandlebarsTemplateDelegate>();
  for (const id of SECTION_IDS) {
    if (id === 'jurisdictions') continue;
    const source = set.sections[id];
    if (source === undefined) throw new Error(`templates/${set.locale}: the section template ${id}.md.hbs is missing`);
    sections.set(id, build(id, source));
  }
  const clause = set.partials['clause'];
  if (clause === undefined) throw new Error(`templates/${set.locale}: partials/clause.md.hbs is missing`);
  compiled = { hb, sections, clause: build('partials/clause', clause), supplements: new Map(), build, renders: newRenderCache() };
  renderCaches.add(new WeakRef(compiled.renders));
  compiledSets.set(set, compiled);
  return compiled;
}

/**
 * Renders every section's clause template against the model. A section whose template
 * renders nothing but whitespace is left out of the policy. Custom clauses follow the
 * section they name.
 */
export function render(
  model: Model,
  set: TemplateSet,
  jurisdictions: readonly Jurisdiction[] = [],
  extra: { version?: string; recipientsDeclared?: boolean; declared?: unknown } = {},
): Rendered {
  const compiled = compileSet(set);
  const tokens = new TokenTable();
  const shape: ViewShape = { plain: true };
  const view: Record<string, unknown> = {
    ...buildView(model, tokens, jurisdictions, shape),
    ...(extra.version ? { version: tokens.token(extra.version) } : {}),
    // "We disclose to no one" needs recipients declared, even as []: a missing list says nothing.
    recipients_declared: extra.recipientsDeclared ?? model.recipients.length > 0,
  };

  // What templates print depends only on the view, in which every value is a token: a view
  // seen before (the same declaration, or one that differs only in its values) renders as
  // it did then. Helpers' values are made again, in the same order, from this view's values.
  const key = shape.plain ? renderKey(view) : undefined;
  const seen = key === undefined ? undefined : compiled.renders.get(key);
  // A render made without the declaration did not note what it read: one that needs that renders again.
  if (seen && reusable(seen, jurisdictions, tokens) && (extra.declared === undefined || seen.reads)) {
    renderStats.hits++;
    // The same view reads the same keys, but the declaration may hold keys the view does not
    // show (a default written out, such as vendors: []): what was not read is this one's.
    const unread = extra.declared !== undefined && seen.reads ? unreadFields(extra.declared, seen.reads) : undefined;
    return { sections: seen.sections.map((section) => ({ ...section })), tokens, ...(unread ? { unread } : {}) };
  }
  // A view seen before whose helpers' values repeat differently renders afresh (the tokens
  // they just made are the ones the render makes, in the same order).
  if (seen) renderStats.stale++;
  const clausesAfter = new Map<string, Record<string, unknown>[]>();
  const viewClauses = view['clauses'] as Record<string, unknown>[];
  for (const clause of viewClauses) {
    const list = clausesAfter.get(clause['after'] as string) ?? [];
    list.push(clause);
    clausesAfter.set(clause['after'] as string, list);
  }

  const sections: RenderedSection[] = [];
  const made: MadeValue[] = [];
  // With the declaration at hand, note which of its fields the templates read.
  const traced = extra.declared !== undefined && shape.trace ? shape.trace() : undefined;
  const read = new Map<object, Set<string>>();
  traced?.paths.set(view, []);
  const recorded = traced ? recorder(traced.paths, read) : <T>(value: T) => value;
  rendering.tokens = tokens;
  rendering.made = made;
  try {
    renderSections();
  } finally {
    rendering.tokens = undefined;
    rendering.made = undefined;
  }
  let reads: ReadPlan | undefined;
  if (traced) {
    const keys = new Map<string, Set<string>>();
    for (const [object, names] of read) {
      const pointer = toPointer(traced.paths.get(object)!);
      keys.set(pointer, new Set([...(keys.get(pointer) ?? []), ...names]));
    }
    reads = planReads(keys, traced.mappings);
  }
  const unread = reads ? unreadFields(extra.declared, reads) : undefined;
  // A view seen before reads the same keys: the cache keeps them with the render.
  if (key !== undefined) compiled.renders.set(key, { jurisdictions: [...jurisdictions], sections: sections.map((section) => ({ ...section })), made, ...(reads ? { reads } : {}) });
  return { sections, tokens, ...(unread ? { unread } : {}) };

  function renderSections() {
    const place = (id: string) => {
      for (const clause of clausesAfter.get(id) ?? []) {
        sections.push({ id: clause['id'] as string, markdown: compiled.clause(recorded(clause)) });
        place(clause['id'] as string);
      }
    };
    for (const id of SECTION_IDS) {
      if (id === 'jurisdictions') {
        for (const jurisdiction of jurisdictions) {
          const context = { ...view, jurisdiction, jurisdiction_mechanisms: mechanismsFor(jurisdiction, model) };
          traced?.paths.set(context, []);
          const markdown = supplement(compiled, set, jurisdiction)(recorded(context));
          if (markdown.trim() !== '') sections.push({ id: `jurisdiction-${jurisdiction.code}`, markdown, citation: `${jurisdiction.short} (${jurisdiction.law})` });
        }
      } else {
        const markdown = compiled.sections.get(id)!(recorded(view));
        if (markdown.trim() !== '') sections.push({ id, markdown });
      }
      place(id);
    }
  }
}

interface SeenRender {
  jurisdictions: readonly Jurisdiction[];
  sections: RenderedSection[];
  made: MadeValue[];
  reads?: ReadPlan;
}

/**
 * Wraps the view so that every declared field a template (or a helper it calls) looks up is
 * noted, by its JSON pointer. The same view always reads the same fields, so a render from
 * the cache reports what the render it stands for read.
 */
function recorder(paths: WeakMap<object, DeclaredPath>, read: Map<object, Set<string>>): <T extends object>(value: T) => T {
  const proxies = new WeakMap<object, object>();
  const wrap = <T extends object>(target: T): T => {
    let proxy = proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get(object, property, receiver) {
          const value: unknown = Reflect.get(object, property, receiver);
          if (typeof property !== 'string') return value;
          if (paths.has(object)) {
            let names = read.get(object);
            if (!names) read.set(object, (names = new Set()));
            names.add(property);
          }
          if (value === null || typeof value !== 'object') return value;
          // A proxy must return a frozen property's own value.
          const own = Object.getOwnPropertyDescriptor(object, property);
          return own && !own.configurable && !own.writable ? value : wrap(value);
        },
      });
      proxies.set(target, proxy);
    }
    return proxy as T;
  };
  return wrap;
}

/**
 * Whether a render seen before stands for this one: the same jurisdiction objects, and each
 * value the helpers made then gets the same token now (made again, in order, from this
 * declaration's values).
 */
function reusable(seen: SeenRender, jurisdictions: readonly Jurisdiction[], tokens: TokenTable): boolean {
  return (
    seen.jurisdictions.length === jurisdictions.length &&
    seen.jurisdictions.every((j, i) => j === jurisdictions[i]) &&
    seen.made.every((made) => tokens.indexOf(tokens.token(tokens.expand(made.text))) === made.index)
  );
}

/**
 * One template set's renders by view, up to 1M characters of keys and Markdown, least
 * recently used out first: a batch of different declarations renders each once and never
 * again.
 */
type RenderCache = BoundedCache<SeenRender>;
const newRenderCache = (): RenderCache => new BoundedCache<SeenRender>(1024 * 1024, (key, seen) => key.length + seen.sections.reduce((n, section) => n + section.markdown.length, 0));
/** Every set's cache, for clearRenderCache (sets that are gone drop out). */
const renderCaches = new Set<WeakRef<RenderCache>>();

/**
 * The view as JSON, without the supplements' jurisdiction data: that is policygen's own,
 * named by the view's jurisdiction codes (and a hit checks it is the same objects).
 */
function renderKey(view: Record<string, unknown>): string {
  const { declared_jurisdictions: _, ...rest } = view;
  return JSON.stringify(rest);
}

/** How many renders came from the cache, and how many found their view there but could not use it (for tests). */
export const renderStats = { hits: 0, stale: 0 };

/** Forgets every render (the benchmark's path where nothing has been seen). */
export function clearRenderCache(): void {
  for (const ref of renderCaches) {
    const cache = ref.deref();
    if (cache) cache.clear();
    else renderCaches.delete(ref);
  }
}

/** A jurisdiction's supplement template in the set's locale, compiled once in the set's environment. */
function supplement(compiled: Compiled, set: TemplateSet, jurisdiction: Jurisdiction): HandlebarsTemplateDelegate {
  let template = compiled.supplements.get(jurisdiction.code);
  if (!template) {
    const source = set.supplements[jurisdiction.code];
    if (source === undefined) throw new Error(`templates/${set.locale}: no supplement for jurisdiction ${jurisdiction.code} (jurisdictions/${jurisdiction.code}.md.hbs)`);
    template = compiled.build(`jurisdictions/${jurisdiction.code}`, source);
    compiled.supplements.set(jurisdiction.code, template);
  }
  return template;
}

/** A Handlebars error (or a runaway recursion) as a TemplateError at the template's position. */
function templateError(error: unknown, file: string, source = ''): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof RangeError) return new TemplateError('recurses too deeply (a partial that includes itself?)', file);
  const message = error instanceof Error ? error.message : String(error);
  const props = error as { lineNumber?: number; column?: number };
  const parse = /Parse error on line (\d+)/.exec(message);
  const strict = / - (\d+):(\d+)$/.exec(message);
  const line = props.lineNumber ?? (parse ? Number(parse[1]) : strict ? Number(strict[1]) : undefined);
  const column = props.column !== undefined ? props.column + 1 : strict ? Number(strict[2]) + 1 : undefined;
  let text = message.split('\n')[0]!.replace(/ - \d+:\d+$/, '');
  if (strict && line !== undefined && column !== undefined) {
    // Strict mode names only the last segment ("name"); show the whole path the template wrote.
    const path = /^[\w.@/-]+/.exec(source.split('\n')[line - 1]?.slice(column - 1) ?? '')?.[0];
    if (path) text = `prints "${path}", which does not exist`;
  }
  return new TemplateError(text, file, line, column);
}

/**
 * The declared transfer mechanisms that mean something under a jurisdiction's law (listed in
 * its module's extra.transfer_mechanisms), so that, say, a Chinese security assessment is
 * not offered as a GDPR safeguard. Without such a list, all of them.
 */
function mechanismsFor(jurisdiction: Jurisdiction, model: Model): string[] {
  const declared = model.transfers?.mechanisms ?? [];
  const known = (jurisdiction as { extra?: { transfer_mechanisms?: string[] } }).extra?.transfer_mechanisms;
  return known ? declared.filter((m) => known.includes(m)) : [...declared];
}

const precompiled = new Map<string, Record<string, TemplateSpecification> | null>();

/**
 * One of policygen's own templates: precompiled when the package was built
 * (scripts/precompile.mjs, one file per locale) if that was made from this very source,
 * compiled here otherwise.
 */
function trusted(hb: typeof Handlebars, source: string, locale: string): HandlebarsTemplateDelegate {
  let specs = precompiled.get(locale);
  if (specs === undefined) {
    try {
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$/.test(locale)) throw new Error('not a locale');
      specs = loadGenerated(`templates/${locale}.cjs`) as Record<string, TemplateSpecification>;
    } catch {
      specs = null;
    }
    precompiled.set(locale, specs);
  }
  const spec = specs?.[createHash('sha256').update(source).digest('hex')];
  return spec ? hb.template(spec) : hb.compile(source, { preventIndent: true });
}
