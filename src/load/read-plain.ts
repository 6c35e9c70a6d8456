/**
 * A fast reader for the YAML declarations are written in: block mappings and lists, one-line
 * plain and quoted scalars, one-line flow lists and mappings of scalars, and `|`/`>` block
 * scalars. It yields the plain value in one pass over the text, building no nodes and no
 * positions (those are made from the text only when a diagnostic asks for one, see
 * read-yaml.ts). For anything else — anchors, tags, multi-line plain or quoted scalars, tabs,
 * odd indentation, duplicate or forbidden keys, anything the full reader would warn about or
 * reject — it returns undefined, and the full reader reads the file with its exact
 * diagnostics. When it does return a value, that value is the one the full reader gives (YAML
 * 1.2 core schema): test/load.test.ts compares both on every example, fixture and hostile
 * case, and on generated and mutated texts.
 */

/** Gives up: the full reader takes over. */
class Unusual extends Error {}
const unusual = (): never => {
  throw new Unusual();
};

interface Line {
  /** Offset where the line's content (after its indentation) starts. */
  start: number;
  /** Offset of the end of the line's content (before "\r\n" or "\n"). */
  end: number;
  indent: number;
}

const KEY = /^([A-Za-z_$][\w$-]*):(?: +|$)/;
// The characters a key starts with, and goes on with, by char code.
const KEY_START = Array.from({ length: 128 }, (_, c) => /[A-Za-z_$]/.test(String.fromCharCode(c)));
const KEY_PART = Array.from({ length: 128 }, (_, c) => /[\w$-]/.test(String.fromCharCode(c)));
// Scalars the core schema reads as something other than a string (yaml's own tests).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// Keys the full reader refuses, or reads as something other than their text ("null:" is "").
/** Keys no declaration may use: they would reach an object's prototype (both readers refuse them). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const UNUSUAL_KEYS = new Set([
  ...FORBIDDEN_KEYS,
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);
// Characters the fast reader leaves to the full one: tabs, other controls, a lone "\r", BOMs,
// and the line separators YAML 1.1 knew.
const AVOIDED = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F\u0085\u2028\u2029\uFEFF]/;
// "---", "..." and "%" directives at a line's start are documents' business: the full reader's.
const DOCUMENT_MARKERS = /^(?:---|\.\.\.|%)/m;
// A plain scalar cannot begin with these (flow, quotes, block scalars and node properties are
// read apart, or left to the full reader).
const PLAIN_START = /^[^\s\-?:,[\]{}#&*!|>'"%@`]|^[-?:][^\s]/;
// The first characters that are not simply the start of a plain scalar (their char codes).
const SPECIAL_START = new Set([...' -?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** The value of a declaration's YAML, or undefined when the full reader must read it. */
export function readPlain(text: string, maxDepth: number): unknown {
  if (AVOIDED.test(text) || DOCUMENT_MARKERS.test(text) || (text.includes('\r') && /\r(?!\n)/.test(text)))
    return undefined;
  try {
    return new Reader(text, maxDepth).document();
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

class Reader {
  private readonly lines: Line[] = [];
  /** Index of the next line to read. */
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    for (let offset = 0; offset <= text.length; ) {
      const newline = text.indexOf('\n', offset);
      let end = newline === -1 ? text.length : newline;
      if (text.charCodeAt(end - 1) === 13) end--;
      let start = offset;
      while (start < end && text.charCodeAt(start) === 32) start++;
      this.lines.push({ start, end, indent: start - offset });
      if (newline === -1) break;
      offset = newline + 1;
    }
  }

  document(): Record<string, unknown> {
    const first = this.skip();
    if (first?.indent !== 0) return unusual();
    const value = this.mapping(0, 1);
    if (this.skip()) unusual();
    return value;
  }

  /** The next line with content (not blank, not a comment), without consuming it. */
  private skip(): Line | undefined {
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.start < line.end && this.text.charCodeAt(line.start) !== 35) return line;
      this.at++;
    }
    return undefined;
  }

  /** A block mapping whose keys start at column `indent`; `from` is where its first key starts. */
  private mapping(indent: number, depth: number, from?: number): Record<string, unknown> {
    if (depth > this.maxDepth) unusual();
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.skip();
      if (!line) break;
      const start = from ?? line.start;
      if (from === undefined) {
        if (line.indent < indent) break;
        if (line.indent > indent) unusual();
      }
      from = undefined;
      // A key: [A-Za-z_$] then [A-Za-z0-9_$-]*, a colon, and spaces or the line's end.
      const text = this.text;
      let i = start;
      if (!KEY_START[text.charCodeAt(i)]) return unusual();
      while (KEY_PART[text.charCodeAt(++i)]);
      if (text.charCodeAt(i) !== 58 || (i + 1 < line.end && text.charCodeAt(i + 1) !== 32)) return unusual();
      const name = text.slice(start, i);
      if (UNUSUAL_KEYS.has(name) || Object.hasOwn(out, name)) unusual();
      i++;
      while (i < line.end && text.charCodeAt(i) === 32) i++;
      this.at++;
      out[name] = this.value(i, line, indent, depth, true);
    }
    return out;
  }

  /** Whether a line starts a list item: "-" alone, or "- " and its value. */
  private dash(line: Line): boolean {
    return (
      this.text.charCodeAt(line.start) === 45 &&
      (line.start + 1 === line.end || this.text.charCodeAt(line.start + 1) === 32)
    );
  }

  /** A block list whose dashes are at column `indent`. */
  private list(indent: number, depth: number): unknown[] {
    if (depth > this.maxDepth) unusual();
    const out: unknown[] = [];
    for (;;) {
      const line = this.skip();
      if (!line || line.indent < indent) break;
      // The next key of the mapping whose value this list is ("key:\n- a\nnext: b").
      if (line.indent === indent && this.text.charCodeAt(line.start) !== 45) break;
      if (line.indent > indent || !this.dash(line)) unusual();
      let start = line.start + 1;
      while (start < line.end && this.text.charCodeAt(start) === 32) start++;
      const rest = this.text.slice(start, line.end);
      if (KEY.test(rest)) {
        // "- id: a": a mapping whose keys line up under the first one.
        out.push(this.mapping(line.indent + (start - line.start), depth + 1, start));
      } else {
        if (rest === '-' || rest.startsWith('- ')) unusual();
        this.at++;
        out.push(this.value(start, line, indent, depth, false));
      }
    }
    return out;
  }

  /**
   * The value that starts at `start` on `line` (after "key: " or "- "), read to its end. A
   * nested block follows on the next lines, deeper than `indent` (or, for a mapping's value, a
   * list at the same column).
   */
  private value(start: number, line: Line, indent: number, depth: number, inMapping: boolean): unknown {
    const text = this.text;
    const first = text.charCodeAt(start);
    // A plain scalar, the common case, is read in place: one scan of the line.
    if (start < line.end && !SPECIAL_START.has(first)) {
      const value = plainScalar(text, start, line.end);
      this.noContinuation(indent);
      return value;
    }
    const rest = text.slice(start, line.end);
    // "key: #note": the full reader may take the comment for part of an empty value.
    if (/^#\S/.test(rest)) unusual();
    if (rest === '' || rest.startsWith('#')) {
      const next = this.skip();
      if (!next || next.indent < indent) return null;
      if (next.indent === indent) {
        return inMapping && this.dash(next) ? this.list(indent, depth + 1) : null;
      }
      if (this.dash(next)) return this.list(next.indent, depth + 1);
      return this.mapping(next.indent, depth + 1);
    }
    let value: unknown;
    let after: string;
    if (first === 34 || first === 39) {
      const quoted = first === 34 ? doubleQuoted(rest) : singleQuoted(rest);
      value = quoted.value;
      after = rest.slice(quoted.length);
    } else if (first === 91 || first === 123) {
      if (depth + 1 > this.maxDepth) unusual();
      const flow = first === 91 ? flowList(rest) : flowMapping(rest);
      value = flow.value;
      after = rest.slice(flow.length);
    } else if (first === 124 || first === 62) {
      return this.blockScalar(rest, indent);
    } else {
      // Other indicators ("- x", "&a", "!t", "*a", "%", "@", "`", "?", ":") and such.
      const plain = PLAIN_START.test(rest) ? plainScalar(text, start, line.end) : unusual();
      this.noContinuation(indent);
      return plain;
    }
    if (!/^(?: +#.*| *)$/.test(after)) unusual();
    this.noContinuation(indent);
    return value;
  }

  /** A one-line value must not go on: a deeper line after it would continue it. */
  private noContinuation(indent: number): void {
    const next = this.skip();
    if (next && next.indent > indent) unusual();
  }

  /** A `|` or `>` block scalar, with clip or strip chomping and no indentation indicator. */
  private blockScalar(header: string, indent: number): string {
    const match = /^([|>])(-?)(?: +#.*| *)$/.exec(header);
    if (!match) return unusual();
    const folded = match[1] === '>';
    const parts: string[] = [];
    let contentIndent = -1;
    let blanks = 0;
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.start === line.end) {
        // A blank line inside the text, or after it. Leading blank lines, and blank lines with
        // more spaces than the text's indentation (which YAML keeps), are the full reader's.
        if (contentIndent === -1) {
          if (this.at === this.lines.length - 1) break;
          unusual();
        }
        if (line.indent > contentIndent) unusual();
        blanks++;
        this.at++;
        continue;
      }
      if (contentIndent === -1) {
        if (line.indent <= indent) break;
        contentIndent = line.indent;
      } else if (line.indent < contentIndent) break;
      // Deeper lines keep their extra spaces, and fold differently: the full reader's job.
      if (line.indent > contentIndent) unusual();
      if (parts.length > 0) parts.push(folded ? (blanks > 0 ? '\n'.repeat(blanks) : ' ') : '\n'.repeat(blanks + 1));
      parts.push(this.text.slice(line.start, line.end));
      blanks = 0;
      this.at++;
    }
    // Blank lines after the text belong to no one: clip keeps one line break, strip none.
    if (parts.length === 0) return '';
    let value = parts.join('');
    if (match[2] !== '-') value += '\n';
    // As the full reader does (read-yaml.ts): a one-line block scalar loses its line break.
    if (/^[^\n]*\n$/.test(value)) value = value.slice(0, -1);
    this.noContinuation(indent);
    return value;
  }
}

/**
 * A plain scalar from `start` to a comment or the line's `end`, typed as the core schema types
 * it; the caller has checked its first character.
 */
function plainScalar(text: string, start: number, end: number): unknown {
  let last = start; // one past the last character that is not a space
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32) {
      // " #" starts a comment; " #x" (no space after "#") draws the full reader's warning
      // that the comment cut the value short.
      if (text.charCodeAt(i + 1) === 35) {
        const after = text.charCodeAt(i + 2);
        if (i + 2 < end && after !== 32) unusual();
        break;
      }
      continue;
    }
    // ": " or a final ":" would make a mapping of the value.
    if (ch === 58 && (i + 1 === end || text.charCodeAt(i + 1) === 32)) unusual();
    last = i + 1;
  }
  return resolve(text.slice(start, last));
}

/** What the core schema makes of a plain scalar. */
function resolve(raw: string): unknown {
  const first = raw.charCodeAt(0);
  if (raw.length === 0) return null;
  // null, Null, NULL, true … FALSE: five letters at most.
  if (first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70) {
    if (raw.length > 5) return raw;
    if (NULL.test(raw)) return null;
    if (BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
    return raw;
  }
  if (first === 126) return raw === '~' ? null : raw;
  // Only digits, "+", "-" and "." can start a number.
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return raw;
  if (OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (SPECIAL_FLOAT.test(raw))
    return raw.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : raw[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (EXP_FLOAT.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** A double-quoted scalar closed on its line. */
function doubleQuoted(rest: string): { value: string; length: number } {
  let value = '';
  for (let i = 1; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === '"') return { value, length: i + 1 };
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const code = rest[++i];
    if (code === undefined) break;
    const size = code === 'x' ? 2 : code === 'u' ? 4 : code === 'U' ? 8 : 0;
    if (size > 0) {
      const hex = rest.slice(i + 1, i + 1 + size);
      if (!new RegExp(`^[0-9a-fA-F]{${size}}$`).test(hex)) unusual();
      const point = parseInt(hex, 16);
      // Surrogates and out-of-range points: the full reader decides.
      if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) unusual();
      value += String.fromCodePoint(point);
      i += size;
    } else if (Object.hasOwn(ESCAPES, code)) value += ESCAPES[code];
    else unusual();
  }
  return unusual();
}

/** A single-quoted scalar closed on its line ('' is a quote). */
function singleQuoted(rest: string): { value: string; length: number } {
  let value = '';
  for (let i = 1; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch !== "'") value += ch;
    else if (rest[i + 1] === "'") {
      value += "'";
      i++;
    } else return { value, length: i + 1 };
  }
  return unusual();
}

/** A scalar inside a flow collection: quoted, or plain without flow indicators. */
function flowScalar(text: string, from: number): { value: unknown; end: number } {
  let i = from;
  while (text[i] === ' ') i++;
  const ch = text[i];
  if (ch === '"' || ch === "'") {
    const quoted = ch === '"' ? doubleQuoted(text.slice(i)) : singleQuoted(text.slice(i));
    return { value: quoted.value, end: i + quoted.length };
  }
  let end = i;
  while (end < text.length && !',[]{}#'.includes(text[end]!)) end++;
  const raw = text.slice(i, end).replace(/ +$/, '');
  // In a flow collection ":" ends a key unless a character that can go on a plain scalar follows it.
  if (raw === '' || !PLAIN_START.test(raw) || /:(?:[\s,[\]{}]|$)/.test(raw)) unusual();
  return { value: resolve(raw), end };
}

/** "[a, b, 'c']" on one line: scalars only. */
function flowList(text: string): { value: unknown[]; length: number } {
  const value: unknown[] = [];
  let i = 1;
  while (text[i] === ' ') i++;
  if (text[i] === ']') return { value, length: i + 1 };
  for (;;) {
    const item = flowScalar(text, i);
    value.push(item.value);
    i = item.end;
    while (text[i] === ' ') i++;
    if (text[i] === ']') return { value, length: i + 1 };
    if (text[i] !== ',') return unusual();
    i++;
  }
}

/** "{ name: A, url: 'b' }" on one line: plain keys and scalar values. */
function flowMapping(text: string): { value: Record<string, unknown>; length: number } {
  const value: Record<string, unknown> = {};
  let i = 1;
  while (text[i] === ' ') i++;
  if (text[i] === '}') return { value, length: i + 1 };
  for (;;) {
    while (text[i] === ' ') i++;
    const key = /^([A-Za-z_$][\w$-]*): +/.exec(text.slice(i));
    if (!key) return unusual();
    const name = key[1]!;
    if (UNUSUAL_KEYS.has(name) || Object.hasOwn(value, name)) unusual();
    const item = flowScalar(text, i + key[0].length);
    value[name] = item.value;
    i = item.end;
    while (text[i] === ' ') i++;
    if (text[i] === '}') return { value, length: i + 1 };
    if (text[i] !== ',') return unusual();
    i++;
  }
}
