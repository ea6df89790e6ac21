/**
 * The learning-trace format (docs/trace-format.md): JSON Lines, one header, one line per learning
 * step, one summary per epoch, an optional final-weights line and a closing line with the SHA-256 of
 * every byte before it.
 *
 * This module holds the names, the record types, the exact number encoding and the one serialiser
 * both the writer and the tests use, so that the same values always give the same bytes.
 */

/** The `format` field of every trace header. */
export const TRACE_FORMAT = 'perceptron-sim-trace';
/** Major version: a reader refuses any other. Minor versions only add fields (readers ignore unknown fields). */
export const TRACE_MAJOR = 1;
// 1.1: signed traces carry key and signature on the closing line; 1.2: every chained line also
// carries `seal`, covering the line itself. Readers of 1.0 and 1.1 ignore the new fields.
export const TRACE_MINOR = 2;
export const TRACE_VERSION = `${TRACE_MAJOR}.${TRACE_MINOR}`;
/** Hex digits of the running digest kept in every line after the header (`chain`). */
export const CHAIN_HEX_DIGITS = 16;

/** Recorded status of a closed trace. */
export type TraceStatus = 'complete' | 'interrupted';

/** A weight address as recorded: layer, unit, input (-1 bias, -2 PReLU slope), value after, optional piece. */
export type ChangeTuple = [layer: number, unit: number, input: number, after: number, piece?: number];

/** Bias, PReLU slope: the special `input` indices of a change. */
export const BIAS_INPUT = -1;
export const SLOPE_INPUT = -2;
/** `layer` index of an MLP's direct input→output weights. */
export const DIRECT_LAYER = -1;

/** The weights shape traces hold: `WeightsJson` of the machines and of the MLP. */
export interface TraceLayerWeights {
  weights: number[][];
  bias: number[];
  slopes?: number[];
  extraPieces?: { weights: number[][]; bias: number[] }[];
}
export interface TraceWeights {
  layers: TraceLayerWeights[];
  direct?: { weights: number[][] };
}

/** A retina (or any 2-D input) shape, for drawing patterns. */
export interface InputShape {
  width: number;
  height: number;
}

/** The header as read back (unknown fields of later minor versions are kept in `extra`). */
export interface TraceHeader {
  type: 'header';
  format: typeof TRACE_FORMAT;
  version: string;
  program: { name: string; version: string };
  command: string[];
  /** Which re-run reproduces it (`machine`, `mlp`, …; see src/trace/verify.ts). */
  kind: string;
  model: string | null;
  rule: string | null;
  seed: number | string | null;
  rng: string;
  circuitHash: string | null;
  inputShape: InputShape | null;
  /** The training patterns' inputs, when the writer chose to keep them (small data sets). */
  patterns: number[][] | null;
  config: Record<string, unknown>;
  initial: TraceWeights;
}

/** One step as read back. */
export interface TraceStep {
  step: number;
  epoch: number;
  time: number;
  /** Pattern index, or the indices of a batch. */
  pattern: number | number[];
  sums: number[];
  outputs: number[];
  desired: number[];
  errors: number[];
  mistake: boolean | null;
  loss: number | null;
  changes: ChangeTuple[];
}

export interface TraceEpoch {
  epoch: number;
  steps: number;
  errors: number | null;
  loss: number | null;
}

export interface TraceEnd {
  steps: number;
  epochs: number;
  status: TraceStatus;
  digest: string;
  /** Signed traces (version 1.1): the signing key's id and the Ed25519 signature (base64). */
  key?: string;
  signature?: string;
}

/**
 * A number exactly as JSON text: the shortest decimal that reads back to the same double (what
 * `JSON.stringify` writes), `-0` kept as `-0` (JSON.parse reads it back), and the non-finite values,
 * which JSON cannot hold as numbers, as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
 */
export function numberText(v: number): string {
  if (Number.isFinite(v)) return Object.is(v, -0) ? '-0' : String(v);
  return Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Read back what `numberText` wrote; undefined when `v` is not a recorded number. */
export function recordedNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}

/** Identical doubles (NaN equals NaN, -0 differs from 0): the comparison of `--verify`. */
export function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b);
}

export function numberArrayText(values: ArrayLike<number>): string {
  let s = '[';
  for (let i = 0; i < values.length; i++) s += (i === 0 ? '' : ',') + numberText(values[i]);
  return s + ']';
}

/**
 * Canonical JSON: object keys sorted, no white space, numbers as `numberText`. `undefined` members
 * are left out, as JSON.stringify does. The same value always gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return numberText(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        const items = Array.from(value as ArrayLike<unknown>, (v) => canonicalJson(v));
        return `[${items.join(',')}]`;
      }
      const obj = value as Record<string, unknown>;
      if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalJson((obj as { toJSON: () => unknown }).toJSON());
      }
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}

/** `{ major, minor }` of a version string such as `1.0`, or undefined when it is not one. */
export function parseVersion(v: unknown): { major: number; minor: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Human name of a weight: `layer 0 unit 2 input 5`, `layer 0 unit 2 bias`, `direct unit 0 input 1`. */
export function weightName(layer: number, unit: number, input: number, piece = 0): string {
  const where = layer === DIRECT_LAYER ? `direct unit ${unit}` : `layer ${layer} unit ${unit}`;
  const what = input === BIAS_INPUT ? 'bias' : input === SLOPE_INPUT ? 'slope' : `input ${input}`;
  return `${where}${piece > 0 ? ` piece ${piece}` : ''} ${what}`;
}
