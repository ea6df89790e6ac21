/**
 * Running an experiment: resolve its parameters (defaults, `--full`, `--set`), seed the generator,
 * measure, and judge each published figure against our measurement.
 */
import { UserError } from '../errors.js';
import { Rng } from '../rng.js';
import { didYouMean } from '../util/nearest.js';
import { decimalProblem, parseDecimal } from '../util/numbers.js';
import type {
  Experiment,
  ExperimentParam,
  Measurement,
  ParamValues,
  PublishedFigure,
  Series,
  Tolerance,
} from './types.js';

/**
 * `by construction`: the row matches, but could not have come out otherwise (see
 * `PublishedFigure.byConstruction`); it is counted apart from `reproduced`.
 */
export type Verdict = 'reproduced' | 'differs' | 'by construction' | 'no published figure';

/** The verdicts in the order summaries count them. */
export const VERDICTS: readonly Verdict[] = [
  'reproduced',
  'differs',
  'by construction',
  'no published figure',
];

/** How many rows of each verdict. */
export function countVerdicts(rows: readonly { verdict: Verdict }[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    reproduced: 0,
    differs: 0,
    'by construction': 0,
    'no published figure': 0,
  };
  for (const r of rows) counts[r.verdict]++;
  return counts;
}

export interface ResultRow {
  readonly name: string;
  readonly description: string;
  readonly measured: number;
  readonly published: number | string | null;
  readonly unit: string | null;
  readonly source: string | null;
  readonly tolerance: string | null;
  readonly verdict: Verdict;
}

export interface ExperimentReport {
  readonly experiment: string;
  readonly title: string;
  readonly year: number;
  readonly citation: string;
  readonly question: string;
  readonly seed: number;
  readonly full: boolean;
  /** The parameter set it ran with (`full` repeats `mode === 'full'` for the JSON contract). */
  readonly mode?: RunMode;
  readonly config: ParamValues;
  readonly results: ResultRow[];
  readonly series: Record<string, Series>;
  readonly notes: string[];
  readonly timing: { wallSeconds: number; hardwareSeconds: number | null };
  /** Pictures are for display; not part of `run --json`. */
  readonly measurement: Measurement;
}

export type RunMode = 'default' | 'full' | 'fast';

export interface RunOptions {
  seed?: number;
  mode?: RunMode;
  /** `key=value` overrides, as typed. */
  set?: readonly string[];
  progress?: (fraction: number) => void;
}

export const DEFAULT_SEED = 1;

/** Parameters for a mode with overrides applied; every value checked against its spec. */
export function resolveParams(exp: Experiment, mode: RunMode, set: readonly string[] = []): ParamValues {
  const values: ParamValues = {};
  for (const [key, p] of Object.entries(exp.params)) {
    values[key] = (mode === 'full' ? p.full : mode === 'fast' ? p.fast : undefined) ?? p.default;
  }
  const keys = Object.keys(exp.params);
  for (const item of set) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new UserError(`--set ${item}: expected key=value (for example --set ${keys[0] ?? 'epochs'}=10)`);
    const key = item.slice(0, eq);
    const text = item.slice(eq + 1);
    // Own keys only: `constructor` or `__proto__` must not find Object.prototype's members.
    const spec = Object.hasOwn(exp.params, key) ? exp.params[key] : undefined;
    if (!spec) {
      throw new UserError(
        `--set ${item}: experiment '${exp.id}' has no parameter '${key}'${didYouMean(key, keys)}; ` +
          (keys.length ? `valid keys: ${keys.join(', ')}` : 'it takes no parameters'),
      );
    }
    values[key] = parseParamText(spec, text, `--set ${item}`);
  }
  return values;
}

function parseParamText(spec: ExperimentParam, text: string, origin: string): number | boolean | string {
  switch (spec.kind) {
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new UserError(`${origin}: expected true or false`);
    case 'string':
      if (spec.oneOf && !spec.oneOf.includes(text)) {
        throw new UserError(
          `${origin}: expected one of ${spec.oneOf.join(', ')}${didYouMean(text, spec.oneOf)}`,
        );
      }
      if (spec.pattern && !spec.pattern.test(text))
        throw new UserError(`${origin}: expected ${spec.patternDoc ?? `text matching ${spec.pattern}`}`);
      return text;
    case 'number':
    case 'integer': {
      const v = parseDecimal(text);
      if (v === undefined)
        throw new UserError(`${origin}: expected a number, got '${text}' (${decimalProblem(text)})`);
      if (spec.kind === 'integer' && !Number.isInteger(v))
        throw new UserError(`${origin}: expected a whole number, got '${text}'`);
      if (spec.min !== undefined && v < spec.min) throw new UserError(`${origin}: must be ≥ ${spec.min}`);
      if (spec.max !== undefined && v > spec.max) throw new UserError(`${origin}: must be ≤ ${spec.max}`);
      return v;
    }
  }
}

/**
 * The verdict on one figure. `values` holds the measurement's values and extras, which a
 * `withinRuns` tolerance reads its bounds from.
 */
export function judge(measured: number, fig: PublishedFigure, values: Record<string, number> = {}): Verdict {
  const v = withinTolerance(measured, fig, values);
  return v === 'reproduced' && fig.byConstruction !== undefined ? 'by construction' : v;
}

function withinTolerance(
  measured: number,
  fig: PublishedFigure,
  values: Record<string, number>,
): 'reproduced' | 'differs' {
  const t = fig.tolerance;
  const p = typeof fig.value === 'number' ? fig.value : NaN;
  // A `withinRuns` verdict reads our runs' spread, not the measured median (which may lie beyond the cap).
  if (!Number.isFinite(measured) && t.kind !== 'withinRuns') return 'differs';
  switch (t.kind) {
    case 'relative':
      return Math.abs(measured - p) <= t.value * Math.abs(p) ? 'reproduced' : 'differs';
    case 'absolute':
      return Math.abs(measured - p) <= t.value ? 'reproduced' : 'differs';
    case 'atMost':
      return measured <= p ? 'reproduced' : 'differs';
    case 'atLeast':
      return measured >= p ? 'reproduced' : 'differs';
    case 'range':
      return measured >= t.min && measured <= t.max ? 'reproduced' : 'differs';
    case 'equal':
      return measured === p ? 'reproduced' : 'differs';
    case 'withinRuns': {
      const lo = values[t.low];
      const hi = values[t.high];
      if (lo === undefined || hi === undefined)
        throw new Error(
          `tolerance of '${fig.name}' reads '${t.low}' and '${t.high}', which were not measured`,
        );
      // NaN (no runs) fails both comparisons; an upper bound beyond the cap is Infinity and holds.
      return p >= lo && p <= hi ? 'reproduced' : 'differs';
    }
  }
}

export function describeTolerance(t: Tolerance, values: Record<string, number> = {}): string {
  switch (t.kind) {
    case 'relative':
      return `±${Math.round(t.value * 100)}%`;
    case 'absolute':
      return `±${t.value}`;
    case 'atMost':
      return '≤ published';
    case 'atLeast':
      return '≥ published';
    case 'range':
      return `${t.min} to ${t.max}`;
    case 'equal':
      return 'exact';
    case 'withinRuns':
      return `${t.label}: ${formatBound(values[t.low])} to ${formatBound(values[t.high])}`;
  }
}

function formatBound(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '?';
  if (x === Infinity) return 'beyond the cap';
  return String(Math.round(x * 100) / 100);
}

export function runExperiment(exp: Experiment, options: RunOptions = {}): ExperimentReport {
  const seed = options.seed ?? DEFAULT_SEED;
  const mode = options.mode ?? 'default';
  const params = resolveParams(exp, mode, options.set);
  const t0 = performance.now();
  const measurement = exp.run({
    params,
    seed,
    rng: Rng.fromSeed(seed),
    full: mode === 'full',
    progress: options.progress ?? (() => {}),
  });
  const wallSeconds = (performance.now() - t0) / 1000;

  const allValues = { ...measurement.values, ...measurement.extra };
  const results: ResultRow[] = exp.published.map((fig) => {
    const measured = measurement.values[fig.name];
    if (measured === undefined) throw new Error(`experiment ${exp.id} did not measure '${fig.name}'`);
    return {
      name: fig.name,
      description: fig.description,
      measured,
      published: fig.value,
      unit: fig.unit ?? measurement.units?.[fig.name] ?? null,
      source: fig.source,
      tolerance: describeTolerance(fig.tolerance, allValues),
      verdict: judge(measured, fig, allValues),
    };
  });
  const published = new Set(exp.published.map((f) => f.name));
  for (const [name, measured] of Object.entries(allValues)) {
    if (published.has(name)) continue;
    results.push({
      name,
      description: measurement.descriptions?.[name] ?? name,
      measured,
      published: null,
      unit: measurement.units?.[name] ?? null,
      source: null,
      tolerance: null,
      verdict: 'no published figure',
    });
  }
  return {
    experiment: exp.id,
    title: exp.title,
    year: exp.year,
    citation: exp.citation,
    question: exp.question,
    seed,
    full: mode === 'full',
    mode,
    config: params,
    results,
    series: measurement.series ?? {},
    notes: [
      ...(measurement.notes ?? []),
      ...exp.published.filter((f) => f.toleranceNote).map((f) => `${f.name}: ${f.toleranceNote}`),
      ...exp.published
        .filter((f) => f.byConstruction)
        .map((f) => `${f.name} holds by construction: ${f.byConstruction}`),
    ],
    timing: { wallSeconds, hardwareSeconds: measurement.hardwareSeconds ?? null },
    measurement,
  };
}

/** The `run --json` object (the issue's contract): no pictures, everything else. */
export function reportJson(r: ExperimentReport): Record<string, unknown> {
  return {
    experiment: r.experiment,
    title: r.title,
    seed: r.seed,
    full: r.full,
    config: r.config,
    results: r.results,
    series: r.series,
    notes: r.notes,
    timing: r.timing,
  };
}
