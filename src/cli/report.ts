import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Reporters are pure: diagnostics (and the sources they point into) in, text out. */
export type Reporter = (diagnostics: readonly Diagnostic[], context: ReportContext) => string;

export interface ReportContext {
  /** Declaration texts by file name, for code frames. */
  sources: ReadonlyMap<string, string>;
  chalk: ChalkInstance;
  /** The most diagnostics the human reporter prints in full (default 50). */
  limit?: number;
}

/** The human reporter: position, severity, message, code, a code frame and the hint. */
export const stylish: Reporter = (diagnostics, { sources, chalk, limit = 50 }) => {
  const out: string[] = [];
  for (const d of diagnostics.slice(0, limit)) {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : 'policygen';
    const severity = d.severity === 'error' ? chalk.red('error') : chalk.yellow('warning');
    out.push(`${chalk.bold(where)}  ${severity}  ${d.message}  ${chalk.dim(d.code)}`);
    const text = d.file ? sources.get(d.file) : undefined;
    if (text !== undefined && d.line) out.push(codeFrame(text, d, chalk));
    if (d.citation) out.push(`  ${chalk.cyan('law:')} ${d.citation}`);
    if (d.hint) out.push(`  ${chalk.cyan('hint:')} ${d.hint}`);
    out.push('');
  }
  if (diagnostics.length > limit) {
    out.push(chalk.dim(`…and ${diagnostics.length - limit} more; fix these first, or run with --reporter json to see them all.`), '');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length > 0) {
    const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    out.push(errors ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  }
  return out.length ? out.join('\n') + '\n' : '';
};

/** Machine-readable: a JSON array of diagnostics. */
export const json: Reporter = (diagnostics) => JSON.stringify(diagnostics, null, 2) + '\n';

export const reporters: Record<string, Reporter> = { stylish, json };

function codeFrame(text: string, d: Diagnostic, chalk: ChalkInstance): string {
  const lines = text.split(/\r?\n/);
  const line = d.line!;
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? chalk.red('>') : ' ';
    frame.push(`${marker} ${chalk.dim(String(n).padStart(width) + ' |')} ${lines[n - 1] ?? ''}`);
    if (n === line) {
      const start = Math.max(1, d.column ?? 1);
      const end = d.endLine === line && d.endColumn && d.endColumn > start ? d.endColumn : start + 1;
      frame.push(`  ${' '.repeat(width)} ${chalk.dim('|')} ${' '.repeat(start - 1)}${chalk.red('^'.repeat(Math.min(end - start, 80)))}`);
    }
  }
  return frame.join('\n');
}
