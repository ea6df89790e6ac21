/**
 * What every dense machine shares: one Float64Array per layer (`DenseLayer`, whose per-unit views
 * are the weight vectors the learning step updates in place) and the `MachineEngine` basics.
 */
import type { LearningStep, MachineEngine, MachineModel, WeightsJson } from '../machine-description/types.js';
import type { ResolvedMachineOptions } from '../machine-description/resolved.js';
/** One layer's weights: `units` rows of `stride` = inputs + 1 (bias slot last, used or not). */
export class DenseLayer {
  readonly data: Float64Array;
  readonly stride: number;
  /** Per unit, the vector the rules see: inputs (+ bias when the unit has one). */
  readonly rows: Float64Array[];

  constructor(
    readonly units: number,
    readonly inputs: number,
    readonly bias: boolean,
    init: { weights: number[][]; bias: number[] },
  ) {
    this.stride = inputs + 1;
    this.data = new Float64Array(units * this.stride);
    this.rows = [];
    for (let u = 0; u < units; u++) {
      const o = u * this.stride;
      this.data.set(init.weights[u], o);
      this.data[o + inputs] = init.bias[u];
      this.rows.push(this.data.subarray(o, o + inputs + (bias ? 1 : 0)));
    }
  }

  toJson(): { weights: number[][]; bias: number[] } {
    const weights: number[][] = [];
    const bias: number[] = [];
    for (let u = 0; u < this.units; u++) {
      const o = u * this.stride;
      weights.push(Array.from(this.data.subarray(o, o + this.inputs)));
      bias.push(this.data[o + this.inputs]);
    }
    return { weights, bias };
  }
}

export function checkPattern(
  x: ArrayLike<number>,
  d: ArrayLike<number>,
  inputs: number,
  outputs: number,
): void {
  if (x.length !== inputs) throw new RangeError(`pattern has ${x.length} inputs, the machine ${inputs}`);
  if (d.length !== outputs) throw new RangeError(`${d.length} desired responses for ${outputs} outputs`);
}

export abstract class DenseMachine implements MachineEngine {
  readonly engine = 'dense' as const;
  readonly model: MachineModel;
  readonly inputs: number;
  readonly outputs: number;

  constructor(protected readonly r: ResolvedMachineOptions) {
    this.model = r.model;
    this.inputs = r.inputs;
    this.outputs = r.outputs;
  }

  abstract present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep;
  abstract respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] };
  abstract weights(): WeightsJson;

  hardwareSeconds(): number {
    return 0;
  }

  fixedConfig(): Record<string, unknown> {
    return {};
  }
}
