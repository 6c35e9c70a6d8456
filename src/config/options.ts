import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { CompileOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { FRONT_MATTER_FIELDS, type Format, type FrontMatterField, type FrontMatterMap } from '../formats.js';
import type { RuleSetting } from '../rules/rule.js';

/*
 * The light half of the project config: finding it and turning its settings into compile
 * options. The CLI loads this at start-up; reading and validating a config (config.ts) loads
 * the YAML and schema stacks, so it is imported only when there is a config to read.
 */

export const CONFIG_NAMES = ['policygen.config.yaml', 'policygen.config.yml'];

/** One declaration to build, with where each of its outputs goes. */
export interface BuildJob {
  /** The declaration as the user sees its path (relative to the working directory). */
  file: string;
  /** The declaration's absolute path. */
  path: string;
  outputs: { format: Format; path: string }[];
  options: CompileOptions;
  /** The project config's `input:` that names the declaration (file, position, JSON pointer). */
  origin?: Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'pointer'>;
}

export interface ProjectConfig {
  /** The config file, as the user sees its path. */
  file: string;
  /** The folder outputs must stay inside: the config file's. */
  root: string;
  jobs: BuildJob[];
  rules: Record<string, RuleSetting>;
  strict: boolean;
  templates?: string;
}

export interface OutputSettings {
  formats?: Format[];
  locales?: string[];
  allow_fallback?: boolean;
  front_matter?: boolean | FrontMatterField[] | FrontMatterMap;
  heading_ids?: boolean;
  toc?: boolean;
  html?: 'page' | 'fragment';
  stylesheet?: string;
  citations?: boolean;
}

/** Looks for policygen.config.yaml in a folder and its parents, as tsconfig.json is found. */
export function findConfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Compile options for one policy from the config's settings (defaults, then the policy's own). */
export function compileOptionsOf(settings: OutputSettings): CompileOptions {
  const frontMatter = settings.front_matter === true ? [...FRONT_MATTER_FIELDS] : settings.front_matter || [];
  return {
    formats: settings.formats ?? ['md', 'html', 'json'],
    ...(settings.allow_fallback ? { allowFallback: true } : {}),
    visibleCitations: Boolean(settings.citations),
    markdown: { frontMatter, headingIds: Boolean(settings.heading_ids), toc: Boolean(settings.toc) },
    html: {
      fragment: settings.html === 'fragment',
      stylesheet: settings.stylesheet ?? 'default',
      toc: Boolean(settings.toc),
    },
  };
}

/**
 * One job per locale. Each output's path gets the locale: `{locale}` in it is replaced, or
 * `.<locale>` goes before the extension (privacy.de.html). Every HTML version links the
 * others (hreflang), by paths relative to itself. Without locales the job stays as it is.
 */
export function jobsPerLocale(job: BuildJob, locales: readonly string[]): BuildJob[] {
  if (locales.length === 0) {
    return [{ ...job, outputs: job.outputs.map((o) => ({ ...o, path: o.path.replaceAll('{locale}', 'en') })) }];
  }
  const localePath = (path: string, locale: string) =>
    path.includes('{locale}') ? path.replaceAll('{locale}', locale) : path.replace(/(\.[a-z]+)$/, `.${locale}$1`);
  const htmlOf = (locale: string) => {
    const html = job.outputs.find((o) => o.format === 'html');
    return html ? localePath(html.path, locale) : undefined;
  };
  return locales.map((locale) => {
    const own = htmlOf(locale);
    const alternates =
      own && locales.length > 1
        ? locales.map((lang) => ({
            lang,
            href: relative(dirname(own), htmlOf(lang)!).split(sep).join('/') || basename(own),
          }))
        : undefined;
    return {
      ...job,
      outputs: job.outputs.map((o) => ({ ...o, path: localePath(o.path, locale) })),
      options: { ...job.options, locale, ...(alternates ? { html: { ...job.options.html, alternates } } : {}) },
    };
  });
}
