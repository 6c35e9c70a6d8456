import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { parse } from 'yaml';
import { compileText, minimal } from './helpers.js';

/** A sentence written as a YAML flow list is read as several items (issue 17, "silent traps"). */
const withMeasures = (line: string) =>
  `${minimal}security:\n  measures: [encryption-in-transit]\n  other_measures: ${line}\n`;
const splits = (text: string) => compileText(text).diagnostics.filter((d) => d.code === 'split-list');

describe('split-list', () => {
  it('warns at the item that begins with a conjunction, with the quoted form as hint', () => {
    const text = withMeasures('[administrative, technical, and physical controls]');
    const [found, ...rest] = splits(text);
    expect(rest).toEqual([]);
    const line = text.split('\n').findIndex((l) => l.includes('other_measures')) + 1;
    expect(found).toMatchObject({
      severity: 'warning',
      line,
      column: text.split('\n')[line - 1]!.indexOf('and physical') + 1,
      pointer: '/security/other_measures/2',
      hint: 'If it is one item, quote it: ["administrative, technical, and physical controls"]. If they are separate items, drop the "and".',
    });
    // A warning: the policy is still written, with the three items the YAML holds.
    const result = compileText(text);
    expect(result.outputs.length).toBe(3);
  });

  it('is silent for a quoted sentence, a block list, separate items, and a conjunction inside an item', () => {
    expect(splits(withMeasures('["administrative, technical, and physical controls"]'))).toEqual([]);
    expect(splits(withMeasures('\n    - administrative controls\n    - and physical controls'))).toEqual([]);
    expect(splits(withMeasures('[staff training, access reviews, penetration tests]'))).toEqual([]);
    expect(splits(withMeasures('[andon cords, ordered backups]'))).toEqual([]);
    expect(splits(withMeasures('[Zugangskontrolle, Schulungen und Audits]'))).toEqual([]);
    expect(splits(withMeasures('[Zugangskontrolle, und Audits]'))).toHaveLength(1);
  });

  it('is silent for a declaration given as a value, which has no flow lists', () => {
    const value = parse(withMeasures('[administrative, technical, and physical controls]')) as unknown;
    const result = compile({ file: 'p.yaml', value }, { formats: [] });
    expect(result.diagnostics.filter((d) => d.code === 'split-list')).toEqual([]);
  });
});
