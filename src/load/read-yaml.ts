import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { docsUrl, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from './decode.js';
import { FORBIDDEN_KEYS, readPlain } from './read-plain.js';

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
   * Where a path is, when the declaration came as a value (compile's `{ value, locate }`): the
   * caller's own source map. Without it, and without text, positions are line 1.
   */
  position?: (path: readonly (string | number)[]) => Partial<Range> | undefined;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Limits that keep a hostile or mistaken file from exhausting memory or time. */
export const LIMITS = { bytes: 2 * 1024 * 1024, depth: 24 } as const;

/** What too-deep says, wherever the nesting is found. */
export const TOO_DEEP = `The declaration nests deeper than ${LIMITS.depth} levels here; no part of the format needs that.`;

/**
 * Parses a declaration's YAML, keeping positions. YAML 1.2 core schema whatever the file's
 * %YAML directive says: dates stay strings, `NO` stays a string, `0123` is not octal. Aliases,
 * merge keys, tags and keys such as `__proto__` are refused at their position, and invalid
 * UTF-8 is reported rather than replaced.
 *
 * @param input the file's bytes (checked as UTF-8) or its text
 * @returns the source (value undefined when the file cannot be read) and diagnostics
 */
/** The last text the fast reader read, and its value (never handed out: callers get copies); kept by a Session. */
export interface ReadMemo {
  text?: string;
  value?: unknown;
}

export function readYaml(
  file: string,
  input: string | Uint8Array,
  memo?: ReadMemo,
): { source: Source; diagnostics: Diagnostic[] } {
  const unreadable = (code: string, message: string, line = 1, column = 1) => {
    const lineCounter = new LineCounter();
    const doc = parseDocument('', { lineCounter });
    const diagnostic: Diagnostic = { code, severity: 'error', message, file, line, column, docs: docsUrl(code) };
    return { source: { file, text: '', doc, lineCounter, value: undefined }, diagnostics: [diagnostic] };
  };
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > LIMITS.bytes) {
    return unreadable(
      'too-large',
      `The declaration is ${Math.ceil(size / 1024)} KiB; the limit is ${LIMITS.bytes / 1024} KiB.`,
    );
  }
  let rawText: string;
  if (typeof input === 'string') rawText = input;
  else {
    const decoded = decodeUtf8(input);
    if ('error' in decoded) {
      const byte = decoded.error.byte.toString(16).padStart(2, '0').toUpperCase();
      return unreadable(
        'invalid-utf8',
        `The file is not valid UTF-8: byte 0x${byte} cannot appear here. Save the file as UTF-8.`,
        decoded.error.line,
        decoded.error.column,
      );
    }
    rawText = decoded.text;
  }
  // A byte-order mark would otherwise shift every column on the first line.
  const unmarked = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  // YAML 1.2 counts a carriage return alone as a line break (b-break, as old Mac editors save
  // files); the parser does not, so each becomes a line feed: same length, same positions.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r(?!\n)/g, '\n') : unmarked;
  // The same text again in a session (each locale of a build reads its declaration once): a copy of its value.
  const again = memo !== undefined && text === memo.text;
  let value = again ? copy(memo.value) : readPlain(text, LIMITS.depth);
  if (value === undefined) return readDocument(file, text);
  if (memo && !again) {
    memo.text = text;
    memo.value = value;
    value = copy(value);
  }
  return { source: plainSource(file, text, value), diagnostics: [] };
}

/** A copy of a plain value (objects, arrays, scalars), about 15 times quicker than reading it again. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * A source read by the fast reader: the value now, the nodes and line positions only when a
 * diagnostic asks where something is (most builds report nothing).
 */
function plainSource(file: string, text: string, value: unknown): Source {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const parse = () => {
    if (!parsed) {
      const lineCounter = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter, ...PARSE_OPTIONS }), lineCounter };
    }
    return parsed;
  };
  return {
    file,
    text,
    value,
    get doc() {
      return parse().doc;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
  };
}

// uniqueKeys is off: the library compares each new key with every earlier one of its mapping, so
// 16,000 keys cost seconds (issue 14); duplicateKeys below finds them in one pass.
const PARSE_OPTIONS = {
  schema: 'core',
  version: '1.2',
  merge: false,
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
} as const;

/** Each scalar key that repeats an earlier key of its mapping, with where the first one is. */
function duplicateKeys(doc: Document.Parsed): { offset: number; end: number; first: number }[] {
  const found: { offset: number; end: number; first: number }[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const range = (pair.key as YamlNode).range;
        if (!range) continue;
        const first = seen.get(pair.key.value);
        if (first === undefined) seen.set(pair.key.value, range[0]);
        else found.push({ offset: range[0], end: range[1], first });
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Reads YAML text as one document: every check, and the exact diagnostics for every problem.
 * readYaml uses it when the fast reader (read-plain.ts) declines; exported for the test that
 * proves both give the same value.
 */
export function readDocument(file: string, text: string): { source: Source; diagnostics: Diagnostic[] } {
  // The yaml library recurses into flow collections: 500,000 "[" would exhaust the stack (and
  // a gigabyte) before its own depth check could run. Such nesting is refused first; a merely
  // too deep one is left to the check below, which says exactly where.
  const deep = flowTooDeep(text);
  if (deep !== undefined) {
    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const doc = parseDocument('', { lineCounter });
    return {
      source: { file, text, doc, lineCounter, value: undefined },
      diagnostics: [
        {
          code: 'too-deep',
          severity: 'error',
          message: TOO_DEEP,
          file,
          ...rangeOf(lineCounter, deep, deep + 1),
          docs: docsUrl('too-deep'),
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...PARSE_OPTIONS });
  const source: Source = { file, text, doc, lineCounter, value: undefined };
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, endOffset = offset): Range => rangeOf(lineCounter, offset, endOffset);

  // The library's errors and the duplicate keys, in the order they appear in the text.
  const problems = [
    ...doc.errors.map((error) => ({
      start: error.pos[0],
      duplicate: undefined as { offset: number; end: number; first: number } | undefined,
      error,
    })),
    ...duplicateKeys(doc).map((duplicate) => ({ start: duplicate.offset, duplicate, error: undefined })),
  ].sort((a, b) => a.start - b.start);
  for (const { duplicate, error } of problems) {
    const explained = duplicate
      ? {
          message: `This key already appears on line ${lineCounter.linePos(duplicate.first).line} of the same mapping; keep one.`,
          offset: duplicate.offset,
          end: duplicate.end,
        }
      : explainYamlError(text, error!.code, error!.message, error!.pos);
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
      if (
        path.filter((step) => isMap(step) || isSeq(step)).length + (isMap(node) || isSeq(node) ? 1 : 0) >
        LIMITS.depth
      ) {
        tooDeep = true;
        refuse('too-deep', node, TOO_DEEP);
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
        diagnostics.push({
          code: 'yaml-alias',
          severity: 'error',
          message: `Anchors (&${node.anchor}) are not allowed in a declaration: write each value where it is used, or refer to it by its id.`,
          file,
          ...at(from, from + node.anchor.length + 1),
          docs: docsUrl('yaml-alias'),
        });
      }
      // "street: 10 Anson Road, #20-05" is cut at " #", which starts a comment. A comment that
      // hugs its "#" right after a value on the same line is almost always part of the value.
      if (isScalar(node) && node.type === 'PLAIN' && node.range) {
        const after = /^[ \t]+#(\S)/.exec(
          text.slice(
            node.range[1],
            text.indexOf('\n', node.range[1]) === -1 ? undefined : text.indexOf('\n', node.range[1]),
          ),
        );
        if (after) {
          const at = node.range[1] + after[0].length - 2;
          diagnostics.push({
            code: 'yaml-comment-in-value',
            severity: 'warning',
            message: `This value ends before "#${after[1]}…": in YAML, " #" starts a comment. If the "#" belongs to the value, put the whole value in quotes.`,
            file,
            ...rangeOf(lineCounter, at, at + 1),
            docs: docsUrl('yaml-comment-in-value'),
          });
        }
      }
      // A one-line value written as a block scalar ("description: >") carries a line break
      // its author cannot see; drop it so single-line fields accept it.
      if (
        isScalar(node) &&
        (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') &&
        typeof node.value === 'string' &&
        /^[^\n]*\n$/.test(node.value)
      ) {
        node.value = node.value.slice(0, -1);
      }
      return undefined;
    },
    Pair(_key, pair) {
      if (!isScalar(pair.key)) {
        if (pair.key && typeof pair.key === 'object')
          refuse(
            'yaml-complex-key',
            pair.key as { range?: [number, number, number] },
            'Keys must be plain words, not lists or mappings.',
          );
        return;
      }
      const key = String(pair.key.value);
      if (key === '<<')
        refuse('yaml-merge', pair.key, 'Merge keys (<<) are not allowed in a declaration: write the keys out.');
      else if (FORBIDDEN_KEYS.has(key)) refuse('forbidden-key', pair.key, `"${key}" cannot be used as a key.`);
    },
    Alias(_key, node) {
      refuse(
        'yaml-alias',
        node,
        `Aliases (*${node.source}) are not allowed in a declaration: write the value out, or refer to it by its id.`,
      );
    },
  });
  if (diagnostics.some((d) => d.severity === 'error') || tooDeep) return { source, diagnostics };

  source.value = doc.toJS({ maxAliasCount: 0 }) ?? null;
  return { source, diagnostics };
}

/** Where a node property (a `!tag` or an `&anchor`) written before a value on its line begins. */
function propertyStart(text: string, marker: string, valueStart: number, lineStart: number): number {
  const at = text.lastIndexOf(marker, valueStart);
  if (at < lineStart) return valueStart;
  let start = at;
  while (start > lineStart && !/\s/.test(text[start - 1]!)) start--;
  return start;
}

const PLAIN_MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS:
    'A declaration is a single YAML document, but a second one starts here ("---"). Remove the line, or split the file.',
  TAB_AS_INDENT: 'Tabs cannot be used to indent YAML; indent with spaces.',
  MULTILINE_IMPLICIT_KEY:
    'A key must fit on one line; a colon may be missing at the end of the previous line, or a value needs quotes.',
  BLOCK_AS_IMPLICIT_KEY:
    'A key must fit on one line; a colon may be missing at the end of the previous line, or a value needs quotes.',
};

/**
 * A syntax error in plain words, at the place a person needs to look: an unclosed bracket or
 * quote is reported where it was opened, not where the parser gave up.
 */
function explainYamlError(
  text: string,
  code: string,
  message: string,
  pos: [number, number],
): { message: string; offset: number; end: number } {
  const flow = /^Flow (sequence|map)/.exec(message);
  if (flow) {
    const open = flow[1] === 'sequence' ? '[' : '{';
    const close = open === '[' ? ']' : '}';
    const offset = unclosedBefore(text, pos[0], open, close);
    return {
      message: `This ${flow[1] === 'sequence' ? 'list' : 'mapping'} opens with "${open}" but is never closed with "${close}".`,
      offset,
      end: offset + 1,
    };
  }
  if (/Missing closing "?quote|Missing closing ['"]/.test(message)) {
    const offset = unclosedQuoteBefore(text, pos[0]);
    return {
      message: 'This quoted text is never closed: add the closing quote at the end of the value.',
      offset,
      end: offset + 1,
    };
  }
  if (code === 'MULTILINE_IMPLICIT_KEY' || code === 'BLOCK_AS_IMPLICIT_KEY') {
    const lineStart = text.lastIndexOf('\n', pos[0] - 1) + 1;
    const lineEnd = text.indexOf('\n', pos[0]);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    if (/^\s*[\w-]+:\S/.test(line))
      return {
        message: 'A key must be followed by a colon and a space ("key: value").',
        offset: pos[0],
        end: pos[0] + line.trim().length,
      };
  }
  // yaml's messages end with " at line L, column C" in some cases; positions are ours to add.
  return {
    message: PLAIN_MESSAGES[code] ?? message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim(),
    offset: pos[0],
    end: pos[1],
  };
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

/** Flow nesting the yaml library is not given: far beyond LIMITS.depth, well within its stack. */
const FLOW_STACK_LIMIT = 1000;

/**
 * Where flow collections ("[", "{") first nest deeper than FLOW_STACK_LIMIT, in one pass that
 * skips quoted text and comments; undefined when they never do.
 */
function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\n' && quote === "'") quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (ch === '[' || ch === '{') {
      if (++depth > FLOW_STACK_LIMIT) return i;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '\n' && depth === 0) quote = '';
  }
  return undefined;
}

/** Converts offsets into a 1-based line/column range. */
export function rangeOf(lineCounter: LineCounter, offset: number, endOffset = offset): Range {
  const start = lineCounter.linePos(offset);
  const end = lineCounter.linePos(Math.max(offset, endOffset));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * A mapping's entries by key, the first of each (what a search from the start finds): built once
 * per mapping, so that locating n keys of one mapping is linear, not quadratic (issue 14).
 */
const pairIndexes = new WeakMap<object, Map<string, Pair>>();
function pairIndex(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items)
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as Pair);
    pairIndexes.set(map, index);
  }
  return index;
}

/**
 * Finds the YAML node a path points at, or the deepest existing node on the way.
 * With `key`, a path ending at a mapping entry yields the range of its key instead of its value.
 */
export function locate(source: Source, path: readonly (string | number)[], options: { key?: boolean } = {}): Range {
  if (source.position) {
    const at = source.position(path);
    const line = at?.line ?? 1;
    const column = at?.column ?? 1;
    return { line, column, endLine: at?.endLine ?? line, endColumn: at?.endColumn ?? column };
  }
  let node: unknown = source.doc.contents;
  const shifted = rangeOfNode;
  let range: [number, number] | undefined = shifted(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairIndex(node).get(String(segment));
      if (!pair) break;
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
  const same =
    own.line === parent.line &&
    own.column === parent.column &&
    own.endLine === parent.endLine &&
    own.endColumn === parent.endColumn;
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
