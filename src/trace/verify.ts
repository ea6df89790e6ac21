/**
 * `replay --verify`: re-run the recorded configuration and compare it with the trace step by step.
 *
 * The trace layer knows no machines, so the re-runs are registered by the code that can build them
 * (the train command registers `machine` and `mlp`): `registerRerun(kind, fn)`. A re-run receives
 * the header (configuration, seed, command) and reports its steps through `onStep`, exactly as the
 * original run reported them to the trace writer; it polls `shouldStop()` between steps, which turns
 * true once an interrupted or truncated trace has no more steps to compare. The comparison pulls
 * recorded steps from the file as the re-run goes, so neither side is ever held whole in memory.
 */
import { UserError } from '../errors.js';
import { sameNumber } from './format.js';
import type { TraceHeader, TraceStep, TraceWeights } from './format.js';
import { TraceReader, checkTrace, refuseTampered } from './reader.js';
import type { TraceCheck } from './reader.js';
import { firstWeightDifference } from './rebuild.js';
import type { TraceStepInput } from './writer.js';

export interface RerunContext {
  readonly header: TraceHeader;
  /** Report a step (the same object the trace writer would get). */
  onStep(step: TraceStepInput): void;
  /** Poll between steps: true when the comparison needs no more steps. */
  shouldStop(): boolean;
  /** Optional: report the re-run's initial weights, compared with the header's. */
  initial(weights: TraceWeights): void;
}

/** The kind of value a recorded option must have. */
export type RecordedKind = 'string' | 'number' | 'integer' | 'boolean' | 'string[]' | 'number[]';

/**
 * Check options recorded in a trace header before a re-run uses them: a hand-edited header with
 * `"epochs": "ten"` or `"model": 5` is bad input (exit 2) naming the field, not a crash deep in the
 * re-run. Only own keys count, every key must be known, and `required` keys must be present.
 */
export function checkRecorded(
  value: unknown,
  spec: Readonly<Record<string, RecordedKind>>,
  where: string,
  required: readonly string[] = [],
): Record<string, unknown> {
  const bad = (msg: string): never => {
    throw new UserError(
      `trace header: ${where}: ${msg}`,
      'the trace was edited or written by another program',
    );
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('must be an object');
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!Object.hasOwn(spec, key)) bad(`unknown option "${key}"`);
    const v = o[key];
    if (v === undefined || v === null) continue;
    const kind = spec[key];
    const ok =
      kind === 'string'
        ? typeof v === 'string'
        : kind === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : kind === 'integer'
            ? typeof v === 'number' && Number.isSafeInteger(v)
            : kind === 'boolean'
              ? typeof v === 'boolean'
              : kind === 'string[]'
                ? Array.isArray(v) && v.every((x) => typeof x === 'string')
                : Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!ok)
      bad(
        `"${key}" must be ${kind === 'integer' ? 'a whole number' : `a ${kind}`}, got ${JSON.stringify(v)}`,
      );
  }
  for (const key of required) if (o[key] === undefined || o[key] === null) bad(`"${key}" is missing`);
  return o;
}

/** May return anything (ignored) or a promise of it. */
export type RerunFn = (ctx: RerunContext) => unknown;

const reruns = new Map<string, RerunFn>();

/** Register how traces of `kind` (the header's `kind`) are re-run. A later registration replaces an earlier one. */
export function registerRerun(kind: string, fn: RerunFn): void {
  reruns.set(kind, fn);
}

export function unregisterRerun(kind: string): void {
  reruns.delete(kind);
}

export function registeredReruns(): string[] {
  return [...reruns.keys()].sort();
}

/** The first difference between the trace and the re-run. */
export interface Divergence {
  readonly step: number;
  readonly field: string;
  readonly recorded: unknown;
  readonly recomputed: unknown;
}

/** Exit 3: the re-run does not reproduce the trace. */
export class VerifyMismatchError extends UserError {
  override readonly exitCode: number = 3;
  constructor(
    readonly file: string,
    readonly divergence: Divergence,
  ) {
    super(`${file}: ${describeDivergence(divergence)}`);
    this.name = 'VerifyMismatchError';
  }
}

export function describeDivergence(d: Divergence): string {
  const show = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));
  const where = d.step === 0 ? 'before the first step' : `step ${d.step}`;
  return `diverges at ${where}: ${d.field}: recorded ${show(d.recorded)}, recomputed ${show(d.recomputed)}`;
}

export interface VerifyResult {
  readonly check: TraceCheck;
  /** Steps compared. */
  readonly steps: number;
  readonly divergence: Divergence | null;
}

class Stop {
  constructor(readonly divergence: Divergence) {}
}

function compareArrays(
  step: number,
  field: string,
  rec: readonly number[],
  got: ArrayLike<number>,
): Divergence | null {
  if (rec.length !== got.length) {
    return { step, field: `${field}.length`, recorded: rec.length, recomputed: got.length };
  }
  for (let i = 0; i < rec.length; i++) {
    if (!sameNumber(rec[i], got[i]))
      return { step, field: `${field}[${i}]`, recorded: rec[i], recomputed: got[i] };
  }
  return null;
}

/** The first field in which a recomputed step differs from the recorded one. */
export function compareStep(rec: TraceStep, got: TraceStepInput): Divergence | null {
  const s = rec.step;
  if (got.step !== rec.step) return { step: s, field: 'step', recorded: rec.step, recomputed: got.step };
  if (got.epoch !== rec.epoch) return { step: s, field: 'epoch', recorded: rec.epoch, recomputed: got.epoch };
  const gp = typeof got.pattern === 'number' ? got.pattern : Array.from(got.pattern);
  if (JSON.stringify(gp) !== JSON.stringify(rec.pattern)) {
    return { step: s, field: 'pattern', recorded: rec.pattern, recomputed: gp };
  }
  if (!sameNumber(rec.time, got.time))
    return { step: s, field: 'time', recorded: rec.time, recomputed: got.time };
  for (const key of ['sums', 'outputs', 'desired', 'errors'] as const) {
    const d = compareArrays(s, key, rec[key], got[key]);
    if (d) return d;
  }
  const gm = got.mistake ?? null;
  if (gm !== rec.mistake) return { step: s, field: 'mistake', recorded: rec.mistake, recomputed: gm };
  const gl = got.loss ?? null;
  if (!(gl === rec.loss || (gl !== null && rec.loss !== null && sameNumber(gl, rec.loss)))) {
    return { step: s, field: 'loss', recorded: rec.loss, recomputed: gl };
  }
  const n = Math.min(rec.changes.length, got.changes.length);
  for (let i = 0; i < n; i++) {
    const r = rec.changes[i];
    const g = got.changes[i];
    const rw = [r[0], r[1], r[2], r[4] ?? 0];
    const gw = [g.layer, g.unit, g.input, g.piece ?? 0];
    if (rw.some((v, k) => v !== gw[k])) {
      return {
        step: s,
        field: `changes[${i}] weight [layer, unit, input, piece]`,
        recorded: rw,
        recomputed: gw,
      };
    }
    if (!sameNumber(r[3], g.after)) {
      return {
        step: s,
        field: `changes[${i}].after (layer ${r[0]} unit ${r[1]} input ${r[2]})`,
        recorded: r[3],
        recomputed: g.after,
      };
    }
  }
  if (rec.changes.length !== got.changes.length) {
    return { step: s, field: 'changes.length', recorded: rec.changes.length, recomputed: got.changes.length };
  }
  return null;
}

/**
 * Verify a trace against its registered re-run. Resolves with the first divergence (or none); throws
 * a UserError when the trace is bad input, tampered, or no re-run is registered for its kind.
 */
export async function verifyTrace(file: string): Promise<VerifyResult> {
  const { header, check } = checkTrace(file);
  refuseTampered(file, check);
  const fn = reruns.get(header.kind);
  if (!fn) {
    const known = registeredReruns();
    throw new UserError(
      `${file}: cannot verify: no re-run is registered for traces of kind '${header.kind}'`,
      known.length ? `this program re-runs: ${known.join(', ')}` : undefined,
    );
  }
  const limit = check.steps;
  const mustEnd = check.status === 'complete';
  const reader = new TraceReader(file);
  let compared = 0;
  let divergence: Divergence | null = null;
  const nextRecorded = (): TraceStep | null => {
    for (let rec = reader.next(); rec !== null; rec = reader.next()) if (rec.type === 'step') return rec.step;
    return null;
  };
  const ctx: RerunContext = {
    header,
    onStep(step) {
      if (divergence) throw new Stop(divergence);
      const rec = compared < limit ? nextRecorded() : null;
      if (rec === null) {
        divergence = {
          step: step.step,
          field: 'step',
          recorded: mustEnd
            ? `the trace ends after step ${compared}`
            : `the trace stops after step ${compared} (${check.status ?? 'truncated'})`,
          recomputed: `step ${step.step}`,
        };
        throw new Stop(divergence);
      }
      compared++;
      const d = compareStep(rec, step);
      if (d) {
        divergence = d;
        throw new Stop(d);
      }
    },
    shouldStop: () => divergence !== null || (!mustEnd && compared >= limit),
    initial(weights) {
      const d = firstWeightDifference(header.initial, weights, 'initial');
      if (d && !divergence) {
        divergence = { step: 0, field: d.path, recorded: d.a, recomputed: d.b };
        throw new Stop(divergence);
      }
    },
  };
  try {
    await fn(ctx);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  } finally {
    reader.close();
  }
  if (!divergence && compared < limit) {
    divergence = {
      step: compared + 1,
      field: 'step',
      recorded: `step ${compared + 1}`,
      recomputed: `the re-run ended after step ${compared}`,
    };
  }
  return { check, steps: compared, divergence };
}
