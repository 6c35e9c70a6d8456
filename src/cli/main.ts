import { Chalk, supportsColor } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { compile, FORMATS, type Format, type Output } from '../compile.js';
import { docsUrl, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { policySchemaText } from '../schema.js';
import { reporters } from './report.js';
import { writeAtomic } from './write.js';

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

  program
    .command('build')
    .description('validate declarations and write their policies')
    .argument('<declaration...>', 'declaration files (YAML)')
    .requiredOption('-o, --out-dir <dir>', 'directory to write the policies to')
    .option('-f, --format <list>', `comma-separated formats: ${FORMATS.join(', ')}`, FORMATS.join(','))
    .addOption(reporterOption())
    .action(async (files: string[], options: { outDir: string; format: string; reporter: string }) => {
      exitCode = await build(files, options, io);
    });

  program
    .command('validate')
    .description('check declarations without writing anything')
    .argument('<declaration...>', 'declaration files (YAML)')
    .addOption(reporterOption())
    .action(async (files: string[], options: { reporter: string }) => {
      const { diagnostics, sources, failed } = await compileAll(files, [], io);
      print(diagnostics, sources, options.reporter, io);
      exitCode = failed ? EXIT.failure : hasErrors(diagnostics) ? EXIT.input : EXIT.ok;
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

async function build(files: string[], options: { outDir: string; format: string; reporter: string }, io: CliIo): Promise<number> {
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

  const { results, diagnostics, sources, failed } = await compileAll(files, formats as Format[], io);
  print(diagnostics, sources, options.reporter, io);
  if (failed) return EXIT.failure;
  // Nothing is written unless every declaration compiled.
  if (hasErrors(diagnostics)) {
    io.stderr('policygen: no files were written because of the errors above.\n');
    return EXIT.input;
  }
  let written = 0;
  try {
    for (const [file, outputs] of results) {
      for (const output of outputs) {
        await writeAtomic(resolve(io.cwd, options.outDir, `${outputStem(file)}.${output.format}`), output.content);
        written++;
      }
    }
  } catch (error) {
    io.stderr(`policygen: cannot write to ${options.outDir}: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  if (options.reporter === 'stylish') io.stderr(`${written} file${written === 1 ? '' : 's'} written to ${options.outDir}\n`);
  return EXIT.ok;
}

async function compileAll(files: string[], formats: Format[], io: CliIo) {
  const results = new Map<string, Output[]>();
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      diagnostics.push({ code: 'cannot-read', severity: 'error', message: `Cannot read the declaration: ${reason}.`, file, docs: docsUrl('cannot-read') });
      failed = true;
      continue;
    }
    sources.set(file, text);
    const result = compile({ file, text }, { formats: formats.length ? formats : ['json'] });
    diagnostics.push(...result.diagnostics);
    results.set(file, formats.length ? result.outputs : []);
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
