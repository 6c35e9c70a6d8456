import { assemble, clearShapeCache } from './assemble/assemble.js';
import { docsUrl, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { clearHtmlCache, emitHtml } from './emit/emit-html.js';
import { emitJson } from './emit/emit-json.js';
import { clearMarkdownCache, emitMarkdown } from './emit/emit-markdown.js';
import { readYaml } from './load/read-yaml.js';
import { normalize, type Model } from './normalize/normalize.js';
import { render, TemplateError } from './render/render.js';
import { bundledTemplates, type TemplateSet } from './render/templates.js';
import { declaredJurisdictions } from './jurisdictions/registry.js';
import { runRules, type RuleOptions } from './rules/run-rules.js';
import { validate } from './validate/validate.js';

export type Format = 'md' | 'html' | 'json';
export const FORMATS: readonly Format[] = ['md', 'html', 'json'];

export interface CompileInput {
  /** The declaration's file name, used in diagnostics and to name outputs; never read. */
  file: string;
  /** The declaration's YAML: its text, or its bytes (which must be UTF-8). */
  text: string | Uint8Array;
}

export interface CompileOptions extends RuleOptions {
  /** Which outputs to produce. Default: all three. */
  formats?: readonly Format[];
  /** The template set; default: policygen's English templates. */
  templates?: TemplateSet;
  /** Treat every warning as an error. */
  strict?: boolean;
  /** Print each jurisdiction section's law under its heading (it is always in the HTML's data-citation and the JSON). */
  visibleCitations?: boolean;
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
 * Compiles one declaration into policies, in memory: read → validate → normalize → render →
 * assemble → emit. Bad input never throws; it comes back as diagnostics, with no outputs.
 *
 * @example
 *   const { outputs, diagnostics } = compile({ file: 'policy.yaml', text }, { formats: ['md'] });
 */
export function compile(input: CompileInput, options: CompileOptions = {}): CompileResult {
  if ((typeof input?.text !== 'string' && !(input?.text instanceof Uint8Array)) || typeof input.file !== 'string') {
    throw new TypeError('compile(input): input must be { file: string, text: string | Uint8Array }');
  }
  const formats = options.formats ?? FORMATS;
  const templates = options.templates ?? bundledTemplates('en');

  const { source, diagnostics: readDiagnostics } = readYaml(input.file, input.text);
  if (hasErrors(readDiagnostics)) return { outputs: [], diagnostics: readDiagnostics };

  const { declaration, diagnostics: schemaDiagnostics } = validate(source);
  if (!declaration) return { outputs: [], diagnostics: sortDiagnostics(schemaDiagnostics) };

  const { model, diagnostics: normalizeDiagnostics } = normalize(declaration, source);
  if (hasErrors(normalizeDiagnostics)) return { outputs: [], diagnostics: sortDiagnostics(normalizeDiagnostics), model };

  const jurisdictions = declaredJurisdictions(model.jurisdictions);
  let diagnostics = [...normalizeDiagnostics, ...runRules(model, source, jurisdictions, options)];
  if (options.strict) diagnostics = diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d));
  if (hasErrors(diagnostics) || formats.length === 0) return { outputs: [], diagnostics: sortDiagnostics(diagnostics), model };

  let rendered;
  try {
    rendered = render(model, templates, jurisdictions);
  } catch (error) {
    // Only a user's template can fail this way; policygen's own are tested.
    if (!(error instanceof TemplateError)) throw error;
    const position = error.line ? { line: error.line, column: error.column ?? 1 } : {};
    return { outputs: [], diagnostics: [...sortDiagnostics(diagnostics), { code: 'template-error', severity: 'error', message: `This template ${error.message}.`, file: error.file, ...position, docs: docsUrl('template-error') }], model };
  }
  const assembled = assemble(rendered);
  const visibleCitations = Boolean(options.visibleCitations);

  const outputs: Output[] = [];
  for (const format of formats) {
    if (format === 'md') outputs.push({ format, content: emitMarkdown(assembled, { visibleCitations }) });
    else if (format === 'html') outputs.push({ format, content: emitHtml(assembled, { lang: templates.locale, title: `${model.title} — ${model.organization.name}`, visibleCitations }) });
    else outputs.push({ format, content: emitJson(model, assembled.outline, templates.locale, jurisdictions) });
  }
  return { outputs, diagnostics: sortDiagnostics(diagnostics), model };
}

/**
 * Forgets every parsed and serialised section shape. Compiling is correct with or without
 * them; the benchmark uses this to measure the path where nothing has been seen before.
 */
export function clearCaches(): void {
  clearShapeCache();
  clearMarkdownCache();
  clearHtmlCache();
}
