/** "Did you mean …?" support: the candidate closest to a mistyped name by edit distance. */

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment): `rleu`
 * is one slip from `relu`, as a typist would count it, not two.
 */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

/** The nearest candidate, or undefined when none is plausibly what was meant. */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  // A typed prefix of exactly one candidate (`posit` for `position`) is what was meant.
  const prefixed = candidates.filter(
    (c) => name.length >= 3 && c.toLowerCase().startsWith(name.toLowerCase()),
  );
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Accept up to about a third of the name mistyped, and always a single-letter slip.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** ` (did you mean 'x'?)` or the empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const n = nearest(name, candidates);
  return n === undefined ? '' : ` (did you mean '${n}'?)`;
}
