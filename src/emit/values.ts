import { ALLOWED_SCHEMES } from '../assemble/assemble.js';
import { breakAutolinks } from '../assemble/autolinks.js';

/**
 * Escaping of the declaration's values for the exact place each one goes in an output.
 * Emitters serialise a section's shape with tokens in place of values, then call these.
 */

/**
 * A value as Markdown text that reads back as exactly that text. Characters that can start or
 * close inline markup are backslash-escaped everywhere; those that start a block or a table
 * delimiter row (`-`, `+`, `=`, `>`, `:`, `#`, `1.`) are escaped at the start of each line. Blank lines, indentation and
 * trailing spaces (which would make a new block, a code block or a hard break) are removed.
 * GFM autolink literals survive escaping (`https\://` still becomes a link when read back), so
 * an invisible WORD JOINER (U+2060) is put into each; markdown-it's linkify does not resolve
 * escapes first but reads a WORD JOINER as part of a host name, so the dot of a host name is
 * escaped too: no value can make a link in either.
 *
 * @param inline true where a line break would end the construct (a table row, a heading)
 * @param inLink true inside a link's text, where autolinks cannot form
 * @param midLine true where the value follows other text on its line, so that its first line
 *   cannot start a block ("**Effective:** 1. July" needs no escape after "1")
 */
export function markdownText(
  value: string,
  inline: boolean,
  inLink = false,
  midLine = false,
  memo?: Map<string, string>,
): string {
  if (!memo) return escapeText(value, inline, inLink, midLine);
  // In a session, the same values go into every build of a declaration (watch mode, a batch's shared names).
  const key = `${inline ? 1 : 0}${inLink ? 1 : 0}${midLine ? 1 : 0}${value}`;
  let text = memo.get(key);
  if (text === undefined) {
    text = escapeText(value, inline, inLink, midLine);
    if (memo.size >= 20_000) memo.clear();
    memo.set(key, text);
  }
  return text;
}

function escapeText(value: string, inline: boolean, inLink: boolean, midLine: boolean): string {
  // Each pass runs only where its characters occur: every value of a new declaration comes
  // through here, so the passes that cannot change it are skipped (issue 16).
  let text = value.trim();
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const lines = text.includes('\n');
  if (lines) text = inline || inLink ? text.replace(/\s*\n\s*/g, ' ') : text.replace(/[ \t]*\n\s*/g, '\n');
  if (!inLink) text = breakAutolinks(text);
  // Braces start site-template tags ({{ }}, {% %}: Liquid, Nunjucks, Hugo), MDX expressions and
  // markdown-it-attrs attributes; as character references every CommonMark reader still shows them.
  text = text.replace(/[\\`*_[\]<>|~&#{}]/g, (c) => BRACES[c] ?? `\\${c}`);
  // markdown-it's linkify finds host names without a scheme ("example.com", an address after
  // its WORD JOINER) in text before escapes are resolved, so an escaped dot ends the match;
  // GFM resolves escapes first, which the WORD JOINERs above handle.
  if (!inLink && text.includes('.')) text = text.replace(/(?<=[\p{L}\p{N}_-])\.(?=\p{L}{2})/gu, '\\.');
  // A block marker at the start of a line: the text's first line only where nothing precedes it.
  if (!text.includes('\n') && (midLine || !BLOCK_START.test(text))) return text;
  return text.replace(
    midLine ? /(\n)([-+=>:]|\d+(?=[.)]))/g : /(^|\n)([-+=>:]|\d+(?=[.)]))/g,
    (_, start: string, lead: string) => (/\d/.test(lead) ? `${start}${lead}\\` : `${start}\\${lead}`),
  );
}
const BLOCK_START = /^(?:[-+=>:]|\d+[.)])/;

/** A URL from the declaration, if its scheme is allowed; otherwise an inert in-page link. */
export function checkedUrl(value: string): string {
  const url = value.trim();
  return ALLOWED_SCHEMES.test(url) && !/[\u0000-\u001f\u007f]/.test(url) ? url : '#';
}

/**
 * A URL as a Markdown link destination (checked first). Braces are percent-encoded too: a
 * mailto: address may hold them (`{{w}}@example.com` is a valid address), and a site
 * generator's Liquid or Nunjucks would evaluate them in the Markdown file; every browser and
 * mail client decodes %7B and %7D back to the same address.
 */
export function markdownUrl(value: string): string {
  return checkedUrl(value).replace(
    /[\s()<>\\{}]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&#x26;',
  '<': '&#x3C;',
  '>': '&#x3E;',
  '"': '&#x22;',
  "'": '&#x27;',
  '{': '&#x7B;',
  '}': '&#x7D;',
};

/** Braces as character references: no site-template engine reads a tag or an expression in them. */
export const BRACES: Readonly<Record<string, string>> = { '{': '&#x7B;', '}': '&#x7D;' };

/**
 * A value as HTML text or as a double-quoted attribute value; braces too, so that a site
 * generator that runs Liquid or Nunjucks over the page finds no tag in a value.
 */
export function htmlText(value: string): string {
  return value.replace(/[&<>"'{}]/g, (c) => HTML_ESCAPES[c]!);
}

/** HTML whose braces are all character references (a policy's body: no style or script in it). */
export function inertBraces(html: string): string {
  return html.replace(/[{}]/g, (c) => BRACES[c]!);
}

/**
 * The punctuation a template puts after a value, unless the value already ends a sentence
 * with its own full stop ("Example Co., Ltd." then "." would print two).
 */
export function stopAfter(value: string, stop: string | undefined): string {
  return stop && !value.trimEnd().endsWith('.') ? stop : '';
}
