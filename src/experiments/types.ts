/**
 * What an experiment is: a named historical question, its published answer with a source and an
 * honest tolerance, default parameters, and the code that measures our answer on the library.
 *
 * One file per experiment in this folder, listed in `registry.ts`. The runner (`run.ts`) fills in
 * seeds, parameters and verdicts; an experiment only measures.
 */
import type { Rng } from '../rng.js';

/** A parameter an experiment accepts through `--set key=value`. */
export interface ExperimentParam {
  readonly kind: 'number' | 'integer' | 'boolean' | 'string';
  readonly default: number | boolean | string;
  /** Value used with `--full` (the paper-scale version), when it differs. */
  readonly full?: number | boolean | string;
  /** Value used in the test suite's fast mode, when it differs. */
  readonly fast?: number | boolean | string;
  readonly doc: string;
  readonly min?: number;
  readonly max?: number;
  readonly oneOf?: readonly string[];
  /**
   * For a free-text string (a list such as "1,2,3"): the whole value must match this, or `--set`
   * refuses it with `patternDoc` (exit 2), before the experiment ever sees it.
   */
  readonly pattern?: RegExp;
  /** What `pattern` accepts, in words ("comma-separated whole numbers"). */
  readonly patternDoc?: string;
}

/** `pattern` of a list of positive decimal numbers ("0.1,0.5,1"); zero is refused by the parser after it. */
export const POSITIVE_LIST = /^(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?(,(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?)*$/i;

export type ParamValues = Record<string, number | boolean | string>;

/**
 * How far a measured value may be from the published one and still count as reproducing it.
 * - `relative`: |measured − published| ≤ value · |published|
 * - `absolute`: |measured − published| ≤ value
 * - `atMost` / `atLeast`: measured ≤ / ≥ published (a bound, e.g. Novikoff's)
 * - `range`: min ≤ measured ≤ max (published is then a description such as "about 50")
 * - `equal`: measured === published (exact counts, e.g. 14 of 16 functions)
 * - `withinRuns`: the source reports a single run, so the question is whether that run is one of
 *   ours would be: reproduced when the published value lies between the measurement's `low` and
 *   `high` values (e.g. the 5th and 95th percentiles of our runs, the unconverged counted beyond
 *   the cap). The measured column still shows our median.
 */
export type Tolerance =
  | { readonly kind: 'relative'; readonly value: number }
  | { readonly kind: 'absolute'; readonly value: number }
  | { readonly kind: 'atMost' }
  | { readonly kind: 'atLeast' }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'equal' }
  | { readonly kind: 'withinRuns'; readonly low: string; readonly high: string; readonly label: string };

/** A published figure the experiment measures against. */
export interface PublishedFigure {
  /** Key of the measured value in `Measurement.values`. */
  readonly name: string;
  /** What it is, in words. */
  readonly description: string;
  readonly value: number | string;
  readonly unit?: string;
  /** Citation, e.g. "PDP vol. 1 ch. 8 p.331". */
  readonly source: string;
  readonly tolerance: Tolerance;
  /** Why this tolerance (the honest part). */
  readonly toleranceNote?: string;
  /**
   * Set to 'differs' when our setting honestly cannot reproduce the figure (e.g. the paper's was a
   * CNN on CIFAR-10); `differsBecause` then says why. The catalogue test holds every experiment to
   * its declared expectation.
   */
  readonly expect?: 'differs';
  readonly differsBecause?: string;
  /**
   * Why this row holds by construction (an identity of the formulas, a behaviour coded in, a fit
   * that cannot fail): the row is then judged `by construction`, never `reproduced`, and counted
   * apart, since a reproduction is evidence only if it could have come out otherwise.
   */
  readonly byConstruction?: string;
}

/** A named curve for charts and JSON output. */
export interface Series {
  readonly x: number[];
  readonly y: number[];
  readonly xLabel: string;
  readonly yLabel: string;
}

/** A 2-D grid of values to draw as shaded blocks (a retina, a weight map, a decision region). */
export interface Picture {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** Row-major values. */
  readonly values: number[];
  /** `signed`: diverging around 0 (weights); `unsigned`: 0..max (retina, class index). */
  readonly scale: 'signed' | 'unsigned';
  /**
   * Where the HTML report puts it, when its title and scale do not say (a ±1 pattern drawn beside
   * signed weights is still an input; a ±1 output map is a decision region). The terminal ignores it.
   */
  readonly kind?: 'input' | 'weights' | 'regions';
  /** For a decision region: the name of each integer value (value k is `classNames[k]`). */
  readonly classNames?: readonly string[];
}

/**
 * The experiment's first learner, the one `run --trace` records, as the HTML report needs it to
 * draw the trace: the names of its output units, its training inputs by the index the trace
 * records, their grid, and a Mark I's fixed wiring (`fixedConfig()`: the report checks it against
 * the trace's circuit hash before it projects the A→R weights onto the retina through it). Neither
 * in `--json` nor in the trace.
 */
export interface LearnerView {
  /** One name per output unit (the classes, e.g. the letters A–H). */
  readonly unitNames?: readonly string[];
  /** Training inputs, indexed as the trace's `pattern` field. */
  readonly patterns?: readonly (readonly number[])[];
  readonly inputShape?: { readonly width: number; readonly height: number };
  /** The machine model and its `fixedConfig()`, hashed as the trace's `circuitHash`. */
  readonly model?: string;
  readonly fixed?: Record<string, unknown>;
}

/** What an experiment's run returns. */
export interface Measurement {
  /** Measured values by name; published figures refer to these names. */
  readonly values: Record<string, number>;
  /** Further measured values with no published counterpart, shown in the results table. */
  readonly extra?: Record<string, number>;
  /** Units of values, for display. */
  readonly units?: Record<string, string>;
  /** What the `extra` values are, in words (the table shows the key otherwise). */
  readonly descriptions?: Record<string, string>;
  readonly series?: Record<string, Series>;
  readonly pictures?: Picture[];
  /** Lines of explanation shown under the table (what differs from the paper and why). */
  readonly notes?: string[];
  /** The first learner as the HTML report's trace player draws it (see LearnerView). */
  readonly learner?: LearnerView;
  /** Simulated hardware seconds, where a historical machine ran. */
  readonly hardwareSeconds?: number;
}

export interface ExperimentContext {
  readonly params: ParamValues;
  readonly seed: number;
  /** The run's generator, seeded from `seed`. */
  readonly rng: Rng;
  readonly full: boolean;
  /** Progress from 0 to 1, for a progress bar; call as often as convenient. */
  readonly progress: (fraction: number) => void;
}

export interface Experiment {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  /** The primary source of the experiment. */
  readonly citation: string;
  /** The question the experiment answers, in one sentence. */
  readonly question: string;
  /** Group for `list`: mark1, adaline, theory, backprop, activations, mnist. */
  readonly group: string;
  readonly params: Readonly<Record<string, ExperimentParam>>;
  readonly published: readonly PublishedFigure[];
  run(ctx: ExperimentContext): Measurement;
}
