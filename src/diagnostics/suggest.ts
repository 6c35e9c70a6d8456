/** Edit distance between two short strings, counting a swap of neighbours as one edit (optimal string alignment). */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  // Three rows are enough (a swap looks two rows back): no matrix to allocate per pair.
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Longer than any key, id or vocabulary value a declaration uses (ids are at most 64). */
const MAX_TYPO_LENGTH = 80;

/**
 * The closest candidate to `input`, or undefined when none is close enough to be a
 * plausible typo. Case, `-` and `_` differences count as near misses.
 *
 * @example didYouMean('retension', ['retention', 'sources']) // 'retention'
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  // No key, id or vocabulary value is long: a long input is no typo of one, and its edit
  // distance would cost its length times the candidate's for every candidate (issue 14).
  if (input.length > MAX_TYPO_LENGTH) return undefined;
  const fold = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');
  const folded = fold(input);
  const limit = Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const other = fold(candidate);
    // The distance is at least the difference in length: skip what cannot be close enough.
    if (Math.abs(other.length - folded.length) > limit) continue;
    const score = other === folded ? 0 : distance(folded, other);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= limit ? best : undefined;
}
