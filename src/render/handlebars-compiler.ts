import type Handlebars from 'handlebars';
import { packageRequire } from '../package-root.js';

type Env = typeof Handlebars;
type CompileOptions = Parameters<Env['compile']>[1];
/** The two halves of Handlebars' compiler, which its type declarations leave out. */
interface CompilerParts {
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification;
  };
}

let full: Env | undefined;

/**
 * Handlebars with its compiler, loaded the first time a template must be compiled: a user's
 * (`--templates`), or one of policygen's whose precompiled form does not match its source
 * (while templates are being edited). A build with policygen's own templates never loads it:
 * the compiler and its source-map support are a sixth of the pipeline's code (issue 16).
 * Loaded through require so that the bundle leaves it out (scripts/bundle.mjs).
 */
function compiler(): Env {
  full ??= packageRequire('handlebars') as Env;
  return full;
}

/** Parses a template, for its syntax errors or to instrument it (instrument.ts). */
export function parse(source: string): hbs.AST.Program {
  return compiler().parse(source);
}

/**
 * Compiles a template (its source or its parsed form) into a template of `hb`, an environment
 * of the Handlebars runtime: what Handlebars' own compile does, without needing its
 * environment to be the compiler's.
 */
export function compileFor(
  hb: Env,
  input: string | hbs.AST.Program,
  options: CompileOptions,
): HandlebarsTemplateDelegate {
  const full = compiler();
  const settings = { data: true, ...options };
  const ast = typeof input === 'string' ? full.parse(input, settings) : input;
  const parts = full as unknown as CompilerParts;
  const environment = new parts.Compiler().compile(ast, settings);
  const spec = new parts.JavaScriptCompiler().compile(environment, settings, undefined, true);
  return hb.template(spec);
}
