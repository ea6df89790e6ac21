/**
 * IEEE 1364 value change dump (VCD) writer, streamed.
 *
 * Every signal is declared as a 64-bit `real` variable (nets carry numbers, not bits), grouped in one
 * `$scope module` per component, so GTKWave and Surfer show `component.pin`. Times are written in
 * ticks with a `$timescale` equal to the tick when the tick is 1, 10 or 100 of a standard unit;
 * otherwise the timescale is the largest standard unit dividing the tick and times are scaled.
 */
import { UserError } from '../errors.js';

export interface VcdSignal {
  /** Scope (module) name: the component id, or a group such as `learning`. */
  readonly scope: string;
  /** Variable name within the scope: the pin or signal name. */
  readonly name: string;
}

export interface VcdHeader {
  /** Seconds per tick. */
  readonly tickSeconds: number;
  /** Written in `$version`. */
  readonly version: string;
  /** Optional `$date` text; omitted by default so that the same run gives byte-identical files. */
  readonly date?: string;
  /** Optional `$comment`. */
  readonly comment?: string;
}

const UNITS: Array<[string, number]> = [
  ['s', 1],
  ['ms', 1e-3],
  ['us', 1e-6],
  ['ns', 1e-9],
  ['ps', 1e-12],
  ['fs', 1e-15],
];

/** The `$timescale` text and the factor from ticks to timescale units. */
export function vcdTimescale(tickSeconds: number): { timescale: string; ticksToUnits: number } {
  for (const [unit, seconds] of UNITS) {
    for (const mult of [100, 10, 1]) {
      const ratio = tickSeconds / (mult * seconds);
      if (Math.abs(ratio - 1) < 1e-9) return { timescale: `${mult} ${unit}`, ticksToUnits: 1 };
    }
  }
  for (const [unit, seconds] of UNITS) {
    const units = tickSeconds / seconds;
    if (units >= 1 && Math.abs(units - Math.round(units)) < 1e-9) {
      return { timescale: `1 ${unit}`, ticksToUnits: Math.round(units) };
    }
  }
  // Bad input (a circuit's tick, `export --tick`), not a bug: exit 2.
  throw new UserError(
    `a VCD tick of ${tickSeconds} s is not a whole number of femtoseconds (the finest VCD time unit)`,
  );
}

/** Identifier codes: printable ASCII 33..126, base 94, shortest first. */
export function vcdIdentifier(index: number): string {
  let s = '';
  let n = index;
  do {
    s += String.fromCharCode(33 + (n % 94));
    n = Math.floor(n / 94) - 1;
  } while (n >= 0);
  return s;
}

/** A real value as VCD text (shortest round-trip decimal; `nan` for non-finite values). */
function realText(v: number): string {
  return Number.isFinite(v) ? String(v) : 'nan';
}

export class VcdWriter {
  private readonly ids: string[];
  private readonly last: Float64Array;
  private readonly ticksToUnits: number;
  private currentTime = -1;
  private pending: string[] = [];

  constructor(
    private readonly out: (text: string) => void,
    readonly signals: readonly VcdSignal[],
    header: VcdHeader,
  ) {
    const { timescale, ticksToUnits } = vcdTimescale(header.tickSeconds);
    this.ticksToUnits = ticksToUnits;
    this.ids = signals.map((_, i) => vcdIdentifier(i));
    this.last = new Float64Array(signals.length).fill(NaN);
    const lines: string[] = [];
    if (header.date !== undefined) lines.push('$date', `  ${header.date}`, '$end');
    lines.push('$version', `  ${header.version}`, '$end');
    if (header.comment) lines.push('$comment', `  ${header.comment}`, '$end');
    lines.push('$timescale', `  ${timescale}`, '$end');
    // Group signals by scope, keeping first-appearance order.
    const scopes = new Map<string, number[]>();
    signals.forEach((s, i) => {
      const list = scopes.get(s.scope);
      if (list) list.push(i);
      else scopes.set(s.scope, [i]);
    });
    for (const [scope, members] of scopes) {
      lines.push(`$scope module ${sanitize(scope)} $end`);
      for (const i of members) lines.push(`$var real 64 ${this.ids[i]} ${sanitize(signals[i].name)} $end`);
      lines.push('$upscope $end');
    }
    lines.push('$enddefinitions $end');
    out(lines.join('\n') + '\n');
  }

  /** Initial values of every signal at time `time` (ticks), as a `$dumpvars` block. */
  dumpInitial(time: number, values: ArrayLike<number>): void {
    this.flushTime();
    const lines = [this.stamp(time), '$dumpvars'];
    for (let i = 0; i < this.signals.length; i++) {
      this.last[i] = values[i];
      lines.push(`r${realText(values[i])} ${this.ids[i]}`);
    }
    lines.push('$end');
    this.currentTime = time;
    this.out(lines.join('\n') + '\n');
  }

  /** Record that signal `index` took `value` at `time` (ticks, non-decreasing). Unchanged values are dropped. */
  change(time: number, index: number, value: number): void {
    if (value === this.last[index]) return;
    if (time < this.currentTime)
      throw new Error(`VCD times must not decrease: ${time} after ${this.currentTime}`);
    if (time !== this.currentTime) {
      this.flushTime();
      this.currentTime = time;
      this.pending.push(this.stamp(time));
    }
    this.last[index] = value;
    this.pending.push(`r${realText(value)} ${this.ids[index]}`);
  }

  /** Write a final timestamp (the end of the simulation) and flush. */
  finish(endTime: number): void {
    if (endTime > this.currentTime) {
      this.flushTime();
      this.pending.push(this.stamp(endTime));
      this.currentTime = endTime;
    }
    this.flushTime();
  }

  /** `#time` in timescale units; a time past 2^53 units would print as `1e+300`, which no VCD reader takes. */
  private stamp(ticks: number): string {
    const units = ticks * this.ticksToUnits;
    if (!Number.isSafeInteger(units)) {
      throw new UserError(
        `VCD time ${ticks} ticks is beyond the largest time a VCD can hold exactly (${Number.MAX_SAFE_INTEGER} units)`,
      );
    }
    return `#${units}`;
  }

  private flushTime(): void {
    if (this.pending.length > 0) {
      this.out(this.pending.join('\n') + '\n');
      this.pending = [];
    }
  }
}

/** VCD references may not contain white space. */
function sanitize(name: string): string {
  return name.replace(/\s+/g, '_');
}
