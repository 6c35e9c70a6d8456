/**
 * The one diagnostic type every stage reports with, from YAML syntax errors to rule
 * violations. Positions are 1-based and always point into the declaration a person wrote.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable, kebab-case code; documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  /** Plain-English message: what is wrong, and what was expected. */
  message: string;
  /** The declaration file, as the user named it (never made absolute). */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** JSON pointer into the declaration (RFC 6901), e.g. `/data/2/retention`. */
  pointer?: string;
  /** A suggestion such as a did-you-mean or an example of the valid form. */
  hint?: string;
  /** The law that requires what the diagnostic is about, e.g. "GDPR Art. 13(1)(c)". */
  citation?: string;
  /** Where the code is documented. */
  docs?: string;
}

export const DOCS_BASE = 'docs/diagnostics.md';

/** The documentation link for a diagnostic code. */
export function docsUrl(code: string): string {
  return `${DOCS_BASE}#${code}`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts diagnostics by file, line and column so reports read top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** Escapes one JSON pointer segment. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer from path segments. */

/** The value at a path, looking only at a value's own keys (never its prototype's). */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => '/' + pointerSegment(s)).join('');
}

/** Splits a JSON pointer into path segments. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON pointer's path with its indexes as numbers, as the YAML locator and toPointer take it. */
export function pathOf(pointer: string): (string | number)[] {
  return fromPointer(pointer).map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}
