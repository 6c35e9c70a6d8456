const WORD_JOINER = '\u2060';

/**
 * Puts an invisible WORD JOINER (U+2060) into every autolink trigger (`https://` and any other
 * `scheme://`, `www.`, the `@` of an e-mail address) and into `mailto:`, so that text read back
 * by a GFM renderer cannot turn into a link. Backslash escapes do not prevent these links: they
 * are found in the text after escapes are resolved. (For markdown-it's linkify, which reads a
 * WORD JOINER as part of a host name, emit/values.ts also escapes a host name's dots.)
 */
export function breakAutolinks(text: string): string {
  return (
    text
      .replace(/([a-z][a-z0-9+.-]*)(?=:\/\/)/gi, `$1${WORD_JOINER}`)
      // markdown-it's linkify links anything after "mailto:".
      .replace(/(mailto)(?=:)/gi, `$1${WORD_JOINER}`)
      .replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`)
      .replace(/@(?=[-\w]+\.[-\w])/g, `@${WORD_JOINER}`)
  );
}
