import { describe, expect, it } from 'vitest';
import { didYouMean, distance } from '../src/diagnostics/suggest.js';

describe('didYouMean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(distance('emial', 'email')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
  });
  it('suggests near misses', () => {
    expect(didYouMean('emial', ['email', 'phone', 'form'])).toBe('email');
    expect(didYouMean('retension', ['retention', 'sources'])).toBe('retention');
    expect(didYouMean('legal-basis', ['legal_basis', 'data'])).toBe('legal_basis');
  });
  it('stays quiet when nothing is close', () => {
    expect(didYouMean('zzz', ['email', 'phone'])).toBeUndefined();
  });
});

describe('distance', () => {
  // The matrix it replaced (optimal string alignment), as a reference.
  const reference = (a: string, b: string): number => {
    const rows = Array.from({ length: a.length + 1 }, (_, i) =>
      Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        let best = Math.min(
          rows[i - 1]![j]! + 1,
          rows[i]![j - 1]! + 1,
          rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          best = Math.min(best, rows[i - 2]![j - 2]! + 1);
        rows[i]![j] = best;
      }
    return rows[a.length]![b.length]!;
  };

  it('agrees with the full matrix on 2,000 random pairs', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from({ length: Math.floor(random() * 9) }, () => 'abcd-'[Math.floor(random() * 5)]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [word(), word()];
      expect(distance(a, b), `${a} / ${b}`).toBe(reference(a, b));
    }
  });
});
