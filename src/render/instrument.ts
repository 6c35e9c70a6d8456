import type Handlebars from 'handlebars';
import { compileFor, parse } from './handlebars-compiler.js';

/**
 * Provenance markers: a traced render (render.ts, `trace: true`) compiles each template with a
 * marker helper around every statement that prints, so that its output shows where each
 * mustache, block and branch began and ended. provenance.ts strips the markers again, keeping
 * their offsets; the Markdown is then the very text an untraced render makes.
 *
 *   U+E00A n U+E00B   a range opens: the n-th event of the render's trace
 *   U+E00C            the innermost open range closes
 */
export { MARKER_PATTERN, RANGE_CLOSE, RANGE_OPEN, RANGE_OPEN_END } from './tokens.js';

/** The helpers a traced template calls; their names cannot clash with a template's own. */
export const MARK = '__pv_mark';
export const CLOSE = '__pv_close';
export const BRANCH = '__pv_branch';
export const CONDITION = '__pv_cond';

type Statement = hbs.AST.Statement;
type Program = hbs.AST.Program;
type Expression = hbs.AST.Expression;

const loc = { source: '', start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
const path = (name: string): hbs.AST.PathExpression =>
  ({ type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc }) as hbs.AST.PathExpression;
const text = (value: string): hbs.AST.StringLiteral => ({ type: 'StringLiteral', value, original: value, loc });
const strip = { open: false, close: false };
const call = (name: string, params: Expression[] = []): hbs.AST.MustacheStatement =>
  ({
    type: 'MustacheStatement',
    path: path(name),
    params,
    hash: undefined,
    escaped: false,
    strip,
    loc,
  }) as unknown as hbs.AST.MustacheStatement;
/** A block's argument, passed through CONDITION so that the reads it made are the block's condition. */
const condition = (param: Expression): hbs.AST.SubExpression =>
  ({
    type: 'SubExpression',
    path: path(CONDITION),
    params: [param],
    hash: { type: 'Hash', pairs: [], loc },
    loc,
  }) as unknown as hbs.AST.SubExpression;

/**
 * Adds the markers to a parsed template (after Handlebars' whitespace control, so the markers
 * change no line's standalone status): each mustache and partial is wrapped in MARK … CLOSE,
 * each block too, with its arguments passed through CONDITION and each of its programs (every
 * iteration of an `#each`, the `else` of an `#if`) wrapped in BRANCH … CLOSE. MARK names the
 * helper, so that `#explanation` blocks and `explain` mustaches mark explanations.
 */
export function instrument(program: Program): Program {
  return { ...program, body: program.body.flatMap(statement) };
}

function statement(node: Statement): Statement[] {
  switch (node.type) {
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      return [call(MARK, [text(helperName(mustache.path))]), node, call(CLOSE)];
    }
    case 'PartialStatement':
      return [call(MARK, [text('>')]), node, call(CLOSE)];
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const wrapped: hbs.AST.BlockStatement = {
        ...block,
        params: block.params.map(condition),
        ...(block.hash
          ? {
              hash: {
                ...block.hash,
                pairs: block.hash.pairs.map((pair: hbs.AST.HashPair) => ({ ...pair, value: condition(pair.value) })),
              },
            }
          : {}),
        program: branch(block.program),
        ...(block.inverse ? { inverse: branch(block.inverse) } : {}),
      };
      return [call(MARK, [text(helperName(block.path))]), wrapped, call(CLOSE)];
    }
    default:
      return [node];
  }
}

function branch(program: Program): Program {
  // Handlebars.compile runs whitespace control again on a parsed template. An `{{else if}}`
  // chain is a plain inverse now that its first statement is a marker: say so.
  return {
    ...program,
    chained: false,
    body: [call(BRANCH), ...program.body.flatMap(statement), call(CLOSE)],
  } as Program;
}

function helperName(expression: hbs.AST.PathExpression | hbs.AST.Literal): string {
  return expression.type === 'PathExpression' ? (expression as hbs.AST.PathExpression).original : '';
}

/** The markers' helpers, always registered: templates call them directly, which makes their code a third smaller. */
export const MARKERS: Readonly<Record<string, true>> = {
  [MARK]: true,
  [CLOSE]: true,
  [BRANCH]: true,
  [CONDITION]: true,
};

/** Parses, instruments and compiles a template; `options` as for Handlebars.compile. */
export function compileTraced(
  hb: typeof Handlebars,
  source: string,
  options: CompileOptions,
): HandlebarsTemplateDelegate {
  return compileFor(hb, instrument(parse(source)), {
    ...options,
    knownHelpers: { ...options.knownHelpers, ...MARKERS },
  });
}
