/**
 * A map that keeps what was used most recently, up to a total size (in characters, by the
 * function given): adding past it drops the entries used longest ago. For caches that must
 * help watch mode without filling memory in a batch whose entries are never seen again.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly sizeOf: (key: string, value: V) => number,
  ) {}

  /** The value for a key, which becomes the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) this.total -= this.sizeOf(key, old);
    this.entries.delete(key);
    this.entries.set(key, value);
    this.total += this.sizeOf(key, value);
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.limit) break;
      this.entries.delete(oldest);
      this.total -= this.sizeOf(oldest, entry);
    }
  }

  /** Every entry, least recently used first. */
  all(): IterableIterator<[string, V]> {
    return this.entries.entries();
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
