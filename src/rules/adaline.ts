/**
 * The ADALINE's quantizer and the fixed logic elements that MADALINE I feeds its ADALINEs into.
 *
 * Sources: WH60 (quantizer: "+1 above the threshold, else −1"); WL90 pp.1420–1421 and Fig. 10
 * (AND, OR and majority elements); REFERENCES.md §2.1, §3.
 */

/** ADALINE quantizer's response to a zero sum. WH60 gives −1 ("+1 above the threshold, else −1"). */
export type QuantizerTie = 'negative' | 'positive';

/** The ADALINE quantizer: +1 if s > 0, −1 if s < 0; s = 0 gives −1 (`'negative'`, WH60) or +1. */
export function quantize(s: number, tie: QuantizerTie = 'negative'): -1 | 1 {
  if (s > 0) return 1;
  if (s < 0) return -1;
  return tie === 'positive' ? 1 : -1;
}

/** MADALINE I's fixed output element. */
export type LogicElement = 'and' | 'or' | 'maj';
export const LOGIC_ELEMENTS: readonly LogicElement[] = ['and', 'or', 'maj'];

/**
 * Output of a fixed logic element on ±1 inputs: AND is +1 iff all are +1; OR is +1 iff any is +1;
 * MAJ is +1 iff MORE than half are +1 (so an even split gives −1: our convention for even counts,
 * WL90 uses odd counts).
 */
export function logicOutput(element: LogicElement, ys: ArrayLike<number>): -1 | 1 {
  const n = ys.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (ys[i] > 0) positives++;
  switch (element) {
    case 'and':
      return positives === n ? 1 : -1;
    case 'or':
      return positives > 0 ? 1 : -1;
    case 'maj':
      return 2 * positives > n ? 1 : -1;
  }
}

/**
 * The fewest units that must change from −d to d for the element to output d, given the number of
 * units currently at +1. Returns 0 if the output is already d. Every unit counted is one that now
 * outputs −d (flipping a unit already at d cannot help a monotone element).
 */
export function unitsToFlip(element: LogicElement, n: number, positives: number, d: 1 | -1): number {
  const negatives = n - positives;
  switch (element) {
    case 'and':
      // +1 needs every unit at +1; −1 needs one unit at −1.
      return d === 1 ? negatives : positives === n ? 1 : 0;
    case 'or':
      // +1 needs one unit at +1; −1 needs every unit at −1 (WL90 p.1421's OR special case).
      return d === 1 ? (positives > 0 ? 0 : 1) : positives;
    case 'maj': {
      const half = Math.floor(n / 2); // +1 needs positives ≥ half + 1; −1 needs positives ≤ half
      return d === 1 ? Math.max(0, half + 1 - positives) : Math.max(0, positives - half);
    }
  }
}
