/**
 * The token protocol: how the declaration's values travel through rendering and parsing
 * without ever being read as markup. This module is the only one that knows its code points;
 * the view, assemble, the statements and the emitters call what it exports.
 *
 * 1. Rendering (view.ts): every free-text value becomes a *value token*, U+E000 n U+E001, n
 *    its index in the render's TokenTable. Templates and helpers only move tokens around.
 * 2. Assembling (assemble.ts): the rendered Markdown is parsed with its tokens in it (no
 *    Markdown construct, HTML escaper or Handlebars delimiter gives the private-use
 *    characters or digits a meaning); each section's tokens are renumbered from 0 (`localise`),
 *    so that sections differing only in values share one parsed *shape*. In a link's target a
 *    value token becomes a *URL token* (U+E002 n U+E003), in a link's text a *link-text token*
 *    (U+E005 n U+E006), so that the emitters escape each for its place.
 * 3. Emitting: each shape is serialised once with its tokens, and the places values go are
 *    found with `MARKDOWN_PLACES` / `HTML_PLACES`; each value is then escaped for its exact
 *    place (src/emit/values.ts). In HTML, mdast-util-to-hast has percent-encoded a URL token's
 *    characters (`splitEncodedUrl`). U+E004 marks where the HTML page's body goes.
 * 4. Tracing (instrument.ts): markers U+E00A–U+E00C around what each template statement
 *    printed, stripped again before parsing.
 *
 * The schema refuses U+E000–U+E00F in every text a declaration can hold, so no value can
 * forge a token or a marker.
 */
const V_OPEN = '\uE000';
const V_CLOSE = '\uE001';
const U_OPEN = '\uE002';
const U_CLOSE = '\uE003';
const L_OPEN = '\uE005';
const L_CLOSE = '\uE006';

export const TOKEN_OPEN = V_OPEN;
export const TOKEN_CLOSE = V_CLOSE;
/** Every value token; `$1` is its number. */
export const TOKEN_PATTERN = /\uE000(\d+)\uE001/g;
/** A value token that is the whole line. */
export const ALONE_LINE = /^\uE000(\d+)\uE001$/;
/** A value token that is the whole text, perhaps with white space around it. */
export const ALONE_TOKEN = /^\s*\uE000(\d+)\uE001\s*$/;
/** Every URL token (a value in a link's target). */
export const URL_TOKEN_PATTERN = /\uE002(\d+)\uE003/g;
/** Every link-text token (a value in a link's text: escaped as text, not broken up as an autolink). */
export const LINK_TEXT_TOKEN_PATTERN = /\uE005(\d+)\uE006/g;
/** Where an HTML page's body goes while the page around it is serialised. */
export const BODY_SLOT = '\uE004';

/**
 * Provenance markers of a traced render (instrument.ts), stripped before parsing: U+E00A n
 * U+E00B opens the n-th event's range, U+E00C closes the innermost one.
 */
export const RANGE_OPEN = '\uE00A';
export const RANGE_OPEN_END = '\uE00B';
export const RANGE_CLOSE = '\uE00C';
export const MARKER_PATTERN = /\uE00A(\d+)\uE00B|\uE00C/g;

/** The value token for value number `n`. */
export const valueToken = (n: number | string): string => V_OPEN + n + V_CLOSE;
/** The URL token for value number `n`. */
export const urlToken = (n: number | string): string => U_OPEN + n + U_CLOSE;
/** Value tokens in a link's text as link-text tokens. */
export const asLinkText = (text: string): string => text.replace(TOKEN_PATTERN, (_, n: string) => L_OPEN + n + L_CLOSE);
/** Value tokens in a link's target as URL tokens. */
export const asUrlTokens = (url: string): string => url.replace(TOKEN_PATTERN, (_, n: string) => urlToken(n));

/**
 * The places values go in a serialised Markdown shape: a link target with URL tokens (`$1`),
 * a link-text token (`$2`), a value token (`$3`) with the template's full stop after it (`$4`).
 */
export const MARKDOWN_PLACES = /\]\(([^()\s]*\uE002\d+\uE003[^()\s]*)\)|\uE005(\d+)\uE006|\uE000(\d+)\uE001(\.)?/g;
/**
 * The places values go in a serialised HTML shape: a paragraph that is one value token (`$1`),
 * an href with percent-encoded URL tokens (`$2`), a link-text token (`$3`), a value token (`$4`)
 * with the template's full stop after it (`$5`).
 */
export const HTML_PLACES =
  /<p>\uE000(\d+)\uE001<\/p>|href="([^"]*%EE%80%82\d+%EE%80%83[^"]*)"|\uE005(\d+)\uE006|\uE000(\d+)\uE001(\.)?/g;
/** A value token, or a link-text token, in a unit of text (the statements): `$1` value, `$2` full stop, `$3` link text. */
export const TEXT_PLACES = /\uE000(\d+)\uE001(\.)?|\uE005(\d+)\uE006/g;

/** A link target split into its template parts (strings) and value numbers. */
export function splitUrl(url: string): (string | number)[] {
  return url.split(/\uE002(\d+)\uE003/).map((part, i) => (i % 2 ? Number(part) : part));
}

/** An href whose URL tokens mdast-util-to-hast percent-encoded, split as splitUrl splits. */
export function splitEncodedUrl(href: string): (string | number)[] {
  return href.split(/%EE%80%82(\d+)%EE%80%83/).map((part, i) => (i % 2 ? Number(part) : part));
}

export type TokenKind = 'text' | 'markdown';

export interface TokenValue {
  value: string;
  kind: TokenKind;
}

/** The values behind the tokens of one render. */
export class TokenTable {
  readonly values: TokenValue[] = [];
  // One index per kind, so that a lookup makes no key string.
  private readonly index: Record<TokenKind, Map<string, number>> = { text: new Map(), markdown: new Map() };

  /** The token that stands for `value`; the same value always gets the same token. */
  token(value: string, kind: TokenKind = 'text'): string {
    const index = this.index[kind];
    let i = index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push({ value, kind });
      index.set(value, i);
    }
    return TOKEN_OPEN + i + TOKEN_CLOSE;
  }

  /** The number of a token this table made. */
  indexOf(token: string): number {
    return Number(token.slice(TOKEN_OPEN.length, -TOKEN_CLOSE.length));
  }

  /** Replaces every token in a string with its value. */
  expand(text: string): string {
    return text.replace(TOKEN_PATTERN, (_, i: string) => this.values[Number(i)]?.value ?? '');
  }
}
