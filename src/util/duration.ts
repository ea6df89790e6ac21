/** Durations typed by people: `10ms`, `2.5 s`, `100us`, `100µs`, `50ns`, or a bare number of seconds. */
import { UserError } from '../errors.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9, min: 60 };

export function parseDuration(text: string, origin: string): number {
  const m = /^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(s|ms|us|µs|ns|min)?\s*$/.exec(text);
  if (!m)
    throw new UserError(
      `${origin}: expected a duration such as 10ms, 2.5s, 100us or a number of seconds, got '${text}'`,
    );
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] ?? 's'];
  if (!Number.isFinite(seconds))
    throw new UserError(`${origin}: '${text}' is beyond the range of a double (about 1.8e308 s)`);
  return seconds;
}

/** Seconds as a short human string with a sensible unit. */
export function formatSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs === 0) return '0 s';
  if (abs >= 3600) return `${(seconds / 3600).toPrecision(4)} h`;
  if (abs >= 60) return `${(seconds / 60).toPrecision(4)} min`;
  if (abs >= 1) return `${seconds.toPrecision(4)} s`;
  if (abs >= 1e-3) return `${(seconds * 1e3).toPrecision(4)} ms`;
  if (abs >= 1e-6) return `${(seconds * 1e6).toPrecision(4)} µs`;
  return `${(seconds * 1e9).toPrecision(4)} ns`;
}

/** `value` rounded to `digits` significant figures, written without an exponent (270, 0.0046). */
export function significant(value: number, digits: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(digits));
  // Enough decimals for the digits asked for, none beyond (toPrecision would give 2.7e+2).
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(rounded))));
  return rounded.toFixed(decimals);
}

/**
 * Simulated hardware time for people to read: two significant figures and the label, because it
 * rests on assumed timings (relay, motor and operator times are not recorded; docs/machines.md).
 * Machine-readable output (JSON) keeps the full number.
 */
export function formatHardwareSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  const [v, unit] =
    abs >= 3600
      ? [seconds / 3600, 'h']
      : abs >= 60
        ? [seconds / 60, 'min']
        : abs >= 1 || abs === 0
          ? [seconds, 's']
          : [seconds * 1e3, 'ms'];
  return `≈ ${significant(v, 2)} ${unit} (assumed timings)`;
}
