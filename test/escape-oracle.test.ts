import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakAutolinks } from '../src/assemble/autolinks.js';
import { markdownText } from '../src/emit/values.js';

/**
 * The escaping of values for Markdown skips the passes a value cannot need (issue 16). This
 * oracle is the escaping as it was, every pass on every value: the two must agree on any text.
 */
const WORD_JOINER = '\u2060';
const BRACES: Record<string, string> = { '{': '&#x7B;', '}': '&#x7D;' };
function oracleAutolinks(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*)(?=:\/\/)/gi, `$1${WORD_JOINER}`)
    .replace(/(mailto)(?=:)/gi, `$1${WORD_JOINER}`)
    .replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`)
    .replace(/@(?=[-\w]+\.[-\w])/g, `@${WORD_JOINER}`);
}
function oracle(value: string, inline: boolean, inLink: boolean, midLine: boolean): string {
  let text = value.trim().replace(/\r\n?/g, '\n');
  text = inline || inLink ? text.replace(/\s*\n\s*/g, ' ') : text.replace(/[ \t]*\n\s*/g, '\n');
  if (!inLink) text = oracleAutolinks(text);
  text = text.replace(/[\\`*_[\]<>|~&#]/g, (c) => `\\${c}`);
  text = text.replace(/[{}]/g, (c) => BRACES[c]!);
  if (!inLink) text = text.replace(/(?<=[\p{L}\p{N}_-])\.(?=\p{L}{2})/gu, '\\.');
  return text.replace(
    midLine ? /(\n)([-+=>:]|\d+(?=[.)]))/g : /(^|\n)([-+=>:]|\d+(?=[.)]))/g,
    (_, start: string, lead: string) => (/\d/.test(lead) ? `${start}${lead}\\` : `${start}\\${lead}`),
  );
}

// Text made of the characters the passes look for, and words they look for.
const piece = fc.constantFrom(
  ...[...'\\`*_[]<>|~&#{}.:-+=>)@/ \t\r\n1234567890aZé字'],
  'https://',
  'mailto:',
  'www.',
  'example.com',
  'a@b.co',
  '1.',
  '2)',
  ' - ',
  '\n> ',
  '\r\n',
);
const text = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));

describe('escaping values for Markdown (issue 16)', () => {
  it('gives what every pass on every value gives', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), fc.boolean(), (value, inline, inLink, midLine) => {
        expect(markdownText(value, inline, inLink, midLine)).toBe(oracle(value, inline, inLink, midLine));
      }),
      { numRuns: 5000 },
    );
  });

  it('breaks autolinks as every pass would', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(breakAutolinks(value)).toBe(oracleAutolinks(value));
      }),
      { numRuns: 3000 },
    );
  });
});
