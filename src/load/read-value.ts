import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { docsUrl, toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { FORBIDDEN_KEYS } from './read-plain.js';
import { LIMITS, TOO_DEEP, type Range, type Source } from './read-yaml.js';

/**
 * A declaration that arrives already parsed (a site generator's data file, for instance) as a
 * Source: the value as given — never copied, changed or frozen — and positions from the
 * caller's `locate`, if any. It must be plain data, as a YAML 1.2 core or JSON parser gives:
 * null, booleans, finite numbers, strings, arrays and plain objects, no deeper than the YAML
 * reader allows, without the keys it refuses. Anything else is an error at its path.
 */
export function readValue(
  file: string,
  value: unknown,
  locate?: (path: readonly (string | number)[]) => Partial<Range> | undefined,
): { source: Source; diagnostics: Diagnostic[] } {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const empty = () => (parsed ??= { doc: parseDocument(''), lineCounter: new LineCounter() });
  const source: Source = {
    file,
    text: '',
    value,
    position: locate ?? (() => undefined),
    get doc() {
      return empty().doc;
    },
    get lineCounter() {
      return empty().lineCounter;
    },
  };
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, path: (string | number)[], message: string) => {
    const at = locate?.(path);
    const line = at?.line ?? 1;
    const column = at?.column ?? 1;
    diagnostics.push({
      code,
      severity: 'error',
      message,
      file,
      line,
      column,
      endLine: at?.endLine ?? line,
      endColumn: at?.endColumn ?? column,
      pointer: toPointer(path),
      docs: docsUrl(code),
    });
  };
  const check = (node: unknown, path: (string | number)[], depth: number): void => {
    if (diagnostics.length >= 20) return;
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node))
        report(
          'not-plain-data',
          path,
          `This value is ${node}, which a declaration cannot hold; write a finite number or text.`,
        );
      return;
    }
    if (typeof node !== 'object') {
      report(
        'not-plain-data',
        path,
        `This value is ${typeof node === 'undefined' ? 'undefined' : `a ${typeof node}`}, not data a declaration can hold (text, a number, true or false, a list or a mapping).`,
      );
      return;
    }
    if (depth > LIMITS.depth) {
      report('too-deep', path, TOO_DEEP);
      return;
    }
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) check(item, [...path, i], depth + 1);
      return;
    }
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind =
        node instanceof Date
          ? 'a date object (write dates as text, "2024-07-15", or read the YAML with the 1.2 core schema)'
          : `an object of type ${(node as object).constructor?.name ?? 'unknown'}`;
      report('not-plain-data', path, `This value is ${kind}, not plain data.`);
      return;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) report('forbidden-key', [...path, key], `"${key}" cannot be used as a key.`);
      else check((node as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };
  check(value, [], 1);
  if (diagnostics.length) source.value = undefined;
  return { source, diagnostics };
}
