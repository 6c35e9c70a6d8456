import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { docsUrl } from '../diagnostics/diagnostic.js';
import { locate, readYaml } from '../load/read-yaml.js';
import type { RuleSetting } from '../rules/rule.js';
import { packageRoot } from '../package-root.js';
import { validateAgainst } from '../validate/validate.js';

import { localeCodes } from '../locales.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { compileOptionsOf, jobsPerLocale, type BuildJob, type OutputSettings, type ProjectConfig } from './options.js';
import { extension } from '../formats.js';

export { findConfig, compileOptionsOf, type BuildJob, type ProjectConfig } from './options.js';

interface RawConfig {
  defaults?: OutputSettings;
  policies: (OutputSettings & { input: string; output: string })[];
  rules?: Record<string, RuleSetting>;
  strict?: boolean;
  templates?: string;
}

let configSchemaText: string | undefined;
let configSchema: Record<string, unknown> | undefined;

/**
 * Reads and checks a project config, reporting every mistake at its line and column like a
 * declaration's. Paths in it are relative to its folder, and outputs must stay inside it.
 */
export async function loadConfig(
  path: string,
  cwd: string,
  locales?: readonly string[],
  read?: Uint8Array,
): Promise<{ config?: ProjectConfig; diagnostics: Diagnostic[] }> {
  const file = relative(cwd, path) || path;
  // The caller may have read it already (to key a cache by exactly these bytes).
  const bytes = read ?? (await readFile(path));
  const { source, diagnostics } = readYaml(file, bytes);
  if (diagnostics.length) return { diagnostics };
  configSchemaText ??= readFileSync(new URL('schemas/config.schema.json', packageRoot), 'utf8');
  configSchema ??= JSON.parse(configSchemaText) as Record<string, unknown>;
  const { value, diagnostics: schemaDiagnostics } = validateAgainst<RawConfig>(source, configSchema, {
    file: 'validate-config.cjs',
    text: configSchemaText,
  });
  if (!value) return { diagnostics: schemaDiagnostics };

  const root = dirname(path);
  const problems: Diagnostic[] = [];
  const outputs = new Map<string, number>();
  const known = localeCodes();
  const checkLocales = (locales: string[] | undefined, path: (string | number)[]) =>
    (locales ?? []).forEach((locale, j) => {
      if (known.includes(locale)) return;
      const guess = didYouMean(locale, known);
      problems.push({
        code: 'unknown-locale',
        severity: 'error',
        message: `policygen has no locale "${locale}".`,
        hint: guess ? `Did you mean "${guess}"? Locales: ${known.join(', ')}.` : `Locales: ${known.join(', ')}.`,
        file,
        ...locate(source, [...path, j]),
        pointer: `/${[...path, j].join('/')}`,
        docs: docsUrl('unknown-locale'),
      });
    });
  checkLocales(value.defaults?.locales, ['defaults', 'locales']);
  const jobs: BuildJob[] = value.policies.flatMap((policy, i) => {
    checkLocales(policy.locales, ['policies', i, 'locales']);
    const settings = { ...value.defaults, ...policy };
    const options = compileOptionsOf(settings);
    const base = resolve(root, policy.output);
    const rel = relative(root, base);
    if (rel.startsWith('..') || isAbsolute(rel) || rel === '') {
      problems.push({
        code: 'output-outside-project',
        severity: 'error',
        message: `The output "${policy.output}" is outside the folder of the config file; outputs must stay inside the project.`,
        file,
        ...locate(source, ['policies', i, 'output']),
        pointer: `/policies/${i}/output`,
        docs: docsUrl('output-outside-project'),
      });
    }
    const earlier = outputs.get(base);
    if (earlier !== undefined) {
      problems.push({
        code: 'duplicate-output',
        severity: 'error',
        message: `Policy ${earlier + 1} already writes to "${policy.output}".`,
        file,
        ...locate(source, ['policies', i, 'output']),
        pointer: `/policies/${i}/output`,
        docs: docsUrl('duplicate-output'),
      });
    }
    outputs.set(base, i);
    const input = resolve(root, policy.input);
    return jobsPerLocale(
      {
        file: relative(cwd, input) || input,
        path: input,
        // Where the config names it: a missing declaration is reported there.
        origin: { file, ...locate(source, ['policies', i, 'input']), pointer: `/policies/${i}/input` },
        outputs: (options.formats ?? []).map((format) => ({ format, path: `${base}.${extension(format)}` })),
        options,
      },
      locales ?? settings.locales ?? [],
    );
  });
  if (problems.length) return { diagnostics: problems };
  return {
    config: {
      file,
      root,
      jobs,
      rules: value.rules ?? {},
      strict: Boolean(value.strict),
      ...(value.templates ? { templates: resolve(root, value.templates) } : {}),
    },
    diagnostics: [],
  };
}
