import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/bounded-cache.js';

describe('BoundedCache', () => {
  it('drops the entries used longest ago once the total size passes the limit', () => {
    const cache = new BoundedCache<string>(10, (key, value) => key.length + value.length);
    cache.set('a', '1111'); // 5
    cache.set('b', '2222'); // 10
    expect(cache.get('a')).toBe('1111'); // a is now the most recently used
    cache.set('c', '33'); // 13: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1111');
    expect(cache.get('c')).toBe('33');
    // Replacing a value counts only the new one.
    cache.set('a', '1');
    cache.set('d', '44'); // a:2 + c:3 + d:3 = 8
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual(['1', '33', '44']);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps null, and an entry larger than the limit does not stay', () => {
    const cache = new BoundedCache<string | null>(4, (key) => key.length);
    cache.set('ab', null);
    expect(cache.get('ab')).toBeNull();
    cache.set('abcdef', 'x');
    expect(cache.get('abcdef')).toBeUndefined();
    expect(cache.get('ab')).toBeUndefined();
  });
});
