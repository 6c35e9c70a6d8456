import { Chalk, supportsColor } from 'chalk';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { basename, extname, resolve } from 'node:path';
import type { CompileOptions, Format, Output } from '../compile.js';
import { docsUrl, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { TemplateSet } from '../render/templates.js';
import type { RuleSetting } from '../rules/rule.js';
import { packageRoot, policySchemaText } from '../schema.js';
import { fingerprint, outputsIntact, readManifest, sha256, writeManifest, type Manifest } from './cache.js';
import { reporters } from './report.js';
import { confinedPath, describeFsError, lockOutputDir, writeAtomic } from './write.js';

const FORMATS: readonly Format[] = ['md', 'html', 'json'];
/** The expensive part of policygen, loaded only when a command needs it. */
const pipeline = () => import('./pipeline.js');

/** Everything the CLI touches in the outside world, injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (decides colour when NO_COLOR / FORCE_COLOR are unset). */
  isTTY: boolean;
}

export const EXIT = { ok: 0, input: 1, failure: 2 } as const;

const VERSION = '0.1.0';

/**
 * Runs the policygen CLI. Returns the exit code: 0 success (warnings allowed), 1 problems in
 * the input, 2 usage, I/O or internal failure. Never calls process.exit.
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

  const reporterOption = () => new Option('-r, --reporter <name>', 'how to print diagnostics').choices(Object.keys(reporters)).default('stylish');
  const ruleOption = () => new Option('--rule <id=severity>', 'set a rule to off, warn or error (repeatable)').argParser(collectRule).default({});
  const strictOption = () => new Option('--strict', 'treat warnings as errors');
  const templatesOption = () => new Option('-t, --templates <dir>', 'a folder of templates that replace policygen\'s by file name');

  program
    .command('build')
    .description('validate declarations and write their policies')
    .argument('<declaration...>', 'declaration files (YAML)')
    .requiredOption('-o, --out-dir <dir>', 'directory to write the policies to')
    .option('-f, --format <list>', `comma-separated formats: ${FORMATS.join(', ')}`, FORMATS.join(','))
    .addOption(reporterOption())
    .addOption(ruleOption())
    .addOption(strictOption())
    .addOption(templatesOption())
    .option('--show-citations', "print each jurisdiction section's law under its heading")
    .option('-w, --workers <n>', 'compile on this many worker threads (default 1)', parseWorkers, 1)
    .option('--cache', 'skip declarations whose inputs and outputs have not changed since the last build')
    .option('--cache-location <dir>', 'where --cache keeps its manifest', '.policygen-cache')
    .action(async (files: string[], options: BuildOptions) => {
      exitCode = await build(files, options, io);
    });

  program
    .command('validate')
    .description('check declarations without writing anything')
    .argument('<declaration...>', 'declaration files (YAML)')
    .addOption(reporterOption())
    .addOption(ruleOption())
    .addOption(strictOption())
    .action(async (files: string[], options: CheckOptions) => {
      if (await unknownRules(options.rule, io)) {
        exitCode = EXIT.failure;
        return;
      }
      const { diagnostics, sources, failed } = await compileAll(files, [], options, io);
      print(diagnostics, sources, options.reporter, io);
      exitCode = failed ? EXIT.failure : hasErrors(diagnostics) ? EXIT.input : EXIT.ok;
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
      io.stdout(policySchemaText);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // Commander has already printed the message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    io.stderr(`policygen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in policygen; please report it.\n`);
    return EXIT.failure;
  }
  return exitCode;
}

interface CheckOptions {
  reporter: string;
  rule: Record<string, RuleSetting>;
  strict?: boolean;
  templates?: string;
  visibleCitations?: boolean;
}

interface BuildOptions extends CheckOptions {
  outDir: string;
  format: string;
  showCitations?: boolean;
  cache?: boolean;
  cacheLocation: string;
  workers: number;
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
  const unknown = ids.filter((id) => !ruleById.has(id));
  if (unknown.length === 0) return false;
  io.stderr(`policygen: no rule "${unknown.join('", "')}"; run policygen explain <rule-id> for one. Rules: ${[...ruleById.keys()].join(', ')}\n`);
  return true;
}

async function build(files: string[], options: BuildOptions, io: CliIo): Promise<number> {
  const formats = options.format.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as Format));
  if (unknown.length > 0 || formats.length === 0) {
    io.stderr(`policygen: unknown format "${unknown.join(', ')}"; choose from ${FORMATS.join(', ')}\n`);
    return EXIT.failure;
  }
  if (await unknownRules(options.rule, io)) return EXIT.failure;
  const names = new Map<string, string>();
  for (const file of files) {
    const name = outputStem(file);
    const other = names.get(name);
    if (other !== undefined && other !== file) {
      io.stderr(`policygen: ${other} and ${file} would write the same outputs (${name}.*); rename one of them\n`);
      return EXIT.failure;
    }
    names.set(name, file);
  }

  const root = resolve(io.cwd, options.outDir);
  // With --cache, a declaration whose inputs are unchanged and whose outputs are intact is
  // not compiled at all; when that is all of them, the pipeline is never loaded.
  const manifestPath = resolve(io.cwd, options.cacheLocation, 'manifest.json');
  const manifest: Manifest | undefined = options.cache ? await readManifest(manifestPath) : undefined;
  const keys = new Map<string, string>();
  let pending = files;
  if (manifest) {
    if (options.templates) {
      io.stderr('policygen: --cache cannot be combined with --templates yet; building everything.\n');
    } else {
      const settings = JSON.stringify({ formats, rule: options.rule, strict: Boolean(options.strict), citations: Boolean(options.showCitations) });
      pending = [];
      for (const file of files) {
        const bytes = await readFile(resolve(io.cwd, file)).catch(() => undefined);
        if (!bytes) {
          pending.push(file);
          continue;
        }
        const key = sha256(`${fingerprint()}\0${settings}\0${sha256(bytes)}`);
        keys.set(file, key);
        const entry = manifest.entries[resolve(io.cwd, file)];
        if (!(entry?.key === key && (await outputsIntact(entry, root)))) pending.push(file);
      }
      if (pending.length === 0) {
        if (options.reporter === 'stylish') io.stderr(`${files.length} declaration${files.length === 1 ? ' is' : 's are'} up to date; nothing to write\n`);
        else if (options.reporter === 'json') io.stdout('[]\n');
        return EXIT.ok;
      }
    }
  }

  let templates: TemplateSet | undefined;
  if (options.templates) {
    const { loadTemplateOverrides, bundledTemplates, TemplateError } = await pipeline();
    try {
      templates = await loadTemplateOverrides(resolve(io.cwd, options.templates), bundledTemplates('en'), options.templates);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      print([{ code: 'template-error', severity: 'error', message: `This template ${error.message}.`, file: error.file, docs: docsUrl('template-error') }], new Map(), options.reporter, io);
      return EXIT.failure;
    }
  }
  const { results, diagnostics, sources, failed } = await compileAll(pending, formats as Format[], { ...options, visibleCitations: Boolean(options.showCitations) }, io, templates, options.workers);
  print(diagnostics, sources, options.reporter, io);
  // A broken template folder is configuration, not input.
  if (failed || diagnostics.some((d) => d.code === 'template-error')) return EXIT.failure;
  // Nothing is written unless every declaration compiled.
  if (hasErrors(diagnostics)) {
    io.stderr('policygen: no files were written because of the errors above.\n');
    return EXIT.input;
  }
  let written = 0;
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockOutputDir(root);
    for (const [file, outputs] of results) {
      const recorded: Record<string, string> = {};
      for (const output of outputs) {
        const name = `${outputStem(file)}.${output.format}`;
        await writeAtomic(await confinedPath(root, name), output.content);
        recorded[name] = sha256(output.content);
        written++;
      }
      const key = keys.get(file);
      if (manifest && key) manifest.entries[resolve(io.cwd, file)] = { key, outputs: recorded };
    }
    if (manifest) await writeManifest(manifestPath, manifest);
  } catch (error) {
    io.stderr(`policygen: cannot write to ${options.outDir}: ${describeFsError(error)}\n`);
    return EXIT.failure;
  } finally {
    await release?.();
  }
  const skipped = files.length - pending.length;
  if (options.reporter === 'stylish') io.stderr(`${written} file${written === 1 ? '' : 's'} written to ${options.outDir}${skipped ? ` (${skipped} declaration${skipped === 1 ? '' : 's'} up to date)` : ''}\n`);
  return EXIT.ok;
}

async function compileAll(files: string[], formats: Format[], options: CheckOptions, io: CliIo, templates?: TemplateSet, workers = 1) {
  const results = new Map<string, Output[]>();
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let failed = false;
  const jobs: { file: string; bytes: Buffer }[] = [];
  for (const file of files) {
    try {
      jobs.push({ file, bytes: await readFile(resolve(io.cwd, file)) });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      diagnostics.push({ code: 'cannot-read', severity: 'error', message: `Cannot read the declaration: ${reason}.`, file, docs: docsUrl('cannot-read') });
      failed = true;
    }
  }
  const compileOptions = { formats, rules: options.rule, strict: Boolean(options.strict), visibleCitations: Boolean(options.visibleCitations), ...(templates ? { templates } : {}) };
  const compiled = workers > 1 && jobs.length > 1 ? await compileOnWorkers(jobs, compileOptions, workers) : await compileHere(jobs, compileOptions);
  jobs.forEach((job, i) => {
    // Code frames may show a replacement character; compile() reports invalid UTF-8 itself.
    sources.set(job.file, job.bytes.toString('utf8'));
    diagnostics.push(...compiled[i]!.diagnostics);
    results.set(job.file, compiled[i]!.outputs);
  });
  return { results, diagnostics, sources, failed };
}

type Compiled = { outputs: Output[]; diagnostics: Diagnostic[] };

async function compileHere(jobs: { file: string; bytes: Buffer }[], options: CompileOptions): Promise<Compiled[]> {
  const { compile } = await pipeline();
  return jobs.map((job) => compile({ file: job.file, text: job.bytes }, options));
}

/** Compiles on worker threads, each taking the next declaration when it is free; results keep their order. */
async function compileOnWorkers(jobs: { file: string; bytes: Buffer }[], options: CompileOptions, count: number): Promise<Compiled[]> {
  const script = workerScript();
  const results: Compiled[] = new Array(jobs.length);
  let next = 0;
  const threads = Array.from({ length: Math.min(count, jobs.length) }, () => new Worker(script));
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((done, fail) => {
            const send = () => {
              if (next >= jobs.length) return done();
              const id = next++;
              thread.postMessage({ id, file: jobs[id]!.file, bytes: jobs[id]!.bytes, options });
            };
            thread.on('message', (message: { id: number; error?: string } & Compiled) => {
              if (message.error) return fail(new Error(message.error));
              results[message.id] = { outputs: message.outputs, diagnostics: message.diagnostics };
              send();
            });
            thread.on('error', fail);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return results;
}

/** The worker script: the bundled one when running from the bundle, else the compiled module. */
function workerScript(): URL {
  const bundled = new URL('dist/bundle/worker.js', packageRoot);
  return existsSync(bundled) ? bundled : new URL('dist/cli/worker.js', packageRoot);
}

function print(diagnostics: Diagnostic[], sources: Map<string, string>, reporter: string, io: CliIo): void {
  const level = io.env['NO_COLOR'] ? 0 : io.env['FORCE_COLOR'] !== undefined ? Math.min(3, Number(io.env['FORCE_COLOR']) || 1) : io.isTTY ? (supportsColor ? supportsColor.level : 1) : 0;
  const text = reporters[reporter]!(diagnostics, { sources, chalk: new Chalk({ level: level as 0 | 1 | 2 | 3 }) });
  if (reporter === 'json') io.stdout(text);
  else if (text) io.stderr(text);
}

function outputStem(file: string): string {
  const name = basename(file);
  const ext = extname(name);
  return ext === '.yaml' || ext === '.yml' ? name.slice(0, -ext.length) : name;
}

function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}
