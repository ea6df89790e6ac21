/**
 * Numbers typed by people or read from files. `Number()` alone accepts too much (`0x10`, `0b1`,
 * `Infinity`, whitespace) and JSON turns an overflow such as `1e400` into Infinity, which
 * `JSON.stringify` then prints as `null`; these helpers keep both honest.
 */

/** A plain decimal number as people write it: `3`, `-0.5`, `.5`, `1e-3`; no hex, no Infinity. */
export const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of a decimal number written in `text`, or undefined when the text is not one or its
 * value is not a finite double (`1e400`).
 */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL_PATTERN.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Why `text` is not a usable number, for messages: "not a decimal number" or "out of range". */
export function decimalProblem(text: string): string {
  const t = text.trim();
  if (!DECIMAL_PATTERN.test(t)) return 'not a decimal number';
  return 'beyond the range of a double (about ±1.8e308)';
}

/**
 * A JSON value for "got …" in messages. Non-finite numbers (what JSON.parse makes of `1e400`) are
 * named instead of printed as `null`; long strings are shortened.
 */
export function describeJsonValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) {
    return Number.isNaN(v)
      ? 'NaN'
      : `a number beyond the range of a double (${v > 0 ? '' : '-'}1e309 or more)`;
  }
  if (typeof v === 'string' && v.length > 60) return JSON.stringify(v.slice(0, 57) + '...');
  const text = JSON.stringify(v, (_, x: unknown) =>
    typeof x === 'number' && !Number.isFinite(x) ? String(x) : x,
  );
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
