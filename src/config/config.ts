import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CompileOptions, Format, FrontMatterField } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { docsUrl } from '../diagnostics/diagnostic.js';
import { locate, readYaml } from '../load/read-yaml.js';
import type { RuleSetting } from '../rules/rule.js';
import { packageRoot } from '../schema.js';
import { validateAgainst } from '../validate/validate.js';

export const CONFIG_NAMES = ['policygen.config.yaml', 'policygen.config.yml'];

/** One declaration to build, with where each of its outputs goes. */
export interface BuildJob {
  /** The declaration as the user sees its path (relative to the working directory). */
  file: string;
  /** The declaration's absolute path. */
  path: string;
  outputs: { format: Format; path: string }[];
  options: CompileOptions;
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

interface OutputSettings {
  formats?: Format[];
  locale?: 'en';
  front_matter?: boolean | FrontMatterField[];
  heading_ids?: boolean;
  toc?: boolean;
  html?: 'page' | 'fragment';
  stylesheet?: string;
  citations?: boolean;
}

interface RawConfig {
  defaults?: OutputSettings;
  policies: (OutputSettings & { input: string; output: string })[];
  rules?: Record<string, RuleSetting>;
  strict?: boolean;
  templates?: string;
}

const ALL_FRONT_MATTER: FrontMatterField[] = ['title', 'description', 'last_updated', 'locale', 'version'];
let configSchema: Record<string, unknown> | undefined;

/** Looks for policygen.config.yaml in a folder and its parents, as tsconfig.json is found. */
export function findConfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Compile options for one policy from the config's settings (defaults, then the policy's own). */
export function compileOptionsOf(settings: OutputSettings): CompileOptions {
  const frontMatter = settings.front_matter === true ? ALL_FRONT_MATTER : settings.front_matter || [];
  return {
    formats: settings.formats ?? ['md', 'html', 'json'],
    visibleCitations: Boolean(settings.citations),
    markdown: { frontMatter, headingIds: Boolean(settings.heading_ids), toc: Boolean(settings.toc) },
    html: { fragment: settings.html === 'fragment', stylesheet: settings.stylesheet ?? 'default', toc: Boolean(settings.toc) },
  };
}

/**
 * Reads and checks a project config, reporting every mistake at its line and column like a
 * declaration's. Paths in it are relative to its folder, and outputs must stay inside it.
 */
export async function loadConfig(path: string, cwd: string): Promise<{ config?: ProjectConfig; diagnostics: Diagnostic[] }> {
  const file = relative(cwd, path) || path;
  const bytes = await readFile(path);
  const { source, diagnostics } = readYaml(file, bytes);
  if (diagnostics.length) return { diagnostics };
  configSchema ??= JSON.parse(readFileSync(new URL('schemas/config.schema.json', packageRoot), 'utf8')) as Record<string, unknown>;
  const { value, diagnostics: schemaDiagnostics } = validateAgainst<RawConfig>(source, configSchema);
  if (!value) return { diagnostics: schemaDiagnostics };

  const root = dirname(path);
  const problems: Diagnostic[] = [];
  const outputs = new Map<string, number>();
  const jobs: BuildJob[] = value.policies.map((policy, i) => {
    const settings = { ...value.defaults, ...policy };
    const options = compileOptionsOf(settings);
    const base = resolve(root, policy.output);
    const rel = relative(root, base);
    if (rel.startsWith('..') || isAbsolute(rel) || rel === '') {
      problems.push({ code: 'output-outside-project', severity: 'error', message: `The output "${policy.output}" is outside the folder of the config file; outputs must stay inside the project.`, file, ...locate(source, ['policies', i, 'output']), pointer: `/policies/${i}/output`, docs: docsUrl('output-outside-project') });
    }
    const earlier = outputs.get(base);
    if (earlier !== undefined) {
      problems.push({ code: 'duplicate-output', severity: 'error', message: `Policy ${earlier + 1} already writes to "${policy.output}".`, file, ...locate(source, ['policies', i, 'output']), pointer: `/policies/${i}/output`, docs: docsUrl('duplicate-output') });
    }
    outputs.set(base, i);
    const input = resolve(root, policy.input);
    return { file: relative(cwd, input) || input, path: input, outputs: (options.formats ?? []).map((format) => ({ format, path: `${base}.${format}` })), options };
  });
  if (problems.length) return { diagnostics: problems };
  return {
    config: { file, root, jobs, rules: value.rules ?? {}, strict: Boolean(value.strict), ...(value.templates ? { templates: resolve(root, value.templates) } : {}) },
    diagnostics: [],
  };
}
