/**
 * The contract between the historical machines, their two engines and everything that trains them.
 *
 * A machine can run in the event-driven engine (the circuit, `src/machines/`) or the dense engine
 * (typed arrays, `src/dense/`). Both implement `MachineEngine`, apply the same rule functions from
 * `src/rules/`, and with ideal parts must give identical `LearningStep`s and weights. `train` (the
 * command, the experiments, the traces) talks only to this interface.
 */

/** The machines `train --model` knows, besides the backprop `mlp`. */
export type MachineModel = 'perceptron' | 'mark1' | 'adaline' | 'madaline';
export const MACHINE_MODELS: readonly MachineModel[] = ['perceptron', 'mark1', 'adaline', 'madaline'];

/** Learning rules by their command-line names (listed once, in src/rules/step.ts). */
export type { RuleName } from '../rules/step.js';

export type EngineName = 'event' | 'dense';

/** One layer of trained weights: `weights[unit][input]`, `bias[unit]` (0 when a unit has no bias). */
export interface LayerWeights {
  weights: number[][];
  bias: number[];
}

/** The serialised shape of a machine's (or an MLP's) adaptive weights: `--init`, `--save`, `final`. */
export interface WeightsJson {
  layers: LayerWeights[];
}

/** One weight a step changed. `input` = -1 is the unit's bias. */
export interface StepWeightChange {
  readonly layer: number;
  readonly unit: number;
  readonly input: number;
  readonly before: number;
  readonly after: number;
}

/** One learning step: one pattern presented, the response judged, the weights corrected. */
export interface LearningStep {
  /** 1-based count of steps since training began. */
  readonly step: number;
  /** 1-based epoch. */
  readonly epoch: number;
  /** Index of the pattern in the data set (0-based, file order). */
  readonly pattern: number;
  /** Simulated hardware time at the end of the step, seconds since training began. */
  readonly time: number;
  /** Output units' sums before the correction. */
  readonly sums: number[];
  /** Output units' responses before the correction. */
  readonly outputs: number[];
  /** Desired responses. */
  readonly desired: number[];
  /** Per output unit: d − y for the perceptron rules, the linear error d − s for LMS. */
  readonly errors: number[];
  /** Whether the machine's response to this pattern was wrong (classification) before the step. */
  readonly mistake: boolean;
  /** Only the weights that changed. */
  readonly changes: StepWeightChange[];
}

/**
 * What one epoch presented through `MachineEngine.presentEpoch` did, presentation by presentation in
 * the order presented: the same numbers as the `LearningStep`s `present` would have returned.
 */
export interface EpochOutcome {
  /** `mistake` of each presentation (1 or 0). */
  readonly mistakes: Uint8Array;
  /** `sums`, presentation-major: presentation q, output unit k at `q * outputs + k`. */
  readonly sums: Float64Array;
  /** `errors`, laid out as `sums`. */
  readonly errors: Float64Array;
}

/** A machine ready to learn, in one engine. */
export interface MachineEngine {
  readonly engine: EngineName;
  readonly model: MachineModel;
  /** Inputs per pattern (retina cells for mark1). */
  readonly inputs: number;
  /** Output (response) units. */
  readonly outputs: number;
  /**
   * Present pattern `x` with desired responses `d` (±1 per output unit for classifiers, the desired
   * sum for adaline), let the teacher correct the weights, and report the step.
   */
  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep;
  /**
   * Optional fast path for training nobody watches step by step: `present` for every pattern in
   * `order`, without building a `LearningStep` each time. It must leave the weights, sums and errors
   * bitwise as presenting one by one would; it returns null, having changed nothing, where the engine
   * has no such path for its configuration.
   */
  presentEpoch?(
    x: readonly ArrayLike<number>[],
    d: readonly ArrayLike<number>[],
    order: readonly number[],
  ): EpochOutcome | null;
  /** Responses to `x` without learning. */
  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] };
  /** Current adaptive weights. */
  weights(): WeightsJson;
  /** Simulated hardware seconds spent so far (0 for a machine with no timing model). */
  hardwareSeconds(): number;
  /** Everything fixed at build time that `weights()` does not hold (e.g. Mark I's S→A wiring), for output. */
  fixedConfig(): Record<string, unknown>;
}
