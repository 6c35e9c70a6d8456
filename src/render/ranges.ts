import { MARKER_PATTERN } from './instrument.js';

/** The stretch [start, end) of a section's Markdown that one traced event printed. */
export interface Range {
  event: number;
  start: number;
  end: number;
}

/**
 * Takes a traced render's markers out of its Markdown, keeping where each range began and
 * ended (offsets in the Markdown without markers), in the order the ranges open.
 */
export function stripMarkers(marked: string): { markdown: string; ranges: Range[] } {
  const ranges: Range[] = [];
  const open: Range[] = [];
  let markdown = '';
  let last = 0;
  MARKER_PATTERN.lastIndex = 0;
  for (let match = MARKER_PATTERN.exec(marked); match; match = MARKER_PATTERN.exec(marked)) {
    markdown += marked.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[1] !== undefined) {
      const range = { event: Number(match[1]), start: markdown.length, end: markdown.length };
      ranges.push(range);
      open.push(range);
    } else {
      const range = open.pop();
      if (range) range.end = markdown.length;
    }
  }
  markdown += marked.slice(last);
  for (const range of open) range.end = markdown.length;
  return { markdown, ranges };
}
