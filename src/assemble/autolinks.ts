const WORD_JOINER = '\u2060';

/**
 * Puts an invisible WORD JOINER (U+2060) into every autolink trigger (`https://` and any other
 * `scheme://`, `www.`, the `@` of an e-mail address) and into `mailto:`, so that text read back
 * by a GFM renderer cannot turn into a link. Backslash escapes do not prevent these links: they
 * are found in the text after escapes are resolved. (For markdown-it's linkify, which reads a
 * WORD JOINER as part of a host name, emit/values.ts also escapes a host name's dots.)
 */
export function breakAutolinks(text: string): string {
  // Each pass only where its trigger can be: most values hold none, and the scheme pattern
  // would otherwise be tried at every letter (issue 16).
  if (text.includes('://')) text = text.replace(/([a-z][a-z0-9+.-]*)(?=:\/\/)/gi, `$1${WORD_JOINER}`);
  // markdown-it's linkify links anything after "mailto:".
  if (text.includes(':')) text = text.replace(/(mailto)(?=:)/gi, `$1${WORD_JOINER}`);
  if (text.includes('.')) text = text.replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`);
  if (text.includes('@')) text = text.replace(/@(?=[-\w]+\.[-\w])/g, `@${WORD_JOINER}`);
  return text;
}
