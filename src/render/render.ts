import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { blockRuleProblems } from './block-rule.js';
import { compileFor, parse } from './handlebars-compiler.js';
import { createHash } from 'node:crypto';
import { BoundedCache } from '../bounded-cache.js';
import { loadGenerated } from '../load-generated.js';
import { mechanismsFor, type Jurisdiction } from '../jurisdictions/registry.js';
import { sensitiveUnder, type Model } from '../normalize/normalize.js';
import { SECTION_IDS } from '../normalize/vocabulary.js';
import { HELPER_NAMES, registerHelpers, rendering, type MadeValue } from './helpers.js';
import type { TemplateSet } from './templates.js';
import { TokenTable } from './tokens.js';
import { planReads, unreadFields, type ReadPlan } from './unused.js';
import { toPointer } from '../diagnostics/diagnostic.js';
import { buildView, type DeclaredPath, type ViewShape } from './view.js';
import { compileTraced, CLOSE, BRANCH, CONDITION, MARK } from './instrument.js';
import { RenderTrace, tracing } from './tracing.js';
import { derivedSources, declaredCodes, objectCitations, objectSources, sourceResolver } from './sources.js';
import { stripMarkers, type Range } from './ranges.js';

/** One section of the policy as rendered Markdown, with value tokens still in it. */
export interface RenderedSection {
  id: string;
  markdown: string;
  /** The law a jurisdiction supplement implements, e.g. "GDPR (Regulation (EU) 2016/679)". */
  citation?: string;
  /** In a traced render: the stretches of `markdown` each traced event printed. */
  ranges?: Range[];
}

/** What a traced render found: per event, the declared nodes it depends on (see sources.ts). */
export interface RenderProvenance {
  /** `item`: for a branch that is one item of a declared list (an `#each` iteration), the item's pointer. */
  events: {
    helper: string;
    sources: string[];
    parent?: number;
    item?: string;
    /** For a branch over one of policygen's own objects (a right): it stands on its own, not on its list. */
    own?: true;
    /** The provisions the event's objects cite (a right's articles). */
    citations?: string[];
  }[];
}

export interface Rendered {
  sections: RenderedSection[];
  tokens: TokenTable;
  /**
   * The JSON pointers of the declared fields no template read (see unused.ts), when render()
   * was given the declaration.
   */
  unread?: readonly string[];
  /** With `trace`: where each stretch of each section's Markdown comes from. */
  provenance?: RenderProvenance;
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
};
const compiledSets = new WeakMap<TemplateSet, Compiled>();
const tracedSets = new WeakMap<TemplateSet, Compiled>();
/** The helpers a traced template calls besides a template's own (see instrument.ts). */
const TRACED_HELPERS: Record<string, true> = {
  ...HELPER_NAMES,
  [MARK]: true,
  [CLOSE]: true,
  [BRANCH]: true,
  [CONDITION]: true,
};

/**
 * Compiles a template set once, in a Handlebars environment of its own; `traced`, with the
 * provenance markers of instrument.ts (compiled from source, in an environment of their own).
 */
function compileSet(set: TemplateSet, traced = false): Compiled {
  const sets = traced ? tracedSets : compiledSets;
  let compiled = sets.get(set);
  if (compiled) return compiled;
  // The runtime: policygen's templates are precompiled; a template that is not is compiled by
  // handlebars-compiler.ts, loaded only then.
  const hb = (HandlebarsRuntime as unknown as typeof Handlebars).create();
  registerHelpers(hb, set.labels, set.locale);
  const files = set.files ?? {};
  const build = (name: string, source: string): HandlebarsTemplateDelegate => {
    const file = files[name];
    if (file === undefined) return trusted(hb, source, set.locale, traced);
    // A user's template: strict about missing fields, limited to the helpers policygen defines,
    // and parsed now so that a syntax error is reported before anything renders.
    let ast: hbs.AST.Program;
    try {
      ast = parse(source);
    } catch (error) {
      throw templateError(error, file, source);
    }
    // Blocks choose or repeat whole Markdown blocks, or stay inside one line (block-rule.ts).
    const [first, ...more] = blockRuleProblems(ast, source);
    if (first) {
      const others = more.length === 0 ? '' : ` (and ${more.length} more in this file)`;
      throw new TemplateError(first.message + others, file, first.line, first.column);
    }
    // The markers' helpers are policygen's: a template that names them could forge provenance.
    const reserved = /__pv_\w*/.exec(source);
    if (reserved) throw templateError(new Error(`uses "${reserved[0]}", a name policygen reserves`), file, source);
    // Handlebars' {{log}} writes to the terminal, where a reporter's JSON or SARIF goes.
    const log = /\{\{~?\s*#?\s*log\b/.exec(source);
    if (log) {
      const line = source.slice(0, log.index).split('\n').length;
      throw new TemplateError(
        'uses {{log}}, which would write to the terminal, where diagnostics go',
        file,
        line,
        log.index - source.lastIndexOf('\n', log.index - 1),
      );
    }
    const strictly = {
      preventIndent: true,
      strict: true,
      knownHelpersOnly: true,
      knownHelpers: traced ? TRACED_HELPERS : HELPER_NAMES,
    };
    let template: HandlebarsTemplateDelegate;
    try {
      template = traced ? compileTraced(hb, source, strictly) : compileFor(hb, source, strictly);
    } catch (error) {
      // Compiling finds an unknown helper (knownHelpersOnly) before anything renders.
      throw templateError(error, file, source);
    }
    return (context: unknown) => {
      try {
        const out = template(context);
        if (out.length > MAX_SECTION_LENGTH)
          throw new TemplateError(`renders more than ${MAX_SECTION_LENGTH} characters`, file);
        return out;
      } catch (error) {
        throw templateError(error, file, source);
      }
    };
  };
  for (const [name, source] of Object.entries(set.partials))
    hb.registerPartial(name, build(`partials/${name}`, source));
  const sections = new Map<string, HandlebarsTemplateDelegate>();
  for (const id of SECTION_IDS) {
    if (id === 'jurisdictions') continue;
    const source = set.sections[id];
    if (source === undefined) throw new Error(`templates/${set.locale}: the section template ${id}.md.hbs is missing`);
    sections.set(id, build(id, source));
  }
  const clause = set.partials['clause'];
  if (clause === undefined) throw new Error(`templates/${set.locale}: partials/clause.md.hbs is missing`);
  compiled = { hb, sections, clause: build('partials/clause', clause), supplements: new Map(), build };
  sets.set(set, compiled);
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
  extra: { version?: string; recipientsDeclared?: boolean; declared?: unknown; trace?: boolean } = {},
  memo?: RenderMemo,
): Rendered {
  // A traced render needs the declaration, to tell declared nodes from defaults.
  const trace = extra.trace && extra.declared !== undefined ? new RenderTrace() : undefined;
  const compiled = compileSet(set, trace !== undefined);
  const tokens = new TokenTable();
  // Renders are kept only in a session.
  const renders = memo && rendersOf(memo, compiled);
  const shape: ViewShape = { plain: true };
  const view: Record<string, unknown> = {
    ...buildView(model, tokens, jurisdictions, shape),
    ...(extra.version ? { version: tokens.token(extra.version) } : {}),
    // "We disclose to no one" needs recipients declared, even as []: a missing list says nothing.
    recipients_declared: extra.recipientsDeclared ?? model.recipients.length > 0,
    // The declared transfer mechanisms by the declared law that knows them (a security
    // assessment is the PIPL's, not the GDPR's): what the general transfers section states.
    transfer_laws: jurisdictions
      .map((j) => ({ code: j.code, mechanisms: mechanismsFor(j, model.transfers?.mechanisms ?? []) }))
      .filter((law) => law.mechanisms.length > 0),
  };

  // What templates print depends only on the view, in which every value is a token: a view
  // seen before (the same declaration, or one that differs only in its values) renders as
  // it did then. Helpers' values are made again, in the same order, from this view's values.
  // A traced render's sources depend on which nodes the declaration holds, not only on the view.
  const key =
    shape.key === undefined
      ? undefined
      : `${shape.key}\u0000${JSON.stringify([view['version'], view['recipients_declared'], view['transfer_laws']])}${trace ? `\u0000${structure(extra.declared)}` : ''}`;
  const seen = key === undefined ? undefined : renders?.get(key);
  // A render made without the declaration did not note what it read: one that needs that renders again.
  if (seen && reusable(seen, jurisdictions, tokens) && (extra.declared === undefined || seen.reads)) {
    memo!.stats.hits++;
    // The same view reads the same keys, but the declaration may hold keys the view does not
    // show (a default written out, such as vendors: []): what was not read is this one's.
    const unread = extra.declared !== undefined && seen.reads ? unreadFields(extra.declared, seen.reads) : undefined;
    return {
      sections: seen.sections.map((section) => ({ ...section })),
      tokens,
      ...(unread ? { unread } : {}),
      ...(seen.provenance ? { provenance: seen.provenance } : {}),
    };
  }
  // A view seen before whose helpers' values repeat differently renders afresh (the tokens
  // they just made are the ones the render makes, in the same order).
  if (seen) memo!.stats.stale++;
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
  const recorded = traced ? recorder(traced.paths, read, trace) : <T>(value: T) => value;
  // The contexts templates start from, with the flags and lists derived at their root.
  const roots = new Map<object, Record<string, string[]>>();
  const derived = trace ? derivedSources(model, extra.declared, jurisdictions) : {};
  roots.set(view, derived);
  rendering.tokens = tokens;
  rendering.made = made;
  tracing.current = trace;
  try {
    renderSections();
  } finally {
    rendering.tokens = undefined;
    rendering.made = undefined;
    tracing.current = undefined;
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
  const provenance =
    trace && traced
      ? resolveTrace(
          trace,
          sourceResolver(
            extra.declared,
            traced.paths,
            roots,
            objectSources(view, model, extra.declared, jurisdictions),
            objectCitations(view),
          ),
        )
      : undefined;
  if (key !== undefined) {
    const entry: SeenRender = {
      jurisdictions: [...jurisdictions],
      sections: sections.map((section) => ({ ...section })),
      made,
      ...(reads ? { reads } : {}),
      ...(provenance ? { provenance } : {}),
    };
    renders?.set(key, entry);
  }
  return { sections, tokens, ...(unread ? { unread } : {}), ...(provenance ? { provenance } : {}) };

  function renderSections() {
    // A traced render's Markdown loses its markers here, keeping where each range was.
    const section = (id: string, marked: string, citation?: string) => {
      const { markdown, ranges } = trace ? stripMarkers(marked) : { markdown: marked, ranges: undefined };
      if (markdown.trim() !== '')
        sections.push({ id, markdown, ...(citation ? { citation } : {}), ...(ranges ? { ranges } : {}) });
    };
    const place = (id: string) => {
      for (const clause of clausesAfter.get(id) ?? []) {
        section(clause['id'] as string, compiled.clause(recorded(clause)));
        place(clause['id'] as string);
      }
    };
    const codes = trace ? declaredCodes(extra.declared) : undefined;
    for (const id of SECTION_IDS) {
      if (id === 'jurisdictions') {
        for (const jurisdiction of jurisdictions) {
          const mechanisms = mechanismsFor(jurisdiction, model.transfers?.mechanisms ?? []);
          // Each law's section sees the categories sensitive under that law only.
          const context = {
            ...view,
            jurisdiction,
            jurisdiction_mechanisms: mechanisms,
            sensitive_data: sensitiveFor(view, model, jurisdiction.code),
          };
          traced?.paths.set(context, []);
          if (codes) {
            const declaredMechanisms = model.transfers?.mechanisms ?? [];
            roots.set(context, {
              ...derived,
              jurisdiction: codes.has(jurisdiction.code) ? [`/jurisdictions/${codes.get(jurisdiction.code)}`] : [],
              jurisdiction_mechanisms: mechanisms.map(
                (m) => `/transfers/mechanisms/${(declaredMechanisms as string[]).indexOf(m)}`,
              ),
            });
          }
          section(
            `jurisdiction-${jurisdiction.code}`,
            supplement(compiled, set, jurisdiction)(recorded(context)),
            `${jurisdiction.short} (${jurisdiction.law})`,
          );
          // A clause may follow one law's section (after: jurisdiction-us-ca), as its id in
          // the HTML and the JSON is.
          place(`jurisdiction-${jurisdiction.code}`);
        }
      } else {
        section(id, compiled.sections.get(id)!(recorded(view)));
      }
      place(id);
    }
  }
}

interface SeenRender {
  jurisdictions: readonly Jurisdiction[];
  sections: RenderedSection[];
  made: MadeValue[];
  /** A traced render's: shared, read-only. */
  provenance?: RenderProvenance;
  reads?: ReadPlan;
}

/**
 * Wraps the view so that every declared field a template (or a helper it calls) looks up is
 * noted, by its JSON pointer. The same view always reads the same fields, so a render from
 * the cache reports what the render it stands for read.
 */
function recorder(
  paths: WeakMap<object, DeclaredPath>,
  read: Map<object, Set<string>>,
  trace?: RenderTrace,
): <T extends object>(value: T) => T {
  const proxies = new WeakMap<object, object>();
  const wrap = <T extends object>(target: T): T => {
    let proxy = proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get(object, property, receiver) {
          const value: unknown = Reflect.get(object, property, receiver);
          if (typeof property !== 'string') return value;
          trace?.read(object, property);
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
      trace?.targets.set(proxy, target);
    }
    return proxy as T;
  };
  return wrap;
}

/** Each event of a traced render with the declared nodes it depends on, in order. */
function resolveTrace(trace: RenderTrace, resolve: ReturnType<typeof sourceResolver>): RenderProvenance {
  return {
    events: trace.events.map((event) => {
      const sources = new Set<string>();
      for (const read of event.reads) for (const pointer of resolve(read)) sources.add(pointer);
      const item = event.context ? resolve.of(event.context) : [];
      for (const pointer of item) sources.add(pointer);
      const one = item.length === 1 && /\/\d+$/.test(item[0]!) ? item[0] : undefined;
      const own = event.context !== undefined && resolve.explicit(event.context);
      const citations = new Set<string>();
      for (const [object] of event.reads) for (const citation of resolve.citations(object)) citations.add(citation);
      if (event.context) for (const citation of resolve.citations(event.context)) citations.add(citation);
      return {
        helper: event.helper,
        sources: [...sources],
        ...(event.parent !== undefined ? { parent: event.parent } : {}),
        ...(one ? { item: one } : {}),
        ...(own ? { own: true as const } : {}),
        ...(citations.size ? { citations: [...citations] } : {}),
      };
    }),
  };
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
 * Renders by view, kept by a Session: per compiled template set (plain and traced), up to 1M
 * characters of keys and Markdown each, least recently used out first, so that a batch of
 * different declarations renders each once and never again. `stats` counts the renders that
 * came from it, and those whose view it held but could not use (for tests).
 */
export interface RenderMemo {
  sets: WeakMap<object, BoundedCache<SeenRender>>;
  stats: { hits: number; stale: number };
}

export function newRenderMemo(): RenderMemo {
  return { sets: new WeakMap(), stats: { hits: 0, stale: 0 } };
}

function rendersOf(memo: RenderMemo, compiled: Compiled): BoundedCache<SeenRender> {
  let renders = memo.sets.get(compiled);
  if (!renders)
    memo.sets.set(
      compiled,
      (renders = new BoundedCache<SeenRender>(
        1024 * 1024,
        (key, seen) => key.length + seen.sections.reduce((n, section) => n + section.markdown.length, 0),
      )),
    );
  return renders;
}

/**
 * The view as JSON, without the supplements' jurisdiction data: that is policygen's own,
 * named by the view's jurisdiction codes (and a hit checks it is the same objects).
 */
/**
 * Which nodes a declaration holds, without their values: its keys and the lengths of its lists,
 * with every plain value as 0. Two declarations with the same structure and the same view give
 * a traced render the same sources.
 */
function structure(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(structure).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${structure((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return '0';
}

/** The view's sensitive categories that are sensitive under one jurisdiction's law (by id). */
function sensitiveFor(view: Record<string, unknown>, model: Model, code: string): unknown[] {
  const all = (view['sensitive_data'] ?? []) as { id?: unknown }[];
  if (model.data.every((d) => typeof d.sensitive === 'boolean')) return all;
  const under = new Set(model.data.filter((d) => sensitiveUnder(d, code)).map((d) => d.id));
  return all.filter((d) => under.has(d.id as string));
}

/** A jurisdiction's supplement template in the set's locale, compiled once in the set's environment. */
function supplement(compiled: Compiled, set: TemplateSet, jurisdiction: Jurisdiction): HandlebarsTemplateDelegate {
  let template = compiled.supplements.get(jurisdiction.code);
  if (!template) {
    const source = set.supplements[jurisdiction.code];
    if (source === undefined)
      throw new Error(
        `templates/${set.locale}: no supplement for jurisdiction ${jurisdiction.code} (jurisdictions/${jurisdiction.code}.md.hbs)`,
      );
    template = compiled.build(`jurisdictions/${jurisdiction.code}`, source);
    compiled.supplements.set(jurisdiction.code, template);
  }
  return template;
}

/** A Handlebars error (or a runaway recursion) as a TemplateError at the template's position. */
function templateError(error: unknown, file: string, source = ''): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof RangeError)
    return new TemplateError('recurses too deeply (a partial that includes itself?)', file);
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

const precompiled = new Map<string, Record<string, TemplateSpecification> | null>();

/**
 * One of policygen's own templates: precompiled when the package was built
 * (scripts/precompile.mjs, one file per locale and variant) if that was made from this very
 * source, compiled here otherwise. `traced`: with the provenance markers of instrument.ts.
 */
function trusted(hb: typeof Handlebars, source: string, locale: string, traced: boolean): HandlebarsTemplateDelegate {
  const file = `templates/${locale}${traced ? '.traced' : ''}.cjs`;
  let specs = precompiled.get(file);
  if (specs === undefined) {
    try {
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$/.test(locale)) throw new Error('not a locale');
      specs = loadGenerated(file) as Record<string, TemplateSpecification>;
    } catch {
      specs = null;
    }
    precompiled.set(file, specs);
  }
  const spec = specs?.[createHash('sha256').update(source).digest('hex')];
  if (spec) return hb.template(spec);
  return traced ? compileTraced(hb, source, { preventIndent: true }) : compileFor(hb, source, { preventIndent: true });
}
