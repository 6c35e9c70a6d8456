import { BoundedCache } from '../bounded-cache.js';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLMap } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import { docsUrl, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from './decode.js';

/** A declaration read from YAML, with everything needed to point back into the text. */
export interface Source {
  /** The file name as the user gave it; used in diagnostics only. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain JavaScript value, or undefined when the YAML could not be read. */
  value: unknown;
  /**
   * Read by top-level entry (readChunked): each entry's nodes count offsets from the start of
   * its own text, which begins this many characters into the file.
   */
  shift?: WeakMap<object, number>;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Limits that keep a hostile or mistaken file from exhausting memory or time. */
export const LIMITS = { bytes: 2 * 1024 * 1024, depth: 24 } as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses a declaration's YAML, keeping positions. YAML 1.2 core schema whatever the file's
 * %YAML directive says: dates stay strings, `NO` stays a string, `0123` is not octal. Aliases,
 * merge keys, tags and keys such as `__proto__` are refused at their position, and invalid
 * UTF-8 is reported rather than replaced.
 *
 * @param input the file's bytes (checked as UTF-8) or its text
 * @returns the source (value undefined when the file cannot be read) and diagnostics
 */
export function readYaml(file: string, input: string | Uint8Array): { source: Source; diagnostics: Diagnostic[] } {
  const unreadable = (code: string, message: string, line = 1, column = 1) => {
    const lineCounter = new LineCounter();
    const doc = parseDocument('', { lineCounter });
    const diagnostic: Diagnostic = { code, severity: 'error', message, file, line, column, docs: docsUrl(code) };
    return { source: { file, text: '', doc, lineCounter, value: undefined }, diagnostics: [diagnostic] };
  };
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > LIMITS.bytes) {
    return unreadable('too-large', `The declaration is ${Math.ceil(size / 1024)} KiB; the limit is ${LIMITS.bytes / 1024} KiB.`);
  }
  let rawText: string;
  if (typeof input === 'string') rawText = input;
  else {
    const decoded = decodeUtf8(input);
    if ('error' in decoded) {
      const byte = decoded.error.byte.toString(16).padStart(2, '0').toUpperCase();
      return unreadable('invalid-utf8', `The file is not valid UTF-8: byte 0x${byte} cannot appear here. Save the file as UTF-8.`, decoded.error.line, decoded.error.column);
    }
    rawText = decoded.text;
  }
  // A byte-order mark would otherwise shift every column on the first line.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  return readChunked(file, text) ?? readDocument(file, text);
}

const PARSE_OPTIONS = { schema: 'core', version: '1.2', merge: false, uniqueKeys: true, prettyErrors: false, strict: true } as const;

/**
 * Reads YAML text as one document: every check, and the exact diagnostics for every problem.
 * Exported for the test that proves readChunked gives the same result.
 */
export function readDocument(file: string, text: string): { source: Source; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...PARSE_OPTIONS });
  const source: Source = { file, text, doc, lineCounter, value: undefined };
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, endOffset = offset): Range => rangeOf(lineCounter, offset, endOffset);

  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    const explained = duplicate
      ? { message: duplicateMessage(doc, lineCounter, error.pos[0]), offset: error.pos[0], end: error.pos[1] }
      : explainYamlError(text, error.code, error.message, error.pos);
    diagnostics.push({
      code: duplicate ? 'duplicate-key' : 'yaml-syntax',
      severity: 'error',
      message: explained.message,
      file,
      ...at(explained.offset, explained.end),
      docs: docsUrl(duplicate ? 'duplicate-key' : 'yaml-syntax'),
    });
  }
  if (diagnostics.length > 0) return { source, diagnostics };

  const refuse = (code: string, node: { range?: [number, number, number] | null | undefined }, message: string) => {
    const [start, , end] = node.range ?? [0, 0, 0];
    diagnostics.push({ code, severity: 'error', message, file, ...at(start, end), docs: docsUrl(code) });
  };
  let tooDeep = false;
  visit(doc, {
    Node(_key, node, path) {
      // Depth counts collections (mappings and lists), however they are nested.
      if (path.filter((step) => isMap(step) || isSeq(step)).length + (isMap(node) || isSeq(node) ? 1 : 0) > LIMITS.depth) {
        tooDeep = true;
        refuse('too-deep', node, `The declaration nests deeper than ${LIMITS.depth} levels here; no part of the format needs that.`);
        return visit.BREAK;
      }
      if (node.tag) {
        // The node's range starts at its value; point at the tag written before it.
        const start = node.range?.[0] ?? 0;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        const from = propertyStart(text, '!', start, lineStart);
        const lineEnd = text.indexOf('\n', from);
        diagnostics.push({
          code: 'yaml-tag',
          severity: 'error',
          message: `Tags such as ${node.tag.replace('tag:yaml.org,2002:', '!!')} are not allowed in a declaration; write the value plainly.`,
          file,
          ...at(from, Math.min(node.range?.[1] ?? from, lineEnd === -1 ? text.length : lineEnd)),
          docs: docsUrl('yaml-tag'),
        });
      }
      if (node.anchor) {
        const start = node.range?.[0] ?? 0;
        const from = propertyStart(text, '&', start, text.lastIndexOf('\n', start - 1) + 1);
        diagnostics.push({ code: 'yaml-alias', severity: 'error', message: `Anchors (&${node.anchor}) are not allowed in a declaration: write each value where it is used, or refer to it by its id.`, file, ...at(from, from + node.anchor.length + 1), docs: docsUrl('yaml-alias') });
      }
      // "street: 10 Anson Road, #20-05" is cut at " #", which starts a comment. A comment that
      // hugs its "#" right after a value on the same line is almost always part of the value.
      if (isScalar(node) && node.type === 'PLAIN' && node.range) {
        const after = /^[ \t]+#(\S)/.exec(text.slice(node.range[1], text.indexOf('\n', node.range[1]) === -1 ? undefined : text.indexOf('\n', node.range[1])));
        if (after) {
          const at = node.range[1] + after[0].length - 2;
          diagnostics.push({ code: 'yaml-comment-in-value', severity: 'warning', message: `This value ends before "#${after[1]}…": in YAML, " #" starts a comment. If the "#" belongs to the value, put the whole value in quotes.`, file, ...rangeOf(lineCounter, at, at + 1), docs: docsUrl('yaml-comment-in-value') });
        }
      }
      // A one-line value written as a block scalar ("description: >") carries a line break
      // its author cannot see; drop it so single-line fields accept it.
      if (isScalar(node) && (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') && typeof node.value === 'string' && /^[^\n]*\n$/.test(node.value)) {
        node.value = node.value.slice(0, -1);
      }
      return undefined;
    },
    Pair(_key, pair) {
      if (!isScalar(pair.key)) {
        if (pair.key && typeof pair.key === 'object') refuse('yaml-complex-key', pair.key as { range?: [number, number, number] }, 'Keys must be plain words, not lists or mappings.');
        return;
      }
      const key = String(pair.key.value);
      if (key === '<<') refuse('yaml-merge', pair.key, 'Merge keys (<<) are not allowed in a declaration: write the keys out.');
      else if (FORBIDDEN_KEYS.has(key)) refuse('forbidden-key', pair.key, `"${key}" cannot be used as a key.`);
    },
    Alias(_key, node) {
      refuse('yaml-alias', node, `Aliases (*${node.source}) are not allowed in a declaration: write the value out, or refer to it by its id.`);
    },
  });
  if (diagnostics.some((d) => d.severity === 'error') || tooDeep) return { source, diagnostics };

  source.value = doc.toJS({ maxAliasCount: 0 }) ?? null;
  return { source, diagnostics };
}

/** One top-level entry of a declaration, read once and kept while its text is unchanged. */
interface Chunk {
  pair: Pair;
  key: string;
  /** Its value as JavaScript, frozen: every declaration with this text shares it. */
  value: unknown;
  /** Warnings, at lines and node ranges counted from the chunk's own start. */
  warnings: Diagnostic[];
  /** Where the entry's mapping ends, as the whole document's mapping would end there. */
  end: [number, number];
}

/**
 * Entries read before, by their text, up to 1 MiB of it, least recently used out first:
 * that holds a dozen of the largest examples for watch mode (a declaration larger than that
 * is simply re-read), while a batch of a thousand different declarations, whose entries are
 * never read again, does not fill memory with them (parsed nodes take many times their
 * text's size).
 */
const chunks = new BoundedCache<Chunk | null>(1024 * 1024, (text) => text.length);

/**
 * Reads a declaration one top-level entry at a time, re-using what it read before for every
 * entry whose text has not changed: in watch mode, or when a batch repeats a block, only the
 * edited entries are parsed again. It handles the ordinary case — a block mapping of keys at
 * the start of their lines, with no errors — and returns undefined for anything else, which
 * readDocument then reads whole, with its exact diagnostics. The result is the same as
 * readDocument's (test/load.test.ts compares them on every example and hostile case).
 */
export function readChunked(file: string, text: string): { source: Source; diagnostics: Diagnostic[] } | undefined {
  const parts = topLevelEntries(text);
  if (!parts) return undefined;

  const pairs: Pair[] = [];
  const value: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  const shift = new WeakMap<object, number>();
  let lastEnd: [number, number] = [0, 0];
  for (const part of parts) {
    let chunk = chunks.get(part.text);
    if (chunk === undefined) {
      chunk = readEntry(part.text);
      chunks.set(part.text, chunk);
    }
    // Anything unusual (an error, a second key, a duplicate) is left to the whole-document reader.
    if (chunk === null || Object.hasOwn(value, chunk.key)) return undefined;
    pairs.push(chunk.pair);
    lastEnd = chunk.end;
    shift.set(chunk.pair, part.start);
    value[chunk.key] = chunk.value;
    for (const warning of chunk.warnings) {
      diagnostics.push({ ...warning, file, line: warning.line! + part.line, ...(warning.endLine !== undefined ? { endLine: warning.endLine + part.line } : {}) });
    }
  }
  const doc = parseDocument('', { ...PARSE_OPTIONS }) as Document.Parsed;
  const root = new YAMLMap();
  root.items = pairs;
  // As the whole-document reader has it: from the first key to where the last entry ends.
  const firstKey = (pairs[0]!.key as YamlNode).range![0] + parts[0]!.start;
  const last = parts[parts.length - 1]!.start;
  root.range = [firstKey, lastEnd[0] + last, lastEnd[1] + last];
  doc.contents = root as Document.Parsed['contents'];
  const source: Source = {
    file,
    text,
    doc,
    // Lines are counted only when a position is asked for: most builds report nothing.
    get lineCounter() {
      const lineCounter = new LineCounter();
      lineCounter.addNewLine(0);
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
      Object.defineProperty(this, 'lineCounter', { value: lineCounter });
      return lineCounter;
    },
    value: Object.freeze(value),
    shift,
  };
  return { source, diagnostics };
}

/** Reads one top-level entry's text as a document of its own; null when it is not a plain, valid one-key mapping. */
function readEntry(text: string): Chunk | null {
  const { source, diagnostics } = readDocument('', text);
  if (diagnostics.some((d) => d.severity === 'error') || source.value === undefined) return null;
  const root = source.doc.contents;
  if (!isMap(root) || root.items.length !== 1 || !isScalar(root.items[0]!.key) || !root.range) return null;
  const pair = root.items[0] as Pair;
  // The key as the JavaScript value has it ("null:" is the key ""), not as the YAML wrote it.
  const keys = Object.keys(source.value as Record<string, unknown>);
  if (keys.length !== 1) return null;
  const key = keys[0]!;
  return { pair, key, value: deepFreeze((source.value as Record<string, unknown>)[key]), warnings: diagnostics, end: [root.range[1], root.range[2]] };
}

/**
 * Splits a declaration into its top-level entries: each starts at a line that begins with a
 * key and runs to the next such line (comments and blank lines before the first belong to it).
 * Undefined for text that is not a plain block mapping: directives, document markers, a
 * top-level list or flow collection, tabs, or properties (tags, anchors) on a top-level key.
 */
function topLevelEntries(text: string): { start: number; line: number; text: string }[] | undefined {
  const starts: { start: number; line: number }[] = [];
  let line = 0;
  let sawKey = false;
  for (let offset = 0; offset < text.length; line++) {
    const end = text.indexOf('\n', offset);
    const next = end === -1 ? text.length : end + 1;
    const first = text[offset];
    if (first !== undefined && first !== '\n' && first !== '\r' && first !== ' ' && first !== '#') {
      if (!/^[A-Za-z0-9_$"']/.test(first) || text.startsWith('---', offset) || text.startsWith('...', offset)) return undefined;
      starts.push({ start: sawKey ? offset : 0, line: sawKey ? line : 0 });
      sawKey = true;
    } else if (!sawKey && first === ' ' && text.slice(offset, next).trim() !== '' && !text.slice(offset, next).trim().startsWith('#')) {
      return undefined;
    }
    offset = next;
  }
  if (starts.length === 0) return undefined;
  return starts.map((s, i) => ({ ...s, text: text.slice(s.start, starts[i + 1]?.start ?? text.length) }));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Where a node property (a `!tag` or an `&anchor`) written before a value on its line begins. */
function propertyStart(text: string, marker: string, valueStart: number, lineStart: number): number {
  const at = text.lastIndexOf(marker, valueStart);
  if (at < lineStart) return valueStart;
  let start = at;
  while (start > lineStart && !/\s/.test(text[start - 1]!)) start--;
  return start;
}

/** "This key appears twice" with the line of its first appearance. */
function duplicateMessage(doc: Document.Parsed, lineCounter: LineCounter, offset: number): string {
  let first: number | undefined;
  visit(doc, {
    Map(_key, map) {
      const pairs = map.items.filter((p) => isScalar(p.key));
      const here = pairs.find((p) => (p.key as YamlNode).range?.[0] === offset);
      if (!here) return undefined;
      const name = String((here.key as { value: unknown }).value);
      const original = pairs.find((p) => String((p.key as { value: unknown }).value) === name);
      if (original && original !== here) first = (original.key as YamlNode).range?.[0];
      return visit.BREAK;
    },
  });
  return first === undefined
    ? 'This key appears twice in the same mapping; keep one.'
    : `This key already appears on line ${lineCounter.linePos(first).line} of the same mapping; keep one.`;
}

const PLAIN_MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'A declaration is a single YAML document, but a second one starts here ("---"). Remove the line, or split the file.',
  TAB_AS_INDENT: 'Tabs cannot be used to indent YAML; indent with spaces.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; a colon may be missing at the end of the previous line, or a value needs quotes.',
  BLOCK_AS_IMPLICIT_KEY: 'A key must fit on one line; a colon may be missing at the end of the previous line, or a value needs quotes.',
};

/**
 * A syntax error in plain words, at the place a person needs to look: an unclosed bracket or
 * quote is reported where it was opened, not where the parser gave up.
 */
function explainYamlError(text: string, code: string, message: string, pos: [number, number]): { message: string; offset: number; end: number } {
  const flow = /^Flow (sequence|map)/.exec(message);
  if (flow) {
    const open = flow[1] === 'sequence' ? '[' : '{';
    const close = open === '[' ? ']' : '}';
    const offset = unclosedBefore(text, pos[0], open, close);
    return { message: `This ${flow[1] === 'sequence' ? 'list' : 'mapping'} opens with "${open}" but is never closed with "${close}".`, offset, end: offset + 1 };
  }
  if (/Missing closing "?quote|Missing closing ['"]/.test(message)) {
    const offset = unclosedQuoteBefore(text, pos[0]);
    return { message: 'This quoted text is never closed: add the closing quote at the end of the value.', offset, end: offset + 1 };
  }
  if (code === 'MULTILINE_IMPLICIT_KEY' || code === 'BLOCK_AS_IMPLICIT_KEY') {
    const lineStart = text.lastIndexOf('\n', pos[0] - 1) + 1;
    const lineEnd = text.indexOf('\n', pos[0]);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    if (/^\s*[\w-]+:\S/.test(line)) return { message: 'A key must be followed by a colon and a space ("key: value").', offset: pos[0], end: pos[0] + line.trim().length };
  }
  // yaml's messages end with " at line L, column C" in some cases; positions are ours to add.
  return { message: PLAIN_MESSAGES[code] ?? message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim(), offset: pos[0], end: pos[1] };
}

/** The offset of the last bracket before `limit` that is not closed before it. */
function unclosedBefore(text: string, limit: number, open: string, close: string): number {
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(limit, text.length); i++) {
    const ch = text[i]!;
    if (ch === '\n') quote = undefined;
    else if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const next = text.indexOf('\n', i);
      i = next === -1 ? text.length : next - 1;
    } else if (ch === open) stack.push(i);
    else if (ch === close) stack.pop();
  }
  return stack.length ? stack[stack.length - 1]! : limit;
}

/** The offset of a quote that opens a value and is not closed on its line. */
function unclosedQuoteBefore(text: string, limit: number): number {
  let offset = 0;
  for (const line of text.slice(0, limit).split('\n')) {
    const match = /:\s+(["'])/.exec(line) ?? /^\s*-\s+(["'])/.exec(line);
    if (match) {
      const start = match.index + match[0].length - 1;
      if (!line.slice(start + 1).includes(match[1]!)) return offset + start;
    }
    offset += line.length + 1;
  }
  return limit;
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
  let delta = 0;
  const shifted = (node: unknown) => {
    const r = rangeOfNode(node);
    return r ? ([r[0] + delta, r[1] + delta] as [number, number]) : undefined;
  };
  let range: [number, number] | undefined = shifted(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      if (i === 0) delta = source.shift?.get(pair) ?? 0;
      if (last && options.key) {
        range = shifted(pair.key) ?? range;
        break;
      }
      node = pair.value;
      range = shifted(node) ?? shifted(pair.key) ?? range;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      node = item;
      range = shifted(node) ?? range;
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
  const own = locate(source, path, { key: true });
  // A key that is not there: point at the key of the mapping that lacks it.
  const parent = locate(source, path.slice(0, -1));
  const same = own.line === parent.line && own.column === parent.column && own.endLine === parent.endLine && own.endColumn === parent.endColumn;
  return same ? locateOwner(source, path.slice(0, -1)) : own;
}

// For an item of a sequence, point at its first key: "- id: foo" reads as where the item is.
function locateFirstKey(source: Source, path: readonly (string | number)[]): Range {
  const range = locate(source, path);
  return { ...range, endLine: range.line, endColumn: range.column };
}

function rangeOfNode(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as YamlNode).range;
    if (r) return [r[0], r[1]];
  }
  return undefined;
}

