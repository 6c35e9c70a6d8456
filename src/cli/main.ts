import { Chalk, supportsColor } from 'chalk';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { compile, FORMATS, type Format, type Output } from '../compile.js';
import { docsUrl, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadTemplateOverrides } from '../render/overrides.js';
import { TemplateError } from '../render/render.js';
import { bundledTemplates, type TemplateSet } from '../render/templates.js';
import { ruleDoc } from '../rules/docs.js';
import { ruleById } from '../rules/index.js';
import type { RuleSetting } from '../rules/rule.js';
import { policySchemaText } from '../schema.js';
import { reporters } from './report.js';
import { confinedPath, describeFsError, lockOutputDir, writeAtomic } from './write.js';

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
      const { diagnostics, sources, failed } = await compileAll(files, [], options, io);
      print(diagnostics, sources, options.reporter, io);
      exitCode = failed ? EXIT.failure : hasErrors(diagnostics) ? EXIT.input : EXIT.ok;
    });

  program
    .command('explain')
    .description("print a rule's documentation: what it requires, why, and a failing and a passing example")
    .argument('<rule-id>', 'the rule, as diagnostics name it')
    .action((id: string) => {
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
}

function collectRule(value: string, previous: Record<string, RuleSetting>): Record<string, RuleSetting> {
  const match = /^([a-z][a-z0-9-]*)=(off|warn|error)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected <rule-id>=off|warn|error, such as retention-required=warn');
  if (!ruleById.has(match[1]!)) throw new InvalidArgumentError(`no rule "${match[1]}"; run policygen explain <rule-id> for one`);
  return { ...previous, [match[1]!]: match[2] as RuleSetting };
}

async function build(files: string[], options: BuildOptions, io: CliIo): Promise<number> {
  const formats = options.format.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as Format));
  if (unknown.length > 0 || formats.length === 0) {
    io.stderr(`policygen: unknown format "${unknown.join(', ')}"; choose from ${FORMATS.join(', ')}\n`);
    return EXIT.failure;
  }
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

  let templates: TemplateSet | undefined;
  if (options.templates) {
    try {
      templates = await loadTemplateOverrides(resolve(io.cwd, options.templates), bundledTemplates('en'), options.templates);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      print([{ code: 'template-error', severity: 'error', message: `This template ${error.message}.`, file: error.file, docs: docsUrl('template-error') }], new Map(), options.reporter, io);
      return EXIT.failure;
    }
  }
  const { results, diagnostics, sources, failed } = await compileAll(files, formats as Format[], { ...options, visibleCitations: Boolean(options.showCitations) }, io, templates);
  print(diagnostics, sources, options.reporter, io);
  // A broken template folder is configuration, not input.
  if (failed || diagnostics.some((d) => d.code === 'template-error')) return EXIT.failure;
  // Nothing is written unless every declaration compiled.
  if (hasErrors(diagnostics)) {
    io.stderr('policygen: no files were written because of the errors above.\n');
    return EXIT.input;
  }
  let written = 0;
  const root = resolve(io.cwd, options.outDir);
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockOutputDir(root);
    for (const [file, outputs] of results) {
      for (const output of outputs) {
        await writeAtomic(await confinedPath(root, `${outputStem(file)}.${output.format}`), output.content);
        written++;
      }
    }
  } catch (error) {
    io.stderr(`policygen: cannot write to ${options.outDir}: ${describeFsError(error)}\n`);
    return EXIT.failure;
  } finally {
    await release?.();
  }
  if (options.reporter === 'stylish') io.stderr(`${written} file${written === 1 ? '' : 's'} written to ${options.outDir}\n`);
  return EXIT.ok;
}

async function compileAll(files: string[], formats: Format[], options: CheckOptions, io: CliIo, templates?: TemplateSet) {
  const results = new Map<string, Output[]>();
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let failed = false;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(io.cwd, file));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      diagnostics.push({ code: 'cannot-read', severity: 'error', message: `Cannot read the declaration: ${reason}.`, file, docs: docsUrl('cannot-read') });
      failed = true;
      continue;
    }
    // Code frames may show a replacement character; compile() reports invalid UTF-8 itself.
    sources.set(file, bytes.toString('utf8'));
    const result = compile({ file, text: bytes }, { formats, rules: options.rule, strict: Boolean(options.strict), visibleCitations: Boolean(options.visibleCitations), ...(templates ? { templates } : {}) });
    diagnostics.push(...result.diagnostics);
    results.set(file, result.outputs);
  }
  return { results, diagnostics, sources, failed };
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
