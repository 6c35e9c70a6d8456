import { describe, expect, it } from 'vitest';
import { approximateDays, parseDuration } from '../src/normalize/duration.js';

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
  ])('reads %j', (text, expected) => {
    expect(parseDuration(text)).toEqual({ duration: expected });
  });

  it.each(['forever', '', 'P', 'P1Y2D', 'P0D', '0 days', 'six fortnights', 'soon'])(
    'refuses %j with the accepted forms',
    (text) => {
      const { duration, error } = parseDuration(text);
      expect(duration).toBeUndefined();
      expect(error).toMatch(/6 months|one unit|zero/);
    },
  );

  it('compares periods in days', () => {
    expect(approximateDays(parseDuration('45 days').duration!)).toBe(45);
    expect(approximateDays(parseDuration('1 month').duration!)).toBeLessThan(45);
    expect(approximateDays(parseDuration('while the account is active').duration!)).toBeUndefined();
  });
});
