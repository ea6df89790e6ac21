/** madaline with MRII in the dense engine: hidden ADALINEs into an adaptive output layer of ADALINEs. */
import { mriiForward } from '../rules/index.js';
import type { MriiNetwork } from '../rules/index.js';
import type { ResolvedMachineOptions } from '../machine-description/resolved.js';
import type { LearningStep, WeightsJson } from '../machine-description/types.js';
import { learningStep } from '../rules/index.js';
import type { ChangeSink, StepLayout } from '../rules/index.js';
import { ChangeLog, makeStep, toArray } from './change-log.js';
import { checkPattern, DenseLayer, DenseMachine } from './machine.js';

export class MriiMachine extends DenseMachine {
  private readonly hidden: DenseLayer;
  private readonly output: DenseLayer;
  private readonly net: MriiNetwork;
  private readonly layers: readonly Float64Array[][];
  private readonly layout: StepLayout;

  constructor(r: ResolvedMachineOptions) {
    super(r);
    const a = r.madaline?.adalines as number;
    this.hidden = new DenseLayer(a, r.inputs, true, r.initial.layers[0]);
    this.output = new DenseLayer(r.outputs, a, true, r.initial.layers[1]);
    this.net = { hidden: this.hidden.rows, output: this.output.rows };
    this.layers = [this.hidden.rows, this.output.rows];
    this.layout = { bias: true, unitInputs: r.inputs };
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'mrii') throw new Error(`rule ${rule.name} on an MRII MADALINE`);
    const log = new ChangeLog();
    const sink: ChangeSink = (layer, unit, changes) =>
      log.add(layer, unit, layer === 0 ? this.inputs : this.hidden.units, changes);
    const s = learningStep(rule, this.layers, x, d, this.layout, sink);
    return makeStep(where, s.sums, s.outputs, toArray(d), s.errors, s.mistake, log);
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    const rule = this.r.rule;
    const f = mriiForward(this.net, x, rule.tie as 'negative' | 'positive', true);
    return { sums: f.outputSums, outputs: f.outputs };
  }

  weights(): WeightsJson {
    return { layers: [this.hidden.toJson(), this.output.toJson()] };
  }

  override fixedConfig(): Record<string, unknown> {
    return { madaline: { ...this.r.madaline } };
  }
}
