import { TOKEN_PATTERN, type TokenTable } from './tokens.js';
import type { RenderedSection } from './render.js';

/**
 * The most characters a policy may have before it is parsed and emitted (issue 14). Everything
 * after rendering (parsing the Markdown, the HTML, the JSON and its statements) costs time and
 * memory in proportion to the policy's length: a policy just under a million characters builds
 * to Markdown, HTML and JSON in about 3.5 s and 450 MB on a 2-core machine. The longest real
 * policy policygen was tried on has about 50,000 (strum in German); the benchmark's 1000-fold
 * declaration has 580,000. The limit is counted, not timed, so the same declaration passes or
 * fails it on every machine.
 */
export const LENGTH_BUDGET = 1_000_000;

/** The length of the rendered sections with every value filled in, counted no further than `limit`. */
export function filledLength(sections: readonly RenderedSection[], tokens: TokenTable, limit = LENGTH_BUDGET): number {
  let length = 0;
  for (const section of sections) {
    length += section.markdown.length;
    for (const match of section.markdown.matchAll(TOKEN_PATTERN)) {
      length += (tokens.values[Number(match[1])]?.value.length ?? 0) - match[0].length;
    }
    if (length > limit) break;
  }
  return length;
}
