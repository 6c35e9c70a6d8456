import { describe, expect, it } from 'vitest';
import { approximateDays, parseDuration, parseDurationInput } from '../src/normalize/duration.js';

describe('parseDuration', () => {
  it.each([
    ['6 months', { kind: 'period', amount: 6, unit: 'month', iso: 'P6M' }],
    ['six months', { kind: 'period', amount: 6, unit: 'month', iso: 'P6M' }],
    ['1 year', { kind: 'period', amount: 1, unit: 'year', iso: 'P1Y' }],
    ['P6M', { kind: 'period', amount: 6, unit: 'month', iso: 'P6M' }],
    ['P30D', { kind: 'period', amount: 30, unit: 'day', iso: 'P30D' }],
    ['PT24H', { kind: 'period', amount: 24, unit: 'hour', iso: 'PT24H' }],
    [
      '30 days after the account is closed',
      { kind: 'period', amount: 30, unit: 'day', iso: 'P30D', after: 'the account is closed' },
    ],
    ['6 months of inactivity', { kind: 'period', amount: 6, unit: 'month', iso: 'P6M', inactivity: true }],
    ['while the account is active', { kind: 'while', condition: 'the account is active' }],
    ['as long as you are subscribed', { kind: 'while', condition: 'you are subscribed' }],
    ['until you unsubscribe', { kind: 'until', event: 'you unsubscribe' }],
    ['as long as required by law', { kind: 'legal' }],
    ['the browser session', { kind: 'session' }],
    ['session', { kind: 'session' }],
    ['for as long as the law requires', { kind: 'legal' }],
    ['P1Y6M', { kind: 'period', amount: 18, unit: 'month', iso: 'P18M' }],
    ['P1W3D', { kind: 'period', amount: 10, unit: 'day', iso: 'P10D' }],
    // Minutes (issue 17): ISO 8601's M after T is minutes, before T months.
    ['PT5M', { kind: 'period', amount: 5, unit: 'minute', iso: 'PT5M' }],
    ['PT1H30M', { kind: 'period', amount: 90, unit: 'minute', iso: 'PT90M' }],
    ['30 minutes', { kind: 'period', amount: 30, unit: 'minute', iso: 'PT30M' }],
    ['1 minute', { kind: 'period', amount: 1, unit: 'minute', iso: 'PT1M' }],
    ['P1M', { kind: 'period', amount: 1, unit: 'month', iso: 'P1M' }],
    // Kept with no time limit, as a policy may say (issue 17).
    ['indefinitely', { kind: 'indefinite' }],
    ['kept indefinitely', { kind: 'indefinite' }],
    ['forever', { kind: 'indefinite' }],
    ['with no time limit', { kind: 'indefinite' }],
  ])('reads %j', (text, expected) => {
    expect(parseDuration(text)).toEqual({ duration: expected });
  });

  it.each([
    'for ever and ever',
    '',
    'P',
    'P1Y2D',
    'P0D',
    '0 days',
    'six fortnights',
    'soon',
    'PT',
    'P1DT',
    'P1DT5M',
    'PT0M',
  ])('refuses %j with the accepted forms', (text) => {
    const { duration, error } = parseDuration(text);
    expect(duration).toBeUndefined();
    expect(error).toMatch(/6 months|one unit|zero/);
  });

  it('reads "up to" as the most a period lasts, alone or counted from an event', () => {
    expect(parseDuration('up to 90 days').duration).toEqual({
      kind: 'period',
      amount: 90,
      unit: 'day',
      iso: 'P90D',
      maximum: true,
    });
    expect(parseDuration('Up to 90 days after the account is closed').duration).toEqual({
      kind: 'period',
      amount: 90,
      unit: 'day',
      iso: 'P90D',
      after: 'the account is closed',
      maximum: true,
    });
    for (const text of ['for up to 2 years', 'at most 2 years', 'no longer than 2 years', 'a maximum of 2 years'])
      expect(parseDuration(text).duration, text).toMatchObject({ amount: 2, unit: 'year', maximum: true });
    expect(parseDurationInput({ period: 'up to 30 days', after: 'you unsubscribe' }).duration).toMatchObject({
      amount: 30,
      after: 'you unsubscribe',
      maximum: true,
    });
    expect(parseDuration('up to indefinitely').error).toMatch(/"up to" takes a length of time/);
    expect(parseDuration('up to up to 3 days').error).toMatch(/"up to" takes a length of time/);
    // A limit is compared as its longest.
    expect(approximateDays(parseDuration('up to 45 days').duration!)).toBe(45);
  });

  it('compares periods in days', () => {
    expect(approximateDays(parseDuration('45 days').duration!)).toBe(45);
    expect(approximateDays(parseDuration('1 month').duration!)).toBeLessThan(45);
    expect(approximateDays(parseDuration('while the account is active').duration!)).toBeUndefined();
    expect(approximateDays(parseDuration('PT30M').duration!)).toBeCloseTo(30 / 1440);
  });
});

describe('periods in minutes, and no period, in a policy (issue 17)', () => {
  it('is stated in each locale with its own word for minutes', async () => {
    const { compile } = await import('../src/compile.js');
    const { minimal } = await import('./helpers.js');
    const text = minimal.replace('retention: 6 months after the account is closed', 'retention: PT30M');
    const md = (locale: string) =>
      compile({ file: 'p.yaml', text }, { locale, formats: ['md'], allowFallback: true }).outputs[0]!.content;
    expect(md('en')).toContain('30 minutes');
    expect(md('de')).toContain('30 Minuten');
    expect(md('fr')).toContain('30 minutes');
    expect(md('ja')).toContain('30分');
    expect(md('zh-CN')).toContain('30分钟');
  });

  it('states "up to" in each locale, in the table and in sentences', async () => {
    const { compile } = await import('../src/compile.js');
    const { minimal } = await import('./helpers.js');
    const text = minimal.replace(
      'retention: 6 months after the account is closed',
      'retention: up to 90 days after the account is closed',
    );
    const result = (locale: string) =>
      compile({ file: 'p.yaml', text }, { locale, formats: ['md', 'json'], allowFallback: true }).outputs;
    const md = (locale: string) => result(locale)[0]!.content;
    expect(md('en')).toContain('| up to 90 days after the account is closed |');
    expect(md('de')).toContain('bis zu 90 Tage');
    expect(md('fr')).toContain('90 jours au maximum');
    expect(md('es')).toContain('90 días como máximo');
    expect(md('pt-BR')).toContain('até 90 dias');
    expect(md('ja')).toContain('最長90日');
    expect(md('zh-CN')).toContain('最长90天');
    const model = JSON.parse(result('en')[1]!.content).model;
    expect(model.data[0].retention).toMatchObject({ kind: 'period', amount: 90, maximum: true });
  });

  it('states "while …, then deleted within N" in each locale, from text or parts, and keeps it in the model', async () => {
    const { compile } = await import('../src/compile.js');
    const { minimal } = await import('./helpers.js');
    const { parseDuration, parseDurationInput } = await import('../src/normalize/duration.js');
    const sixty = { kind: 'period', amount: 60, unit: 'day', iso: 'P60D' };
    const expected = { duration: { kind: 'while', condition: 'the account is active', deleted_within: sixty } };
    expect(parseDuration('while the account is active, then deleted within 60 days')).toEqual(expected);
    expect(parseDuration('As long as the account is active and deleted within 60 days afterwards.')).toEqual(expected);
    expect(parseDurationInput({ while: 'the account is active', deleted_within: '60 days' })).toEqual(expected);
    // "within" alone is part of a condition; a deletion time that is not a plain period is refused.
    expect(parseDuration('while you are within the EU')).toEqual({
      duration: { kind: 'while', condition: 'you are within the EU' },
    });
    expect(parseDuration('while the account is active, then deleted within a reasonable time').error).toMatch(
      /plain length of time/,
    );
    expect(parseDurationInput({ deleted_within: '60 days' }).error).toBeDefined();
    const text = minimal.replace(
      'retention: 6 months after the account is closed',
      'retention: { while: the account is active, deleted_within: 60 days }',
    );
    const result = (locale: string) =>
      compile({ file: 'p.yaml', text }, { locale, formats: ['md', 'json'], allowFallback: true }).outputs;
    const md = (locale: string) => result(locale)[0]!.content;
    expect(md('en')).toContain('| while the account is active, then deleted within 60 days |');
    expect(md('en')).toContain('kept while the account is active, then deleted within 60 days.');
    expect(md('de')).toContain('danach Löschung spätestens 60 Tage nach Wegfall dieser Voraussetzung');
    expect(md('fr')).toContain('puis suppression dans un délai de 60 jours');
    expect(md('es')).toContain('después, se suprimen en un plazo de 60 días');
    expect(md('pt-BR')).toContain('depois, são excluídos em até 60 dias');
    expect(md('ja')).toContain('（その後60日以内に削除）');
    expect(md('zh-CN')).toContain('之后在60天内删除');
    const model = JSON.parse(result('en')[1]!.content).model;
    expect(model.data[0].retention).toEqual({
      kind: 'while',
      condition: 'the account is active',
      deleted_within: sixty,
    });
  });

  it('states how long copies stay in backups, in each locale, only as a fixed period (issue 17)', async () => {
    const { compile } = await import('../src/compile.js');
    const { minimal } = await import('./helpers.js');
    const text = `${minimal}backups:\n  deleted_within: 35 days\n`;
    const md = (locale: string) =>
      compile({ file: 'p.yaml', text }, { locale, formats: ['md'], allowFallback: true }).outputs[0]!.content;
    expect(md('en')).toContain(
      'Copies of personal information in our backups are deleted within 35 days after they are deleted from the systems we use.',
    );
    expect(md('de')).toContain('spätestens 35 Tage nach ihrer Löschung');
    expect(md('fr')).toContain('dans un délai de 35 jours');
    expect(md('ja')).toContain('35日以内に削除されます');
    expect(md('zh-CN')).toContain('35天内删除');
    expect(compile({ file: 'p.yaml', text: minimal }, { formats: ['md'] }).outputs[0]!.content).not.toContain(
      'backups',
    );
    const wrong = compile(
      { file: 'p.yaml', text: `${minimal}backups:\n  deleted_within: while we can\n` },
      { formats: [] },
    );
    expect(wrong.diagnostics.map((d) => [d.code, d.pointer])).toContainEqual([
      'invalid-duration',
      '/backups/deleted_within',
    ]);
  });

  it('states a declared indefinite retention as such, in each locale', async () => {
    const { compile } = await import('../src/compile.js');
    const { minimal } = await import('./helpers.js');
    const text = minimal.replace('retention: 6 months after the account is closed', 'retention: indefinitely');
    const md = (locale: string) =>
      compile({ file: 'p.yaml', text }, { locale, formats: ['md'], allowFallback: true }).outputs[0]!.content;
    expect(md('en')).toContain('indefinitely');
    expect(md('de')).toContain('unbefristet');
    expect(md('ja')).toContain('無期限');
  });
});
