/**
 * madaline with MRI in the dense engine: one group of ADALINEs per output, each group feeding a fixed
 * AND/OR/MAJ element. `sums` of a step are the ADALINEs' sums (group by group), `outputs` the elements'.
 */
import { mriForward } from '../rules/index.js';
import type { ResolvedMachineOptions } from '../machine-description/resolved.js';
import type { LearningStep, WeightsJson } from '../machine-description/types.js';
import { learningStep } from '../rules/index.js';
import type { ChangeSink, StepLayout } from '../rules/index.js';
import { ChangeLog, makeStep, toArray } from './change-log.js';
import { checkPattern, DenseLayer, DenseMachine } from './machine.js';

export class MriMachine extends DenseMachine {
  private readonly layer: DenseLayer;
  private readonly layers: readonly Float64Array[][];
  private readonly groups: Float64Array[][];
  private readonly layout: StepLayout;

  constructor(r: ResolvedMachineOptions) {
    super(r);
    this.layer = new DenseLayer(r.initial.layers[0].weights.length, r.inputs, true, r.initial.layers[0]);
    this.layers = [this.layer.rows];
    const a = r.madaline?.adalines as number;
    this.groups = [];
    for (let g = 0; g < r.outputs; g++) this.groups.push(this.layer.rows.slice(g * a, (g + 1) * a));
    this.layout = { bias: true, unitInputs: r.inputs };
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'mri') throw new Error(`rule ${rule.name} on an MRI MADALINE`);
    const log = new ChangeLog();
    const sink: ChangeSink = (layer, unit, changes) => log.add(layer, unit, this.inputs, changes);
    const s = learningStep(rule, this.layers, x, d, this.layout, sink);
    return makeStep(where, s.sums, s.outputs, toArray(d), s.errors, s.mistake, log);
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    const rule = this.r.rule;
    if (rule.kind !== 'mri') throw new Error('not MRI');
    const sums: number[] = [];
    const outputs: number[] = [];
    for (const group of this.groups) {
      const f = mriForward(group, x, rule.element, rule.tie, true);
      sums.push(...f.sums);
      outputs.push(f.output);
    }
    return { sums, outputs };
  }

  weights(): WeightsJson {
    return { layers: [this.layer.toJson()] };
  }

  override fixedConfig(): Record<string, unknown> {
    return { madaline: { ...this.r.madaline } };
  }
}
