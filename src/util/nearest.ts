/** "Did you mean …?" support: the candidate closest to a mistyped name by edit distance. */

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
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
