/** policygen's version, as package.json says (test/cli.test.ts checks they agree). */
export const VERSION = '0.1.0';

/**
 * A diagnostic's docs path (docs/rules/x.md, docs/diagnostics.md#code) as an absolute URL: the
 * file as published in this version of the package, which SARIF's helpUri and the json
 * reporter's readers can open wherever they are.
 */
export function docsUrlAbsolute(docs: string): string {
  return /^[a-z]+:/i.test(docs) ? docs : `https://unpkg.com/policygen@${VERSION}/${docs}`;
}
