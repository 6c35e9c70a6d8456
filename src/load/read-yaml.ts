import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { docsUrl, type Diagnostic } from '../diagnostics/diagnostic.js';

/** A declaration read from YAML, with everything needed to point back into the text. */
export interface Source {
  /** The file name as the user gave it; used in diagnostics only. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain JavaScript value, or undefined when the YAML could not be read. */
  value: unknown;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Parses a declaration's YAML text, keeping positions. YAML 1.2 core schema: dates stay
 * strings, `NO` stays a string; aliases are refused so values can only come from where
 * they are written.
 *
 * @returns the source (value undefined when the text has syntax errors) and diagnostics
 */
export function readYaml(file: string, rawText: string): { source: Source; diagnostics: Diagnostic[] } {
  // A byte-order mark would otherwise shift every column on the first line.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    version: '1.2',
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const source: Source = { file, text, doc, lineCounter, value: undefined };
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, endOffset = offset): Range => rangeOf(lineCounter, offset, endOffset);

  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    diagnostics.push({
      code: duplicate ? 'duplicate-key' : 'yaml-syntax',
      severity: 'error',
      message: duplicate ? 'This key appears twice in the same mapping; keep one.' : plainYamlMessage(error.code, error.message),
      file,
      ...at(error.pos[0], error.pos[1]),
      docs: docsUrl(duplicate ? 'duplicate-key' : 'yaml-syntax'),
    });
  }
  if (diagnostics.length > 0) return { source, diagnostics };

  visit(doc, {
    Alias(_key, node) {
      const [start, , end] = node.range ?? [0, 0, 0];
      diagnostics.push({
        code: 'yaml-alias',
        severity: 'error',
        message: `Aliases (*${node.source}) are not allowed in a declaration: write the value out, or refer to it by its id.`,
        file,
        ...at(start, end),
        docs: docsUrl('yaml-alias'),
      });
    },
  });
  if (diagnostics.length > 0) return { source, diagnostics };

  source.value = doc.toJS({ maxAliasCount: 0 }) ?? null;
  return { source, diagnostics };
}

const PLAIN_MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'A declaration is a single YAML document, but a second one starts here ("---"). Remove the line, or split the file.',
  TAB_AS_INDENT: 'Tabs cannot be used to indent YAML; indent with spaces.',
  BAD_INDENT: 'This line is not indented consistently with the lines around it.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; a colon may be missing at the end of the previous line, or a value needs quotes.',
  BLOCK_AS_IMPLICIT_KEY: 'A key must fit on one line; a colon may be missing at the end of the previous line, or a value needs quotes.',
};

function plainYamlMessage(code: string, message: string): string {
  // yaml's messages end with " at line L, column C" in some cases; positions are ours to add.
  return PLAIN_MESSAGES[code] ?? message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** Converts offsets into a 1-based line/column range. */
export function rangeOf(lineCounter: LineCounter, offset: number, endOffset = offset): Range {
  const start = lineCounter.linePos(offset);
  const end = lineCounter.linePos(Math.max(offset, endOffset));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * Finds the YAML node a path points at, or the deepest existing node on the way.
 * With `key`, a path ending at a mapping entry yields the range of its key instead of its value.
 */
export function locate(source: Source, path: readonly (string | number)[], options: { key?: boolean } = {}): Range {
  let node: unknown = source.doc.contents;
  let range: [number, number] | undefined = nodeRange(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      if (last && options.key) {
        range = nodeRange(pair.key) ?? range;
        break;
      }
      node = pair.value;
      range = nodeRange(node) ?? nodeRange(pair.key) ?? range;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      node = item;
      range = nodeRange(node) ?? range;
    } else {
      break;
    }
  }
  return range ? rangeOf(source.lineCounter, range[0], range[1]) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * The range of the key that holds the node at `path` (for "missing property" errors that
 * belong on the parent key), or the node itself for the root and sequence items.
 */
export function locateOwner(source: Source, path: readonly (string | number)[]): Range {
  if (path.length === 0) return locate(source, []);
  const last = path[path.length - 1]!;
  if (typeof last === 'number' || /^\d+$/.test(String(last))) {
    return locateFirstKey(source, path);
  }
  return locate(source, path, { key: true });
}

// For an item of a sequence, point at its first key: "- id: foo" reads as where the item is.
function locateFirstKey(source: Source, path: readonly (string | number)[]): Range {
  const range = locate(source, path);
  return { ...range, endLine: range.line, endColumn: range.column };
}

function nodeRange(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as YamlNode).range;
    if (r) return [r[0], r[1]];
  }
  return undefined;
}

