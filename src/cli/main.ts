import { Chalk, supportsColor } from 'chalk';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync, statSync, watch as watchPath } from 'node:fs';
import { isatty } from 'node:tty';
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import type { CompileOptions } from '../compile.js';
import { ALL_FORMATS, extension, FORMATS, withoutExtension, type Format } from '../formats.js';
import { findConfig, jobsPerLocale, type BuildJob, type ProjectConfig } from '../config/options.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { localeCodes } from '../locales.js';
import { docsUrl, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { TemplateSet } from '../render/templates.js';
import type { RuleSetting } from '../rules/rule.js';
import { packageRoot } from '../package-root.js';
import { compileJobs, jobsFromArguments, pipeline, runBuild, type BuildSettings } from '../build/build.js';
import { configKey, readConfigCache, writeConfigCache } from '../build/cache.js';
import { VERSION } from './package-info.js';
import { configLoader } from '../build/lazy.js';
import { initCommand, readline } from './lazy.js';
import { reporters } from './report.js';

/** Everything the CLI touches in the outside world, injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (decides colour when NO_COLOR / FORCE_COLOR are unset). */
  isTTY: boolean;
  /** Asks a question on the terminal; absent when there is no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
  /** Stops a long-running command such as build --watch. */
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, input: 1, failure: 2 } as const;

interface CommonOptions {
  reporter?: string;
  locale: string[];
  allowFallback?: boolean;
  rule: Record<string, RuleSetting>;
  strict?: boolean;
  templates?: string;
  config?: string;
  asOf?: string;
}

interface BuildOptions extends CommonOptions {
  outDir?: string;
  format?: string;
  trace?: boolean;
  showCitations?: boolean;
  frontMatter?: boolean;
  headingIds?: boolean;
  toc?: boolean;
  fragment?: boolean;
  cache?: boolean;
  cacheLocation: string;
  workers: number;
  check?: boolean;
  listDifferent?: boolean;
  watch?: boolean;
}

/**
 * Runs the policygen CLI. Returns the exit code: 0 success (warnings allowed), 1 problems in
 * the input or stale outputs under --check, 2 usage, configuration, I/O or internal failure.
 * Never calls process.exit.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('policygen')
    .description('Compile a YAML declaration of data practices into privacy policies (Markdown, HTML, JSON).')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run policygen --help for usage)');

  const common = (command: Command) =>
    command
      .addOption(
        new Option(
          '-r, --reporter <name>',
          'how to print diagnostics (default stylish; github under GitHub Actions)',
        ).choices(Object.keys(reporters)),
      )
      .addOption(
        new Option('--rule <id=severity>', 'set a rule to off, warn or error (repeatable)')
          .argParser(collectRule)
          .default({}),
      )
      .option('--strict', 'treat warnings as errors')
      .addOption(
        new Option('-l, --locale <code>', `build the policy in this language (repeatable): ${localeCodes().join(', ')}`)
          .argParser(collectLocale)
          .default([]),
      )
      .option(
        '--allow-fallback',
        "where the declaration lacks a text in the locale, show another language's, marked, with a warning",
      )
      .option(
        '-t, --templates <dir>',
        "a folder of templates that replace policygen's by file name (a locale's in a subfolder named after it)",
      )
      .option('-c, --config <file>', 'the project config (default: policygen.config.yaml here or in a parent folder)')
      .addOption(
        new Option(
          '--as-of <date>',
          'warn when a declared law requires the policy to be updated more often than its last_updated shows, as of this date (YYYY-MM-DD)',
        ).argParser(parseDate),
      );

  common(
    program
      .command('build')
      .description(
        'validate declarations and write their policies (without arguments: the policies in policygen.config.yaml)',
      )
      .argument('[declaration...]', 'declaration files (YAML); with them, --out-dir is required')
      .option('-o, --out-dir <dir>', 'directory to write the policies to')
      .option(
        '-f, --format <list>',
        `comma-separated formats: ${ALL_FORMATS.join(', ')} (default: ${FORMATS.join(', ')})`,
      )
      .option(
        '--trace',
        'also write <name>.trace.html: each sentence of the policy beside the declaration lines it comes from, for review',
      ),
  )
    .option('--check', 'write nothing; list outputs that are missing or out of date, and exit 1 if there are any')
    .option('--list-different', 'like --check, but print only the paths of the outputs that would change')
    .option('--front-matter', 'start the Markdown with YAML front matter')
    .option('--heading-ids', 'write {#id} after each Markdown heading')
    .option('--toc', 'add a table of contents')
    .option('--fragment', 'write the HTML as an <article> fragment rather than a whole page')
    .option('--show-citations', "print each jurisdiction section's law under its heading")
    .option('-w, --workers <n>', 'compile on this many worker threads', parseWorkers, 1)
    .option('--cache', 'skip declarations whose inputs and outputs have not changed since the last build')
    .option('--cache-location <dir>', 'where --cache keeps its manifest', '.policygen-cache')
    .option('--watch', 'build, then rebuild whenever a declaration, the config or a template changes')
    .action(async (files: string[], options: BuildOptions) => {
      exitCode = options.watch ? await watch(files, options, io) : await build(files, options, io);
    });

  common(
    program
      .command('validate')
      .description('check declarations without writing anything (without arguments: those in policygen.config.yaml)')
      .argument('[declaration...]', 'declaration files (YAML)'),
  ).action(async (files: string[], options: CommonOptions) => {
    exitCode = await validate(files, options, io);
  });

  program
    .command('init')
    .description('write a starter declaration and a policygen.config.yaml that build as they are')
    .argument('[dir]', 'the folder to set up', '.')
    .option('-y, --yes', 'use the defaults instead of asking')
    .option('--force', 'replace existing files')
    .action(async (dir: string, options: { yes?: boolean; force?: boolean }) => {
      const { init, INIT_DEFAULTS } = await initCommand();
      const answers = { ...INIT_DEFAULTS };
      if (!options.yes && io.ask) {
        answers.name = (await io.ask(`Organisation name (${INIT_DEFAULTS.name}): `)).trim() || INIT_DEFAULTS.name;
        answers.email =
          (await io.ask(`Privacy contact e-mail (${INIT_DEFAULTS.email}): `)).trim() || INIT_DEFAULTS.email;
        const codes = (
          await io.ask(`Jurisdictions, comma-separated (${INIT_DEFAULTS.jurisdictions.join(', ')}): `)
        ).trim();
        if (codes) answers.jurisdictions = codes.split(/[\s,]+/).filter(Boolean);
      }
      const result = await init(resolve(io.cwd, dir), answers, { force: Boolean(options.force), cwd: io.cwd });
      if ('refused' in result) {
        io.stderr(`policygen: ${result.refused}\n`);
        exitCode = EXIT.failure;
        return;
      }
      if ('blocked' in result) {
        io.stderr(
          `policygen: ${result.blocked.join(' and ')} already exist${result.blocked.length === 1 ? 's' : ''}; use --force to replace ${result.blocked.length === 1 ? 'it' : 'them'}\n`,
        );
        exitCode = EXIT.failure;
        return;
      }
      io.stderr(`Wrote ${result.written.join(' and ')}. Next: npx policygen build\n`);
    });

  program
    .command('explain')
    .description("print a rule's documentation: what it requires, why, and a failing and a passing example")
    .argument('<rule-id>', 'the rule, as diagnostics name it')
    .action(async (id: string) => {
      const { ruleById, ruleDoc } = await pipeline();
      const rule = ruleById.get(id);
      if (!rule) {
        io.stderr(`policygen: no rule "${id}". Rules: ${[...ruleById.keys()].join(', ')}\n`);
        exitCode = EXIT.failure;
        return;
      }
      io.stdout(ruleDoc(rule));
    });

  program
    .command('schema')
    .description("print the declaration's JSON Schema")
    .action(() => {
      io.stdout(readFileSync(new URL('schemas/policy.schema.json', packageRoot), 'utf8'));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // Commander has already printed the message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    io.stderr(
      `policygen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in policygen; please report it.\n`,
    );
    return EXIT.failure;
  }
  return exitCode;
}

/** What to build: declarations on the command line, or the project config's policies. */
interface Plan {
  jobs: BuildJob[];
  root: string;
  rules: Record<string, RuleSetting>;
  strict: boolean;
  templatesDir?: string;
  configDiagnostics: Diagnostic[];
  configSource?: Map<string, string>;
}

async function plan(
  files: string[],
  options: BuildOptions | CommonOptions,
  io: CliIo,
  needOutDir: boolean,
): Promise<Plan | string> {
  const flags: CompileOptions = {
    ...('format' in options || 'frontMatter' in options ? cliCompileOptions(options as BuildOptions) : {}),
    ...(options.allowFallback ? { allowFallback: true } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
  };
  if (files.length > 0) {
    if (options.config) return '--config names the policies to build; do not also list declarations';
    const outDir = (options as BuildOptions).outDir;
    if (needOutDir && !outDir)
      return 'build needs --out-dir when declarations are named (or a policygen.config.yaml without them)';
    const formats = parseFormats((options as BuildOptions).format, (options as BuildOptions).trace);
    if (typeof formats === 'string') return formats;
    return {
      jobs: jobsFromArguments(files, outDir ?? '.', formats, io.cwd, flags).flatMap((job) =>
        jobsPerLocale(job, options.locale),
      ),
      root: resolve(io.cwd, outDir ?? '.'),
      rules: options.rule,
      strict: Boolean(options.strict),
      ...(options.templates ? { templatesDir: resolve(io.cwd, options.templates) } : {}),
      configDiagnostics: [],
    };
  }
  const configPath = options.config ? resolve(io.cwd, options.config) : findConfig(io.cwd);
  if (!configPath)
    return 'no declarations given and no policygen.config.yaml found here or in a parent folder (run policygen --help)';
  const locales = options.locale.length ? options.locale : undefined;
  // With --cache, a config read before is taken from the cache folder, which saves loading the
  // YAML parser for it in a build that finds everything up to date.
  const buildOptions = options as BuildOptions;
  const cacheDir = buildOptions.cache ? resolve(io.cwd, buildOptions.cacheLocation) : undefined;
  // Read once: the key and the config it stands for come from the same text.
  const configBytes = await readFile(configPath).catch(() => undefined);
  const key = cacheDir && configBytes ? configKey(configBytes, configPath, io.cwd, locales) : undefined;
  let loaded: { config?: ProjectConfig; diagnostics: Diagnostic[] } | undefined;
  const cached = cacheDir && key ? await readConfigCache(cacheDir, key) : undefined;
  if (cached) loaded = { config: cached, diagnostics: [] };
  else {
    try {
      const { loadConfig } = await configLoader();
      loaded = await loadConfig(configPath, io.cwd, locales, configBytes);
    } catch (error) {
      return `cannot read ${options.config ?? configPath}: ${(error as Error).message}`;
    }
    // Not with --check, which only reads the cache.
    if (cacheDir && key && loaded.config && !buildOptions.check && !buildOptions.listDifferent)
      await writeConfigCache(cacheDir, key, loaded.config).catch(() => undefined);
  }
  if (!loaded.config) {
    const text = configBytes?.toString('utf8') ?? '';
    return {
      jobs: [],
      root: io.cwd,
      rules: {},
      strict: false,
      configDiagnostics: loaded.diagnostics,
      configSource: new Map([[relative(io.cwd, configPath) || basename(configPath), text]]),
    };
  }
  const config = loaded.config;
  // Command-line flags win over the config's settings.
  const jobs = config.jobs.map((job) => ({
    ...job,
    options: {
      ...job.options,
      ...definedOnly(flags),
      ...(flags.html && job.options.html ? { html: { ...job.options.html, ...flags.html } } : {}),
    },
  }));
  const build = options as BuildOptions;
  const formats = build.format ? parseFormats(build.format, build.trace) : build.trace ? 'trace' : undefined;
  if (typeof formats === 'string' && formats !== 'trace') return formats;
  for (const job of jobs) {
    // --format replaces the config's formats; --trace adds the review page to them.
    const chosen =
      formats === 'trace'
        ? [...new Set([...(job.options.formats ?? job.outputs.map((o) => o.format)), 'trace' as const])]
        : formats;
    if (!chosen) continue;
    const base = withoutExtension(job.outputs[0]!.path);
    job.outputs = chosen.map((format) => ({ format, path: `${base}.${extension(format)}` }));
    job.options = { ...job.options, formats: chosen };
  }
  return {
    jobs,
    root: config.root,
    rules: { ...config.rules, ...options.rule },
    strict: config.strict || Boolean(options.strict),
    ...(options.templates
      ? { templatesDir: resolve(io.cwd, options.templates) }
      : config.templates
        ? { templatesDir: config.templates }
        : {}),
    configDiagnostics: [],
  };
}

function cliCompileOptions(options: BuildOptions): CompileOptions {
  const result: CompileOptions = {};
  if (options.showCitations) result.visibleCitations = true;
  if (options.frontMatter || options.headingIds || options.toc) {
    result.markdown = {
      ...(options.frontMatter ? { frontMatter: ['title', 'description', 'last_updated', 'locale', 'version'] } : {}),
      headingIds: Boolean(options.headingIds),
      toc: Boolean(options.toc),
    };
  }
  if (options.fragment || options.toc) result.html = { fragment: Boolean(options.fragment), toc: Boolean(options.toc) };
  return result;
}

/** A calendar date, as --as-of takes it. */
function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError(`"${value}" is not a date in the form YYYY-MM-DD.`);
  return value;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parseFormats(list: string | undefined, trace = false): Format[] | string {
  const formats = (list ?? FORMATS.join(','))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !ALL_FORMATS.includes(f as Format));
  if (unknown.length > 0 || formats.length === 0)
    return `unknown format "${unknown.join(', ')}"; choose from ${ALL_FORMATS.join(', ')}`;
  return [...new Set([...(formats as Format[]), ...(trace ? (['trace'] as const) : [])])];
}

/**
 * What build and validate share: the plan (from arguments or the config), checked rule ids and
 * the user's templates; or the exit code after reporting why there is nothing to run.
 */
async function prepare(files: string[], options: BuildOptions | CommonOptions, io: CliIo, needOutDir: boolean) {
  const reporter = reporterFor(options, io);
  // SARIF describes each rule it reports: their titles and descriptions are in the pipeline.
  if (reporter === 'sarif' && !ruleInfo) {
    const { ruleById } = await pipeline();
    ruleInfo = (code) => ruleById.get(code);
  }
  const planned = await plan(files, options, io, needOutDir);
  if (typeof planned === 'string') return usage(planned, io);
  if (planned.configDiagnostics.length) {
    print(planned.configDiagnostics, planned.configSource ?? new Map(), reporter, io);
    return EXIT.failure;
  }
  const clash = sharedOutput(planned.jobs);
  if (clash) return usage(clash, io);
  if (await unknownRules(planned.rules, io)) return EXIT.failure;
  const templates = await templatesFor(planned, reporter, io);
  if (templates === null) return EXIT.failure;
  return { reporter, planned, templates };
}

async function build(files: string[], options: BuildOptions, io: CliIo): Promise<number> {
  const prepared = await prepare(files, options, io, true);
  if (typeof prepared === 'number') return prepared;
  const { reporter, planned, templates } = prepared;
  const check = options.listDifferent ? 'list' : options.check ? 'report' : undefined;
  const settings: BuildSettings = {
    rules: planned.rules,
    strict: planned.strict,
    workers: options.workers,
    tightHeap: true,
    ...(templates ? { templates } : {}),
    ...(check ? { check } : {}),
    ...(options.cache ? { cache: { manifest: resolve(io.cwd, options.cacheLocation, 'manifest.json') } } : {}),
  };
  // A build of many policies shows its progress on a terminal; CI logs get only the summary.
  if (io.isTTY && planned.jobs.length >= 10 && !io.env['CI']) {
    let shown = -1;
    settings.progress = (done, total) => {
      const percent = Math.floor((done / total) * 100);
      if (percent !== shown) io.stderr(`\rcompiling ${done}/${total} (${percent}%)`);
      shown = percent;
      if (done === total) io.stderr('\r\u001b[K');
    };
  }
  const result = await runBuild(planned.jobs, planned.root, settings);
  const shown = (path: string) => relative(io.cwd, path) || path;
  // In CI, each stale output is a diagnostic on the declaration it comes from, reported with
  // the others: one JSON document, one SARIF log.
  const declarationOf = (path: string) => planned.jobs.find((job) => job.outputs.some((o) => o.path === path))?.file;
  const staleDiagnostics: Diagnostic[] =
    check === 'report' && reporter !== 'stylish' && !result.failed && !hasErrors(result.diagnostics)
      ? result.stale.map((s) => ({
          code: 'stale-output',
          severity: 'error',
          message:
            s.reason === 'missing' || !s.first
              ? `${shown(s.path)} is ${s.reason === 'missing' ? 'missing' : 'out of date'}: run policygen build and commit the result.`
              : `${shown(s.path)} is out of date from line ${s.first.line}: it has ${JSON.stringify(s.first.found)} where the build now writes ${JSON.stringify(s.first.expected)}. Run policygen build and commit the result.`,
          ...(declarationOf(s.path) ? { file: declarationOf(s.path)!, line: 1, column: 1 } : {}),
          docs: docsUrl('stale-output'),
        }))
      : [];
  print([...result.diagnostics, ...staleDiagnostics], result.sources, reporter, io, { summary: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = (files: string) => counted(result.diagnostics, files);
  if (result.failed) {
    if (result.message)
      io.stderr(`policygen: cannot write to ${relative(io.cwd, planned.root) || '.'}: ${result.message}\n`);
    return EXIT.failure;
  }
  if (errors > 0) {
    if (reporter === 'stylish')
      io.stderr(`${summary('0 files written')}: nothing is written while a declaration has an error.\n`);
    return EXIT.input;
  }
  if (check) {
    if (check === 'list') for (const stale of result.stale) io.stdout(`${shown(stale.path)}\n`);
    else if (staleDiagnostics.length > 0) {
      // Reported above, with the declarations' diagnostics.
    } else if (result.stale.length > 0) {
      io.stderr(
        `${result.stale.length} output${result.stale.length === 1 ? ' is' : 's are'} not up to date; run policygen build:\n${result.stale.map((s) => `  ${shown(s.path)} (${s.reason}${s.first ? ` from line ${s.first.line}` : ''})`).join('\n')}\n`,
      );
    } else if (reporter === 'stylish') io.stderr(`${summary('all outputs up to date')}\n`);
    return result.stale.length > 0 ? EXIT.input : EXIT.ok;
  }
  if (result.cacheProblem)
    io.stderr(
      `policygen: cannot save the cache in ${shown(result.cacheProblem.folder)}: ${result.cacheProblem.reason}\n`,
    );
  if (reporter === 'stylish' || reporter === 'github') {
    const upToDate = result.upToDate
      ? ` (${result.upToDate} declaration${result.upToDate === 1 ? '' : 's'} up to date)`
      : '';
    io.stderr(`${summary(`${result.written} file${result.written === 1 ? '' : 's'} written`)}${upToDate}\n`);
  }
  return EXIT.ok;
}

/**
 * Builds, then watches the declarations, the config and the template folder and rebuilds on
 * every change (parsed shapes stay cached between builds, so a rebuild is quick). A failed
 * build is reported and the watch goes on. Ends when io.signal aborts.
 */
async function watch(files: string[], options: BuildOptions, io: CliIo): Promise<number> {
  const started = performance.now();
  await build(files, options, io);
  io.stderr(`Built in ${Math.round(performance.now() - started)} ms; watching for changes (Ctrl+C to stop).\n`);
  const watched = async () => {
    const planned = await plan(files, options, io, true);
    if (typeof planned === 'string') return [];
    const config = files.length ? undefined : options.config ? resolve(io.cwd, options.config) : findConfig(io.cwd);
    // A declaration built in several locales is one file to watch; a template folder holds
    // each locale's overrides in a subfolder, so it is watched with everything below it.
    return [...new Set(planned.jobs.map((job) => job.path))]
      .map((path) => ({ path, recursive: false }))
      .concat(
        config ? [{ path: config, recursive: false }] : [],
        planned.templatesDir ? [{ path: planned.templatesDir, recursive: true }] : [],
      );
  };
  let watchers: { close(): void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  /** Watches the files the plan names now; with `since`, builds again for any changed after it. */
  const rewatch = async (since?: number) => {
    for (const watcher of watchers) watcher.close();
    const paths = await watched();
    // A file changed (or came back) while the last build ran, before its watcher existed.
    if (since !== undefined)
      for (const { path, recursive } of paths) {
        try {
          if (!recursive && statSync(path).mtimeMs >= since) schedule(relative(io.cwd, path) || path);
        } catch {
          // Not there: the watcher below waits for it.
        }
      }
    watchers = paths.flatMap(({ path, recursive }) => {
      const what = relative(io.cwd, path) || path;
      try {
        const watcher = watchPath(path, { recursive }, () => schedule(what));
        // A file deleted or replaced under the watcher: build again, which watches anew.
        watcher.on('error', () => schedule(what));
        return [watcher];
      } catch {
        // Renamed or deleted away: watch its folder until it comes back.
        try {
          const base = basename(path);
          const watcher = watchPath(dirname(path), {}, (_event, name) => {
            if (name === base) schedule(what);
          });
          watcher.on('error', () => undefined);
          return [watcher];
        } catch {
          return [];
        }
      }
    });
  };
  const changed = new Set<string>();
  const schedule = (what: string) => {
    changed.add(what);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const names = [...changed].join(', ');
      changed.clear();
      running = running.then(async () => {
        const start = performance.now();
        const since = Date.now();
        const code = await build(files, options, io);
        // Watching again before saying so: a change made right after the message is seen.
        await rewatch(since);
        io.stderr(
          `${code === EXIT.ok ? 'Rebuilt' : 'Build failed'} after a change to ${names} (${Math.round(performance.now() - start)} ms); still watching.\n`,
        );
      });
    }, 100);
  };
  await rewatch();
  await new Promise<void>((stop) => {
    if (io.signal?.aborted) return stop();
    io.signal?.addEventListener('abort', () => stop(), { once: true });
  });
  clearTimeout(timer);
  await running;
  for (const watcher of watchers) watcher.close();
  return EXIT.ok;
}

async function validate(files: string[], options: CommonOptions, io: CliIo): Promise<number> {
  const prepared = await prepare(files, options, io, false);
  if (typeof prepared === 'number') return prepared;
  const { reporter, planned, templates } = prepared;
  const result = { diagnostics: [] as Diagnostic[], sources: new Map<string, string>(), failed: false };
  const jobs = planned.jobs.map((job) => ({ ...job, options: { ...job.options, formats: [] as Format[] } }));
  await compileJobs(
    jobs,
    { rules: planned.rules, strict: planned.strict, workers: 1, ...(templates ? { templates } : {}) },
    result,
  );
  print(result.diagnostics, result.sources, reporter, io, { summary: false });
  if (!result.failed && (reporter === 'stylish' || reporter === 'github')) {
    // The same line build prints, so a check that passes says so (issue 17).
    const checked = `${jobs.length} declaration${jobs.length === 1 ? '' : 's'} checked`;
    io.stderr(`${counted(result.diagnostics, checked)}\n`);
  }
  return result.failed ? EXIT.failure : hasErrors(result.diagnostics) ? EXIT.input : EXIT.ok;
}

/** "1 error, 2 warnings, <what>": the closing line of build and validate. */
function counted(diagnostics: readonly Diagnostic[], what: string): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${what}`;
}

/** The user's template folder laid over policygen's, per locale built, or null after reporting why it cannot be used. */
async function templatesFor(
  planned: Plan,
  reporter: string,
  io: CliIo,
): Promise<Record<string, TemplateSet> | undefined | null> {
  if (!planned.templatesDir) return undefined;
  const { loadTemplateOverrides, bundledTemplates, TemplateError } = await pipeline();
  try {
    const sets: Record<string, TemplateSet> = {};
    for (const locale of new Set(planned.jobs.map((job) => job.options.locale ?? 'en'))) {
      sets[locale] = await loadTemplateOverrides(
        planned.templatesDir,
        bundledTemplates(locale),
        relative(io.cwd, planned.templatesDir) || '.',
      );
    }
    return sets;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    print(
      [
        {
          code: 'template-error',
          severity: 'error',
          message: `This template ${error.message}.`,
          file: error.file,
          docs: docsUrl('template-error'),
        },
      ],
      new Map(),
      reporter,
      io,
    );
    return null;
  }
}

function reporterFor(options: CommonOptions, io: CliIo): string {
  return options.reporter ?? (io.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'stylish');
}

function usage(message: string, io: CliIo): number {
  io.stderr(`policygen: ${message}\n`);
  return EXIT.failure;
}

function collectLocale(value: string, previous: string[]): string[] {
  const known = localeCodes();
  if (!known.includes(value)) {
    const guess = didYouMean(value, known);
    throw new InvalidArgumentError(
      `policygen has no locale "${value}"${guess ? ` (did you mean "${guess}"?)` : ''}; locales: ${known.join(', ')}`,
    );
  }
  return previous.includes(value) ? previous : [...previous, value];
}

/** Two declarations that would write the same file ("a/privacy.yaml" and "b/privacy.yaml" into one folder). */
function sharedOutput(jobs: readonly BuildJob[]): string | undefined {
  const writer = new Map<string, string>();
  for (const job of jobs) {
    for (const { path } of job.outputs) {
      const other = writer.get(path);
      if (other === job.file) return `${job.file} is named twice`;
      if (other !== undefined)
        return `${other} and ${job.file} would both write ${path}; build them into different folders`;
      writer.set(path, job.file);
    }
  }
  return undefined;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

function collectRule(value: string, previous: Record<string, RuleSetting>): Record<string, RuleSetting> {
  const match = /^([a-z][a-z0-9-]*)=(off|warn|error)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected <rule-id>=off|warn|error, such as retention-required=warn');
  return { ...previous, [match[1]!]: match[2] as RuleSetting };
}

/** Rule ids are checked once the rules are loaded; an unknown one is a usage error. */
async function unknownRules(settings: Record<string, RuleSetting>, io: CliIo): Promise<boolean> {
  const ids = Object.keys(settings);
  if (ids.length === 0) return false;
  const { ruleById } = await pipeline();
  // unused-field is checked after rendering, not by a rule, but takes a severity the same way.
  const unknown = ids.filter((id) => !ruleById.has(id) && id !== 'unused-field');
  if (unknown.length === 0) return false;
  const known = [...ruleById.keys(), 'unused-field'];
  for (const id of unknown) {
    const guess = didYouMean(id, known);
    io.stderr(
      guess
        ? `policygen: no rule "${id}"; did you mean "${guess}"?\n`
        : `policygen: no rule "${id}"; run policygen explain <rule-id> for one. Rules: ${known.join(', ')}\n`,
    );
  }
  return true;
}

/** A compliance rule's title and description by id, once a SARIF report has loaded them. */
let ruleInfo: ((code: string) => { title: string; description: string } | undefined) | undefined;

function print(
  diagnostics: Diagnostic[],
  sources: Map<string, string>,
  reporter: string,
  io: CliIo,
  options: { summary?: boolean } = {},
): void {
  const level = io.env['NO_COLOR']
    ? 0
    : io.env['FORCE_COLOR'] !== undefined
      ? Math.min(3, Number(io.env['FORCE_COLOR']) || 1)
      : io.isTTY
        ? supportsColor
          ? supportsColor.level
          : 1
        : 0;
  const text = reporters[reporter]!(diagnostics, {
    sources,
    chalk: new Chalk({ level: level as 0 | 1 | 2 | 3 }),
    summary: options.summary ?? true,
    ...(ruleInfo ? { rule: ruleInfo } : {}),
  });
  if (reporter === 'json' || reporter === 'sarif' || reporter === 'github') io.stdout(text);
  else if (text) io.stderr(text);
}

function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    // isatty asks the descriptor; process.stdin.isTTY would open a stream for it first.
    isTTY: isatty(2),
    ...(isatty(0)
      ? {
          ask: async (question: string) => {
            const { createInterface } = await readline();
            const rl = createInterface({ input: process.stdin, output: process.stderr });
            try {
              return await rl.question(question);
            } finally {
              rl.close();
            }
          },
        }
      : {}),
  };
}
