import { describe, expect, it } from 'vitest';
import { compileText, minimal } from './helpers.js';

describe('normalize', () => {
  it('reports an unknown id reference at its position with a did-you-mean', () => {
    const { diagnostics, outputs } = compileText(minimal.replace('data: [contact]', 'data: [contact, contcat]'));
    expect(outputs).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'unknown-reference',
        line: 17,
        column: 21,
        pointer: '/purposes/0/data/1',
        hint: 'Did you mean "contact"?',
      }),
    ]);
  });

  it('reports a duplicate id at its second occurrence, naming the first', () => {
    const text =
      minimal.replace('recipients: []\n', '') +
      '  - id: service\n    description: do it again\n    data: [contact]\nrecipients: []\n';
    const [error] = compileText(text).diagnostics;
    expect(error).toMatchObject({ code: 'duplicate-id', line: 19, column: 9 });
    expect(error!.message).toMatch(/line 15/);
  });

  it('reports a duration it cannot read, with the accepted forms', () => {
    const [error] = compileText(
      minimal.replace('6 months after the account is closed', 'forever and a day'),
    ).diagnostics;
    expect(error).toMatchObject({ code: 'invalid-duration', line: 13, column: 16 });
    expect(error!.message).toMatch(/"6 months"/);
  });

  it('needs a fixed period for the response time', () => {
    const [error] = compileText(minimal + 'rights:\n  response_time: while we are busy\n').diagnostics;
    expect(error).toMatchObject({ code: 'invalid-duration', line: 21, column: 18 });
  });

  it('warns about a data category no purpose uses', () => {
    const text = minimal.replace(
      'purposes:',
      '  - id: spare\n    kind: usage-data\n    sources: [automatic]\n    retention: 30 days\npurposes:',
    );
    const { diagnostics, outputs } = compileText(text);
    expect(outputs).toHaveLength(3);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'unused-data', severity: 'warning', line: 14 })]);
  });

  it('parses durations into the model, and derives uses of each category', () => {
    const { model } = compileText(minimal);
    expect(model!.data[0]).toMatchObject({
      retention: { kind: 'period', amount: 6, unit: 'month', iso: 'P6M', after: 'the account is closed' },
      purposes: ['service'],
      recipients: [],
      sensitive: false,
    });
  });

  it('never marks a category sensitive by its kind: the declaration must say (docs/truthful-output.md)', () => {
    const { model, diagnostics } = compileText(minimal.replace('kind: contact-details', 'kind: health'));
    expect(model!.data[0]!.sensitive).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([['missing-fact', '/data/0/sensitive']]);
  });

  it('refuses a category whose kind not_collected says is never collected', () => {
    const [error] = compileText(minimal + 'not_collected: [contact-details]\n').diagnostics;
    expect(error).toMatchObject({ code: 'contradiction', line: 10 });
  });
});
