import { assemble } from './assemble/assemble.js';
import { docsUrl, hasErrors, sortDiagnostics, toPointer, type Diagnostic } from './diagnostics/diagnostic.js';
import { emitHtml } from './emit/emit-html.js';
import { emitJson } from './emit/emit-json.js';
import { emitMarkdown } from './emit/emit-markdown.js';
import { readYaml } from './load/read-yaml.js';
import { readValue } from './load/read-value.js';
import { normalize, type Model } from './normalize/normalize.js';
import { render, TemplateError } from './render/render.js';
import { unusedFields } from './render/unused.js';
import { filledLength, LENGTH_BUDGET } from './render/budget.js';
import { locate, type Source } from './load/read-yaml.js';
import { bundledTemplates, type TemplateSet } from './render/templates.js';
import { declaredJurisdictions } from './jurisdictions/registry.js';
import { runRules, type RuleOptions } from './rules/run-rules.js';
import { validate } from './validate/validate.js';
import { localize } from './localize/localize.js';
import { policyVersion } from './version.js';
import { statements, unitsWhileParsing, type Statement } from './provenance/statements.js';
import { Session } from './session.js';
import { emitTrace } from './emit/emit-trace.js';
import { ruleDecisions } from './rules/decisions.js';
import { stringify } from 'yaml';

export {
  ALL_FORMATS,
  extension,
  FORMATS,
  FRONT_MATTER_FIELDS,
  type Format,
  type FrontMatterField,
  type FrontMatterMap,
} from './formats.js';
import { FORMATS, FRONT_MATTER_FIELDS, type Format, type FrontMatterField, type FrontMatterMap } from './formats.js';

/** A declaration: its YAML, or (for a site generator that has parsed it already) its value. */
export type CompileInput = YamlInput | ValueInput;

export interface YamlInput {
  /** The declaration's file name, used in diagnostics and to name outputs; never read. */
  file: string;
  /** The declaration's YAML: its text, or its bytes (which must be UTF-8). */
  text: string | Uint8Array;
}

export interface ValueInput {
  /** The declaration's file name, used in diagnostics and to name outputs; never read. */
  file: string;
  /**
   * The declaration as plain data, as a YAML 1.2 core or JSON parser gives it (no Date objects):
   * used as it is, never changed.
   */
  value: unknown;
  /** Where a path into the value was written (line and column, 1-based), for diagnostics. */
  locate?: (
    path: readonly (string | number)[],
  ) => { line: number; column: number; endLine?: number; endColumn?: number } | undefined;
}

export interface CompileOptions extends RuleOptions {
  /** Which outputs to produce. Default: md, html and json (not the review page, `trace`). */
  formats?: readonly Format[];
  /** The language of the policy: one of policygen's locales (default "en"). */
  locale?: string;
  /** Show text the declaration lacks in the locale in another of its languages, marked, with a warning (default: an error). */
  allowFallback?: boolean;
  /** The template set; default: policygen's templates for the locale. */
  templates?: TemplateSet;
  /** Treat every warning as an error. */
  strict?: boolean;
  /** Print each jurisdiction section's law under its heading (it is always in the HTML's data-citation and the JSON). */
  visibleCitations?: boolean;
  /** Markdown output: front matter fields, `{#id}` heading ids, a table of contents. */
  markdown?: { frontMatter?: readonly FrontMatterField[] | FrontMatterMap; headingIds?: boolean; toc?: boolean };
  /** HTML output: a whole page (default) or the article alone; the stylesheet of a page. */
  html?: {
    fragment?: boolean;
    stylesheet?: string;
    toc?: boolean;
    alternates?: readonly { lang: string; href: string }[];
  };
  /**
   * What to keep for later compiles (src/session.ts): pass one `new Session()` to every compile
   * of a batch, a watch loop or a site build. The outputs are the same with or without it.
   */
  session?: Session;
}

export interface Output {
  format: Format;
  content: string;
}

export interface CompileResult {
  /** Empty when the declaration has errors. */
  outputs: Output[];
  diagnostics: Diagnostic[];
  /** The resolved declaration, when it could be read and validated. */
  model?: Model;
}

/**
 * Compiles one declaration into policies, in memory: read → validate → localize → normalize →
 * rules → render (with unused-field) → assemble → emit. Bad input never throws; it comes back as
 * diagnostics, with no outputs.
 *
 * @example
 *   const { outputs, diagnostics } = compile({ file: 'policy.yaml', text }, { formats: ['md'] });
 */
export function compile(input: CompileInput, options: CompileOptions = {}): CompileResult {
  const fromValue = input !== null && typeof input === 'object' && 'value' in input && !('text' in input);
  if (
    typeof input?.file !== 'string' ||
    (!fromValue && typeof (input as YamlInput).text !== 'string' && !((input as YamlInput).text instanceof Uint8Array))
  ) {
    throw new TypeError(
      'compile(input): input must be { file: string, text: string | Uint8Array } or { file: string, value, locate? }',
    );
  }
  const formats = options.formats ?? FORMATS;
  // Without a session, one for this compile alone: what assemble finds while it parses is used
  // by the statements, and nothing is kept afterwards (renders, made once per compile, are
  // kept only in a caller's session).
  const session = options.session ?? new Session();
  const templates = options.templates ?? bundledTemplates(options.locale ?? 'en');
  const locale = templates.locale;
  const words = templates.labels['words'] as Record<string, string>;

  const { source, diagnostics: readDiagnostics } = fromValue
    ? readValue(input.file, (input as ValueInput).value, (input as ValueInput).locate)
    : readYaml(input.file, (input as YamlInput).text, options.session?.read);
  if (hasErrors(readDiagnostics)) return { outputs: [], diagnostics: readDiagnostics };

  const { declaration: declared, diagnostics: schemaDiagnostics } = validate(source);
  if (!declared) return { outputs: [], diagnostics: sortDiagnostics([...readDiagnostics, ...schemaDiagnostics]) };
  // Warnings of reading and validating (split-list) travel to the end with the later stages'.
  const early = [...readDiagnostics, ...schemaDiagnostics];

  const {
    declaration,
    diagnostics: localeDiagnostics,
    fallbacks,
  } = localize(declared, source, {
    locale,
    allowFallback: Boolean(options.allowFallback),
    mark: fallbackMark(locale, words),
    ...(words['title'] ? { defaultTitle: words['title'] } : {}),
  });
  if (hasErrors(localeDiagnostics))
    return { outputs: [], diagnostics: sortDiagnostics([...early, ...localeDiagnostics]) };

  const { model, diagnostics: normalizeDiagnostics } = normalize(declaration, source);
  if (!model || hasErrors(normalizeDiagnostics))
    return {
      outputs: [],
      diagnostics: sortDiagnostics([...early, ...localeDiagnostics, ...normalizeDiagnostics]),
      ...(model ? { model } : {}),
    };

  const jurisdictions = declaredJurisdictions(model.jurisdictions);
  // The declaration's own rule decisions, with their reasons; the command line and a config win.
  const decided = ruleDecisions(source);
  if (hasErrors(decided.diagnostics))
    return {
      outputs: [],
      diagnostics: sortDiagnostics([...early, ...localeDiagnostics, ...normalizeDiagnostics, ...decided.diagnostics]),
      model,
    };
  const ruleSettings = { ...decided.settings, ...options.rules };
  // Warnings from reading the YAML (errors stopped the build above) travel to the end.
  let diagnostics = [
    ...early,
    ...localeDiagnostics,
    ...normalizeDiagnostics,
    ...decided.diagnostics,
    ...runRules(model, source, jurisdictions, { ...options, rules: ruleSettings }),
  ];
  if (options.strict)
    diagnostics = diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d));
  // Without formats (validate) the policy is still rendered: a declared field it drops is reported too.
  if (hasErrors(diagnostics)) return { outputs: [], diagnostics: sortDiagnostics(diagnostics), model };

  // A value's version hashes its JSON: the same data, in the same order, the same version.
  const version = policyVersion(
    fromValue ? JSON.stringify(source.value) : (input as YamlInput).text,
    templates,
    jurisdictions,
  );
  let rendered: ReturnType<typeof render>;
  try {
    const recipientsDeclared = Boolean(
      source.value && typeof source.value === 'object' && 'recipients' in source.value,
    );
    // The JSON output's statements need to know where each sentence comes from: a traced render.
    rendered = render(
      model,
      templates,
      jurisdictions,
      {
        version,
        recipientsDeclared,
        declared: source.value,
        trace: formats.includes('json') || formats.includes('trace'),
      },
      options.session?.renders,
    );
  } catch (error) {
    // Only a user's template can fail this way; policygen's own are tested.
    if (!(error instanceof TemplateError)) throw error;
    const position = error.line ? { line: error.line, column: error.column ?? 1 } : {};
    return {
      outputs: [],
      diagnostics: [
        ...sortDiagnostics(diagnostics),
        {
          code: 'template-error',
          severity: 'error',
          message: `This template ${error.message}.`,
          file: error.file,
          ...position,
          docs: docsUrl('template-error'),
        },
      ],
      model,
    };
  }
  // Everything after this point costs in proportion to the policy's length: a runaway
  // declaration stops here, with an error at its longest list.
  if (filledLength(rendered.sections, rendered.tokens) > LENGTH_BUDGET) {
    return { outputs: [], diagnostics: sortDiagnostics([...diagnostics, tooLong(source)]), model };
  }
  const unusedSetting = ruleSettings['unused-field'];
  if (rendered.unread?.length && unusedSetting !== 'off') {
    let unused = unusedFields(source, rendered.unread);
    if (options.strict || unusedSetting === 'error') unused = unused.map((d) => ({ ...d, severity: 'error' as const }));
    diagnostics = [...diagnostics, ...unused];
    if (hasErrors(unused)) return { outputs: [], diagnostics: sortDiagnostics(diagnostics), model };
  }
  if (formats.length === 0) return { outputs: [], diagnostics: sortDiagnostics(diagnostics), model };
  const traced = formats.includes('json') || formats.includes('trace');
  const assembled = assemble(
    rendered,
    traced ? unitsWhileParsing(locale, session.statements) : undefined,
    session.shapes,
    session.blocks,
  );
  const visibleCitations = Boolean(options.visibleCitations);

  const outputs: Output[] = [];
  let made: Statement[] | undefined;
  const statementsOf = () => (made ??= statements(rendered, locale, source.value, jurisdictions, session.statements));
  for (const format of formats) {
    if (format === 'md') {
      const wanted = options.markdown?.frontMatter;
      const frontMatter =
        wanted && (Array.isArray(wanted) ? wanted.length > 0 : Object.keys(wanted).length > 0)
          ? frontMatterOf(model, wanted, templates.locale, version, words)
          : undefined;
      outputs.push({
        format,
        content: emitMarkdown(
          assembled,
          {
            visibleCitations,
            headingIds: Boolean(options.markdown?.headingIds),
            ...(options.markdown?.toc ? { toc: words['contents']! } : {}),
            ...(frontMatter ? { frontMatter } : {}),
          },
          session.emit,
        ),
      });
    } else if (format === 'html') {
      outputs.push({
        format,
        content: emitHtml(
          assembled,
          {
            lang: templates.locale,
            title: `${model.title} — ${model.organization.name}`,
            visibleCitations,
            fragment: Boolean(options.html?.fragment),
            stylesheet: options.html?.stylesheet ?? 'default',
            skipLink: words['skip-to-content']!,
            ...(options.html?.toc ? { toc: words['contents']! } : {}),
            ...(options.html?.alternates?.length
              ? {
                  alternates: options.html.alternates.map((a) => ({ ...a, name: languageName(a.lang, a.lang) })),
                  alternatesLabel: words['other-languages']!,
                }
              : {}),
          },
          session.emit,
        ),
      });
    } else if (format === 'json') {
      outputs.push({
        format,
        content: emitJson(
          model,
          assembled.outline,
          locale,
          jurisdictions,
          version,
          fallbacks,
          statementsOf(),
          decided.decisions,
        ),
      });
    } else {
      outputs.push({
        format,
        content: emitTrace(statementsOf(), assembled.outline, source, {
          file: input.file,
          title: `${model.title} — ${model.organization.name}`,
          lang: locale,
          decisions: decided.decisions,
        }),
      });
    }
  }
  return { outputs, diagnostics: sortDiagnostics(diagnostics), model };
}

/** The policy-too-long error, at the declaration's longest list (its top when it has none). */
function tooLong(source: Source): Diagnostic {
  const value = source.value as Record<string, unknown> | undefined;
  const lists: (string | number)[][] = [
    ['data'],
    ['purposes'],
    ['recipients'],
    ['cookies', 'items'],
    ['programs'],
    ['clauses'],
  ];
  const lengthOf = (path: (string | number)[]) => {
    const list = path.reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      value,
    );
    return Array.isArray(list) ? list.length : 0;
  };
  const longest = lists.reduce(
    (best, path) => (lengthOf(path) > lengthOf(best) ? path : best),
    [] as (string | number)[],
  );
  const where = longest.length
    ? ` (its longest list, here, has ${lengthOf(longest).toLocaleString('en')} entries)`
    : '';
  return {
    code: 'policy-too-long',
    severity: 'error',
    message: `The policy this declaration makes would be longer than the limit of ${LENGTH_BUDGET.toLocaleString('en')} characters${where}; no real policy comes close, and every output costs time and memory in proportion to its length.`,
    hint: 'Declare broader categories with examples instead of one entry per item, shorten long texts, or split the declaration by product or audience.',
    file: source.file,
    ...locate(source, longest, { key: true }),
    pointer: toPointer(longest),
    docs: docsUrl('policy-too-long'),
  };
}

/** A language's name in a language ("Deutsch" in German), from Intl; capitalised for a menu. */
function languageName(code: string, inLanguage: string, capitalise = true): string {
  const name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  return capitalise ? name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1) : name;
}

/** How text shown in another language is marked, in the locale's words: "… (in English)". */
function fallbackMark(locale: string, words: Record<string, string>): (text: string, language: string) => string {
  const pattern = words['fallback'] ?? '{text} ({language})';
  return (text, language) =>
    pattern.replace('{language}', () => languageName(language, locale, false)).replace('{text}', () => text);
}

/** YAML front matter for static-site generators; values are written by the YAML library, so they stay data. */
function frontMatterOf(
  model: Model,
  fields: readonly FrontMatterField[] | FrontMatterMap,
  locale: string,
  version: string,
  words: Record<string, string>,
): string {
  const all: Record<FrontMatterField, string> = {
    title: model.title,
    description: (words['front-matter-description'] ?? '').replace('{organization}', model.organization.name),
    last_updated: model.last_updated,
    effective: model.effective,
    locale,
    version,
    organization: model.organization.name,
  };
  const mapped = (map: FrontMatterMap): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(map).map(([key, value]) => [
        key,
        typeof value === 'object'
          ? mapped(value)
          : typeof value === 'string' && (FRONT_MATTER_FIELDS as readonly string[]).includes(value)
            ? all[value as FrontMatterField]
            : value,
      ]),
    );
  const data = Array.isArray(fields)
    ? Object.fromEntries((fields as readonly FrontMatterField[]).map((field) => [field, all[field]]))
    : mapped(fields as FrontMatterMap);
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}
