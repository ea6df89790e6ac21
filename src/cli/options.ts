/** Option parsers shared by the commands: each turns a bad value into a UserError naming the option. */
import { InvalidArgumentError } from 'commander';

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
