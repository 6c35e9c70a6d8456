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
