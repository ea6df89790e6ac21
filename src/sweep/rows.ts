/**
 * Reading sweep result files back (`--resume`, `sweep merge`) without trusting them.
 *
 * Every row is checked against the plan that its sweep identity describes: the identity names the
 * experiment, grid and seeds, so the job count, each index's seed, key and settings can be computed
 * again and compared. A row that fails names its file and line and what was expected (exit 2).
 * Files are read as bytes, at most `maxBytes` of them (a sweep merge of /dev/zero must stop, not fill
 * memory), and split on the newline byte, so the offset of a torn last line is a byte offset that no
 * invalid UTF-8 byte earlier in the file can shift.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import { describeSweep, parseSeeds, sameSweep, type SweepId } from './plan.js';
import type { SweepLine } from './run-job.js';

/**
 * The most a results file may hold. An engineering limit, not a historical one: a million jobs of
 * about 350 bytes each fit, and the merged text stays below V8's longest string (about 2^29 chars).
 */
export const DEFAULT_MAX_RESULTS_BYTES = 512 * 1024 * 1024;

const CHUNK = 1 << 20;

/** A file's bytes; folders, missing files and files past `maxBytes` are exit 2 with their name. */
export function readResultsFile(file: string, maxBytes = DEFAULT_MAX_RESULTS_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new UserError(`${file}: cannot read sweep results: ${why(err)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      throw new UserError(
        `${file}: is a folder; give the result files in it (for example ${file.replace(/\/$/, '')}/*.jsonl)`,
      );
    }
    const tooBig = () =>
      new UserError(`${file}: larger than ${maxBytes} bytes, the most sweep results read at once`);
    if (st.isFile() && st.size > maxBytes) throw tooBig();
    // Read in chunks whatever the file claims: a device or a pipe has no size, and one may never end.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooBig();
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: cannot read sweep results: ${why(err)}`);
  } finally {
    closeSync(fd);
  }
}

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return (err as Error).message;
}

export interface RawLine {
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
}

/**
 * Split bytes on newline bytes. `complete` is the byte length of the whole lines (up to and with the
 * last newline); anything after it is `tail`, a line cut short. Whole lines must be UTF-8: the program
 * writes nothing else, so another byte is damage, named by its line.
 */
export function splitLines(
  file: string,
  bytes: Buffer,
): { lines: RawLine[]; complete: number; tail: RawLine | null } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: RawLine[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, nl));
    } catch {
      throw new UserError(
        `${file}:${lines.length + 1}: not valid UTF-8; the file is damaged (a sweep writes UTF-8 only)`,
      );
    }
    lines.push({ line: lines.length + 1, text });
    start = nl + 1;
  }
  const tail =
    start < bytes.length
      ? { line: lines.length + 1, text: new TextDecoder('utf-8').decode(bytes.subarray(start)) }
      : null;
  return { lines, complete: start, tail };
}

/** The plan that a sweep identity describes, computed per index without listing every job. */
export interface PlanView {
  readonly id: SweepId;
  readonly of: number;
  seedAt(index: number): number;
  /** The `--set` items of a job, in grid order. */
  setAt(index: number): string[];
  keyAt(index: number): string;
}

/** The plan of `id`, in `planJobs`' order: seeds slowest, then the grid keys, the last fastest. */
export function planView(id: SweepId): PlanView {
  const seeds = parseSeeds(id.seeds);
  const combos = id.grid.reduce((n, g) => n * g.values.length, 1);
  const setAt = (index: number): string[] => {
    const set: string[] = [];
    let c = index % combos;
    for (let k = id.grid.length - 1; k >= 0; k--) {
      const { key, values } = id.grid[k];
      set.unshift(`${key}=${values[c % values.length]}`);
      c = Math.floor(c / values.length);
    }
    return set;
  };
  const seedAt = (index: number) => seeds[Math.floor(index / combos)];
  return {
    id,
    of: seeds.length * combos,
    seedAt,
    setAt,
    keyAt: (index) => [`seed=${seedAt(index)}`, ...setAt(index)].join(' '),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Whether `v` has the shape of a sweep identity (what `sweepId` writes). */
function isSweepId(v: unknown): v is SweepId {
  return (
    isObject(v) &&
    typeof v.experiment === 'string' &&
    typeof v.seeds === 'string' &&
    typeof v.full === 'boolean' &&
    Array.isArray(v.grid) &&
    v.grid.every(
      (g) => isObject(g) && typeof g.key === 'string' && isStrings(g.values) && g.values.length > 0,
    )
  );
}

/**
 * How a value read from `raw` appears in a message. JSON.parse turns 1e400 into Infinity, which
 * JSON.stringify shows as null: show the number as it was written instead.
 */
function shown(value: unknown, raw: string, key: string, occurrence = 0): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const re = new RegExp(`"${key}"\\s*:\\s*(-?[0-9][0-9.eE+-]*)`, 'g');
    const found = [...raw.matchAll(re)][occurrence];
    if (found) return found[1];
  }
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * Parse and check one result line. `plan` is the sweep the line must belong to; without one (the
 * first line of a merge) the line's own identity gives it. Returns the row and its plan.
 */
export function checkRow(
  raw: string,
  where: string,
  plan: PlanView | undefined,
): { row: SweepLine; plan: PlanView } {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new UserError(`${where}: not JSON; expected one sweep result line`);
  }
  const bad = (what: string) => new UserError(`${where}: ${what}`);
  if (!isObject(v)) throw bad('expected a JSON object (a sweep result line)');
  if (!isSweepId(v.sweep)) {
    throw bad(
      `sweep: expected the sweep's identity {experiment, grid, seeds, full} as sweep writes it, got ${shown(v.sweep, raw, 'sweep')}`,
    );
  }
  if (plan === undefined) {
    try {
      plan = planView(v.sweep);
    } catch (err) {
      throw bad(`sweep.seeds: ${(err as Error).message}`);
    }
  } else if (!sameSweep(v.sweep, plan.id)) {
    throw bad(
      `belongs to a different sweep (${describeSweep(v.sweep)}; expected ${describeSweep(plan.id)}); ` +
        'resume and merge need the same experiment, --grid, --seeds and --full',
    );
  }
  const { of } = plan;
  if (v.of !== of) throw bad(`of: expected ${of}, the sweep's job count, got ${shown(v.of, raw, 'of')}`);
  const index = v.index;
  if (!isWhole(index) || index < 0 || index >= of) {
    throw bad(`index: expected a whole number from 0 to ${of - 1}, got ${shown(index, raw, 'index')}`);
  }
  const seed = plan.seedAt(index);
  if (v.seed !== seed)
    throw bad(`seed: expected ${seed}, job ${index}'s seed in the plan, got ${shown(v.seed, raw, 'seed')}`);
  const key = plan.keyAt(index);
  if (v.job !== key) throw bad(`job: expected "${key}" for job ${index}, got ${shown(v.job, raw, 'job')}`);
  if (v.experiment !== plan.id.experiment) {
    throw bad(`experiment: expected "${plan.id.experiment}", got ${shown(v.experiment, raw, 'experiment')}`);
  }
  const set = plan.setAt(index);
  if (!isStrings(v.set) || v.set.length !== set.length || v.set.some((s, i) => s !== set[i])) {
    throw bad(`set: expected ${JSON.stringify(set)} for job ${index}, got ${shown(v.set, raw, 'set')}`);
  }
  if (!Array.isArray(v.results)) {
    throw bad(
      `results: expected a list of {name, measured, verdict}, got ${shown(v.results, raw, 'results')}`,
    );
  }
  v.results.forEach((r: unknown, i) => {
    if (!isObject(r) || typeof r.name !== 'string' || typeof r.verdict !== 'string') {
      throw bad(`results[${i}]: expected {name, measured, verdict} with text name and verdict`);
    }
    // NaN and ±Infinity are written as null by JSON.stringify; a literal that overflows is damage.
    if (r.measured !== null && !(typeof r.measured === 'number' && Number.isFinite(r.measured))) {
      throw bad(
        `results[${i}].measured: expected a finite number or null, got ${shown(r.measured, raw, 'measured', i)}`,
      );
    }
  });
  const hw = v.hardwareSeconds;
  if (hw !== null && !(typeof hw === 'number' && Number.isFinite(hw))) {
    throw bad(`hardwareSeconds: expected a finite number or null, got ${shown(hw, raw, 'hardwareSeconds')}`);
  }
  return { row: v as unknown as SweepLine, plan };
}

/** Remembers where each job was seen, so a second row of one job is named with both places. */
export class DuplicateCheck {
  private readonly seen = new Map<number, string>();
  readonly duplicates: string[] = [];

  /** Whether the row is new; a duplicate is recorded. */
  add(row: SweepLine, where: string): boolean {
    const previous = this.seen.get(row.index);
    if (previous !== undefined) {
      this.duplicates.push(`job ${row.index} (${row.job}) in ${previous} and ${where}`);
      return false;
    }
    this.seen.set(row.index, where);
    return true;
  }

  has(index: number): boolean {
    return this.seen.has(index);
  }

  get size(): number {
    return this.seen.size;
  }

  /** The first few duplicates as one message. */
  describe(): string {
    const d = this.duplicates;
    return `${d.slice(0, 5).join('; ')}${d.length > 5 ? `; and ${d.length - 5} more` : ''}`;
  }
}
