/**
 * A sweep's plan: every combination of grid values and seeds, in one canonical order, so that a job
 * has the same index on every machine and shards, resumes and merges can be checked.
 *
 * Order: seeds vary slowest, then the grid keys in the order given, the last key fastest.
 */
import { UserError } from '../errors.js';

export interface SweepSpec {
  readonly experiment: string;
  /** Grid keys in the order given, each with its values as typed. */
  readonly grid: ReadonlyArray<{ key: string; values: string[] }>;
  readonly seeds: readonly number[];
  /** `--full` runs. */
  readonly full: boolean;
}

export interface Job {
  readonly index: number;
  /** Canonical key: `seed=3 lr=0.1 epochs=10` (grid in spec order). */
  readonly key: string;
  readonly seed: number;
  /** `--set` items for this job. */
  readonly set: string[];
}

/** Parse `--grid key=v1,v2,...` options. */
export function parseGrid(options: readonly string[]): Array<{ key: string; values: string[] }> {
  const grid: Array<{ key: string; values: string[] }> = [];
  for (const opt of options) {
    const eq = opt.indexOf('=');
    if (eq <= 0 || eq === opt.length - 1)
      throw new UserError(`--grid ${opt}: expected key=v1,v2,... (for example --grid epochs=10,20)`);
    const key = opt.slice(0, eq);
    const values = opt
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim());
    if (values.some((v) => v === '')) throw new UserError(`--grid ${opt}: an empty value in the list`);
    if (new Set(values).size !== values.length) throw new UserError(`--grid ${opt}: a value is listed twice`);
    if (grid.some((g) => g.key === key)) throw new UserError(`--grid ${opt}: key '${key}' is given twice`);
    grid.push({ key, values });
  }
  return grid;
}

/** Parse `--seeds 1..100`, `--seeds 1,5,9` or `--seeds 7`. */
export function parseSeeds(text: string): number[] {
  const range = /^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$/.exec(text);
  if (range) {
    const a = safeSeed(range[1], text);
    const b = safeSeed(range[2], text);
    if (b < a) throw new UserError(`--seeds ${text}: the range is empty (end before start)`);
    if (b - a >= 1_000_000) throw new UserError(`--seeds ${text}: more than a million seeds`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^-?\d+$/.test(p))) {
    throw new UserError(
      `--seeds ${text}: expected a range such as 1..100, a list such as 1,5,9, or one seed`,
    );
  }
  const seeds = parts.map((p) => safeSeed(p, text));
  if (new Set(seeds).size !== seeds.length) throw new UserError(`--seeds ${text}: a seed is listed twice`);
  return seeds;
}

/**
 * A seed as written, refused beyond ±(2^53 − 1): past that, doubles skip whole numbers, so
 * 9007199254740993..9007199254740995 would plan 9007199254740992 twice.
 */
function safeSeed(digits: string, text: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) {
    throw new UserError(
      `--seeds ${text}: ${digits} is beyond ±${Number.MAX_SAFE_INTEGER}, the largest whole number a seed holds exactly`,
    );
  }
  return n;
}

/** Parse `--shard K/N` (1-based K). */
export function parseShard(text: string): { k: number; n: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n)
    throw new UserError(`--shard ${text}: expected K/N with 1 ≤ K ≤ N, e.g. 2/8`);
  return { k, n };
}

export function planJobs(spec: SweepSpec): Job[] {
  const jobs: Job[] = [];
  const combos: string[][] = [[]];
  for (const { key, values } of spec.grid) {
    const next: string[][] = [];
    for (const c of combos) for (const v of values) next.push([...c, `${key}=${v}`]);
    combos.splice(0, combos.length, ...next);
  }
  for (const seed of spec.seeds) {
    for (const set of combos) {
      jobs.push({ index: jobs.length, key: [`seed=${seed}`, ...set].join(' '), seed, set });
    }
  }
  return jobs;
}

/** The jobs of shard K of N: every N-th job starting at K (1-based). */
export function shardJobs(jobs: readonly Job[], shard: { k: number; n: number } | undefined): Job[] {
  if (!shard) return [...jobs];
  return jobs.filter((j) => j.index % shard.n === shard.k - 1);
}

/** What identifies a sweep, written in every result line so resumes and merges can check they belong together. */
export interface SweepId {
  readonly experiment: string;
  readonly grid: ReadonlyArray<{ key: string; values: string[] }>;
  readonly seeds: string;
  readonly full: boolean;
}

export function sweepId(spec: SweepSpec): SweepId {
  return { experiment: spec.experiment, grid: spec.grid, seeds: compactSeeds(spec.seeds), full: spec.full };
}

export function sameSweep(a: SweepId, b: SweepId): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The sweep as the options that start it. */
export function describeSweep(id: SweepId): string {
  const grid = id.grid.map((g) => ` --grid ${g.key}=${g.values.join(',')}`).join('');
  return `${id.experiment}${grid} --seeds ${id.seeds}${id.full ? ' --full' : ''}`;
}

function compactSeeds(seeds: readonly number[]): string {
  const contiguous = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return contiguous && seeds.length > 1 ? `${seeds[0]}..${seeds[seeds.length - 1]}` : seeds.join(',');
}
