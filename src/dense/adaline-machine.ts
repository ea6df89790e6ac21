/** adaline in the dense engine: independent ADALINEs trained by α-LMS or μ-LMS on the linear error. */
import { linearSum, quantize } from '../rules/index.js';
import type { ResolvedMachineOptions } from '../machine-description/resolved.js';
import type { LearningStep, WeightsJson } from '../machine-description/types.js';
import { learningStep } from '../rules/index.js';
import type { ChangeSink, StepLayout } from '../rules/index.js';
import { ChangeLog, makeStep, toArray } from './change-log.js';
import { checkPattern, DenseLayer, DenseMachine } from './machine.js';

export class AdalineMachine extends DenseMachine {
  private readonly layer: DenseLayer;
  private readonly layers: readonly Float64Array[][];
  private readonly layout: StepLayout;

  constructor(r: ResolvedMachineOptions) {
    super(r);
    this.layer = new DenseLayer(r.outputs, r.inputs, true, r.initial.layers[0]);
    this.layers = [this.layer.rows];
    this.layout = { bias: true, unitInputs: r.inputs };
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'lms') throw new Error(`rule ${rule.name} on an ADALINE`);
    const log = new ChangeLog();
    const sink: ChangeSink = (layer, unit, changes) => log.add(layer, unit, this.inputs, changes);
    const s = learningStep(rule, this.layers, x, d, this.layout, sink);
    return makeStep(where, s.sums, s.outputs, toArray(d), s.errors, s.mistake, log);
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    const tie = this.r.rule.tie as 'negative' | 'positive';
    const sums = this.layer.rows.map((w) => linearSum(w, x, true));
    return { sums, outputs: sums.map((s) => quantize(s, tie)) };
  }

  weights(): WeightsJson {
    return { layers: [this.layer.toJson()] };
  }
}
