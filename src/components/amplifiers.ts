/**
 * Amplifiers.
 *
 * - `summer`: the summing amplifier that forms an adaptive element's weighted sum: ADALINE's sum of
 *   17 gains, read on its meter (Widrow & Hoff 1960), and the R-unit input of Mark I. Ideal and
 *   linear: no saturation, no noise.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { MAX_COMPONENT_PINS, delayParam, numberedInputs, defineComponent, paramSpecs } from './params.js';
import type { ComponentSpec, ParamsOf } from './spec.js';

export class Summer extends Component {
  readonly type = 'summer';
  private readonly weights: Float64Array;
  private readonly gain: number;
  private readonly offset: number;
  private readonly delaySeconds: number;
  /** The output delay in ticks (computed at start-up; the tick length is the simulator's). */
  private delayTicks = 0;
  /** Every input weight is 1 (the default). */
  private readonly unitWeights: boolean;

  constructor(id: string, params: SummerParams) {
    const n = params.inputs;
    super(id, numberedInputs(n), ['out']);
    const w = params.weights;
    this.weights = w.length === 0 ? new Float64Array(n).fill(1) : Float64Array.from(w);
    this.unitWeights = this.weights.every((x) => x === 1);
    this.gain = params.gain;
    this.offset = params.offset;
    this.delaySeconds = params.delay;
  }

  override init(sim: Simulator): void {
    this.delayTicks = sim.ticks(this.delaySeconds);
    this.evaluate(sim);
  }

  evaluate(sim: Simulator): void {
    const weights = this.weights;
    const nets = this.inputNets;
    let s = 0;
    if (this.unitWeights) {
      // 1 · x is x for every number x, so this is the same sum, bit for bit.
      for (let i = 0; i < nets.length; i++) {
        const net = nets[i];
        s += net < 0 ? 0 : sim.netValue(net);
      }
    } else {
      for (let i = 0; i < weights.length; i++) {
        const net = nets[i];
        s += weights[i] * (net < 0 ? 0 : sim.netValue(net));
      }
    }
    sim.driveNet(this.firstOutputNet, this.gain * s + this.offset, this.delayTicks);
  }

  params(): Record<string, ParamValue> {
    return {
      inputs: this.weights.length,
      weights: Array.from(this.weights),
      gain: this.gain,
      offset: this.offset,
      delay: this.delaySeconds,
    };
  }
}

/** The parameters of a summer, as a circuit file states them. */
export const SUMMER_PARAMS = paramSpecs({
  inputs: {
    kind: 'integer',
    unit: '1',
    min: 1,
    max: MAX_COMPONENT_PINS,
    doc: 'Number of inputs n (required).',
  },
  weights: {
    kind: 'number[]',
    unit: '1',
    default: [],
    doc: 'Fixed input weights, n of them; empty (the default) means all 1.',
    assumption: true,
  },
  gain: {
    kind: 'number',
    unit: '1',
    default: 1,
    doc: 'Gain applied to the weighted sum.',
    assumption: true,
  },
  offset: {
    kind: 'number',
    unit: 'V',
    default: 0,
    doc: 'Added to the output (amplifier offset).',
    assumption: true,
  },
  delay: delayParam('Time from an input change to the output change.'),
});

/** Validated, defaulted parameters (what the part is built from). */
export type SummerParams = ParamsOf<typeof SUMMER_PARAMS>;

export const summerSpec = defineComponent({
  type: 'summer',
  doc:
    'A summing amplifier: `out` = `gain` · Σᵢ `weights`[i] · inᵢ + `offset`, after `delay`, where ' +
    'inᵢ is the value on pin `in`i. It forms the weighted sum of an adaptive element ' +
    '(ADALINE’s summed gains, Widrow & Hoff 1960); it is ideal: linear, unbounded, noiseless. ' +
    'Unconnected inputs read 0.',
  params: SUMMER_PARAMS,
  pins: (p) => ({ inputs: numberedInputs(p.inputs), outputs: ['out'] }),
  check: (p) => {
    const n = p.inputs;
    const w = p.weights;
    return w.length === 0 || w.length === n
      ? []
      : [['weights', `must have one weight per input (${n}) or be empty, got ${w.length}`]];
  },
  build: (id, params) => new Summer(id, params),
});

export const AMPLIFIER_SPECS: readonly ComponentSpec[] = [summerSpec];
