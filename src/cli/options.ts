/** Option parsers shared by the commands: each turns a bad value into a UserError naming the option. */
import { InvalidArgumentError } from 'commander';
import { UserError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';
import { decimalProblem, parseDecimal } from '../util/numbers.js';

/** For repeatable options: collect every value in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
      throw new InvalidArgumentError(`${name} expects a positive whole number, got '${value}'.`);
    }
    return n;
  };
}

export function seedOption(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`--seed expects a whole number, got '${value}'.`);
  }
  return Number(value);
}

export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = parseDecimal(value);
    if (n === undefined || n <= 0) {
      throw new InvalidArgumentError(`${name} expects a positive decimal number, got '${value}'.`);
    }
    return n;
  };
}

export function nonNegativeNumber(name: string) {
  return (value: string): number => {
    const n = parseDecimal(value);
    if (n === undefined || n < 0) {
      throw new InvalidArgumentError(`${name} expects a decimal number ≥ 0, got '${value}'.`);
    }
    return n;
  };
}

/** A comma-separated list, e.g. `relu,tanh,sigmoid`. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function nonNegativeInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${name} expects a whole number ≥ 0, got '${value}'.`);
    }
    return n;
  };
}

/** One of the allowed values, or a UserError naming the option and suggesting the nearest. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(
    `${flag}: unknown value '${value}'${didYouMean(value, allowed)}; expected one of ${allowed.join(', ')}`,
  );
}

/** A finite decimal number (no hex, no Infinity), or a UserError naming the option and the text as written. */
export function parseNumber(text: string, flag: string): number {
  const v = parseDecimal(text);
  if (v === undefined) {
    throw new UserError(`${flag} expects a finite decimal number, got '${text}' (${decimalProblem(text)})`);
  }
  return v;
}
