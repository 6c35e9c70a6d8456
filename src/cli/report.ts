import type { ChalkInstance } from 'chalk';
import { DIAGNOSTIC_SUMMARIES } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { createHash } from 'node:crypto';
import { docsUrlAbsolute, VERSION } from './package-info.js';

/** Reporters are pure: diagnostics (and the sources they point into) in, text out. */
export type Reporter = (diagnostics: readonly Diagnostic[], context: ReportContext) => string;

export interface ReportContext {
  /** Declaration texts by file name, for code frames. */
  sources: ReadonlyMap<string, string>;
  chalk: ChalkInstance;
  /** The most diagnostics the human reporter prints in full (default 50). */
  limit?: number;
  /** Whether the human reporter ends with an "N errors, M warnings" line (build prints its own). */
  summary?: boolean;
  /** A compliance rule's title and description, for reporters that describe rules (SARIF). */
  rule?: (code: string) => { title: string; description: string } | undefined;
}

/** The human reporter: position, severity, message, code, a code frame and the hint. */
export const stylish: Reporter = (diagnostics, { sources, chalk, limit = 50, summary: withSummary = true }) => {
  const out: string[] = [];
  for (const d of diagnostics.slice(0, limit)) {
    const where = d.file ? `${printable(d.file)}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : 'policygen';
    const severity = d.severity === 'error' ? chalk.red('error') : chalk.yellow('warning');
    out.push(`${chalk.bold(where)}  ${severity}  ${d.message}  ${chalk.dim(d.code)}`);
    const text = d.file ? sources.get(d.file) : undefined;
    if (text !== undefined && d.line) out.push(codeFrame(text, d, chalk));
    if (d.citation) out.push(`  ${chalk.cyan('law:')} ${d.citation}`);
    if (d.hint) out.push(`  ${chalk.cyan('hint:')} ${d.hint}`);
    out.push('');
  }
  if (diagnostics.length > limit) {
    out.push(
      chalk.dim(
        `…and ${diagnostics.length - limit} more; fix these first, or run with --reporter json to see them all.`,
      ),
      '',
    );
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length > 0 && withSummary) {
    const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    out.push(errors ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  }
  return out.length ? out.join('\n') + '\n' : '';
};

/** Machine-readable: a JSON array of diagnostics. */
/** The diagnostics as JSON, each docs link absolute (the page in the published package). */
export const json: Reporter = (diagnostics) =>
  JSON.stringify(
    diagnostics.map((d) => (d.docs ? { ...d, docs: docsUrlAbsolute(d.docs) } : d)),
    null,
    2,
  ) + '\n';

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on the line of the
 * declaration it concerns (https://docs.github.com/actions/reference/workflow-commands).
 */
export const github: Reporter = (diagnostics) =>
  diagnostics
    .map((d) => {
      const props = [
        d.file && `file=${property(d.file)}`,
        d.line && `line=${d.line}`,
        d.column && `col=${d.column}`,
        d.endLine && `endLine=${d.endLine}`,
        d.endColumn && `endColumn=${d.endColumn}`,
        `title=${property(`policygen ${d.code}`)}`,
      ]
        .filter(Boolean)
        .join(',');
      const text = [d.message, d.citation && `Law: ${d.citation}`, d.hint].filter(Boolean).join(' ');
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${data(text)}\n`;
    })
    .join('');

/** Escapes for the data and property parts of a workflow command. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards. */
export const sarif: Reporter = (diagnostics, { rule }) => {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policygen',
            version: VERSION,
            informationUri: 'https://www.npmjs.com/package/policygen',
            // helpUri must be an absolute URI (SARIF 2.1.0 §3.49.12): the docs page as published.
            rules: codes.map((code) => {
              const docs = diagnostics.find((d) => d.code === code)?.docs;
              const about = rule?.(code);
              const summary = DIAGNOSTIC_SUMMARIES[code];
              return {
                id: code,
                ...(about
                  ? { shortDescription: { text: about.title }, fullDescription: { text: about.description } }
                  : summary
                    ? { shortDescription: { text: summary } }
                    : {}),
                ...(docs ? { helpUri: docsUrlAbsolute(docs) } : {}),
              };
            }),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: codes.indexOf(d.code),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: [d.message, d.citation && `Law: ${d.citation}`, d.hint].filter(Boolean).join(' ') },
          // The same finding keeps its fingerprint when lines move (see fingerprint).
          partialFingerprints: { 'policygen/v1': fingerprint(d) },
          ...(d.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: d.file.split('\\').join('/') },
                      ...(d.line
                        ? {
                            region: {
                              startLine: d.line,
                              startColumn: d.column ?? 1,
                              ...(d.endLine ? { endLine: d.endLine, endColumn: d.endColumn ?? 1 } : {}),
                            },
                          }
                        : {}),
                    },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/**
 * A finding's identity for code scanning, whatever line it is on: its code, file, JSON pointer
 * and message with numbers left out (a message may name a line).
 */
function fingerprint(d: Diagnostic): string {
  return createHash('sha256')
    .update(JSON.stringify([d.code, d.file ?? '', d.pointer ?? '', d.message.replace(/\d+/g, '#')]))
    .digest('hex')
    .slice(0, 32);
}

export const reporters: Record<string, Reporter> = { stylish, json, github, sarif };

/**
 * Text from a declaration or a file name as the terminal should show it: control characters
 * (ESC sequences, CR, NUL, a newline in a file name) as \u escapes, never acted on. A tab
 * stays a tab. Code frames keep their columns for ordinary text.
 */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function codeFrame(text: string, d: Diagnostic, chalk: ChalkInstance): string {
  const lines = text.split(/\r?\n/);
  const line = d.line!;
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? chalk.red('>') : ' ';
    frame.push(`${marker} ${chalk.dim(String(n).padStart(width) + ' |')} ${printable(lines[n - 1] ?? '')}`);
    if (n === line) {
      const start = Math.max(1, d.column ?? 1);
      const end = d.endLine === line && d.endColumn && d.endColumn > start ? d.endColumn : start + 1;
      frame.push(
        `  ${' '.repeat(width)} ${chalk.dim('|')} ${' '.repeat(start - 1)}${chalk.red('^'.repeat(Math.min(end - start, 80)))}`,
      );
    }
  }
  return frame.join('\n');
}
