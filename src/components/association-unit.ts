/**
 * The association unit (A-unit) of Rosenblatt's perceptron.
 *
 * "If the algebraic sum of excitatory and inhibitory impulse intensities is equal to or greater than
 * the threshold (θ) of the A-unit, then the A-unit fires, again on an all-or-nothing basis"
 * (Rosenblatt 1958 p.389): out = 1 when Σexc − Σinh ≥ θ, else 0. The sum is formed exactly as
 * `associationResponses` in src/machines/plugboard.ts does it (excitatory inputs in pin order, then
 * the inhibitory ones subtracted in pin order), so the circuit and the dense engine agree bit for bit.
 *
 * On Mark I the units were thresholded by relays (said to be from the Operators' Manual, unverified),
 * so the output follows after the relay's operate time `delay` (assumption). Faults: a `dead` unit
 * never fires (a failed card or open relay coil), a `stuck` unit always fires (welded contacts).
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { MAX_COMPONENT_PINS, delayParam, defineComponent, paramSpecs } from './params.js';
import type { ParamsOf } from './spec.js';
import { DEFAULT_RELAY_PULL_IN_S } from './thresholds.js';

export type AssociationFault = 'none' | 'dead' | 'stuck';

export function associationPins(excitatory: number, inhibitory: number): string[] {
  return [
    ...Array.from({ length: excitatory }, (_, i) => `e${i}`),
    ...Array.from({ length: inhibitory }, (_, i) => `i${i}`),
  ];
}

export class AssociationUnit extends Component {
  // The fields an evaluation reads come first (the object's first cache lines).
  private readonly nExc: number;
  private readonly nInh: number;
  private readonly theta: number;
  /** 0 none, 1 dead, 2 stuck (`fault` as a number, for the evaluation). */
  private readonly faultCode: number;
  /** The relay delay in ticks (computed at start-up; the tick length is the simulator's). */
  private delayTicks = 0;
  readonly type = 'association-unit';
  private readonly fault: AssociationFault;
  private readonly delaySeconds: number;

  constructor(id: string, params: AssociationUnitParams) {
    const x = params.excitatory;
    const y = params.inhibitory;
    super(id, associationPins(x, y), ['out']);
    this.nExc = x;
    this.nInh = y;
    this.theta = params.theta;
    this.fault = params.fault as AssociationFault;
    this.faultCode = this.fault === 'dead' ? 1 : this.fault === 'stuck' ? 2 : 0;
    this.delaySeconds = params.delay;
  }

  /** Σexc − Σinh on the inputs now. */
  inputSum(sim: Simulator): number {
    const nets = this.inputNets;
    const nExc = this.nExc;
    const n = nExc + this.nInh;
    let s = 0;
    for (let i = 0; i < nExc; i++) {
      const net = nets[i];
      s += net < 0 ? 0 : sim.netValue(net);
    }
    for (let i = nExc; i < n; i++) {
      const net = nets[i];
      s -= net < 0 ? 0 : sim.netValue(net);
    }
    return s;
  }

  override init(sim: Simulator): void {
    this.delayTicks = sim.ticks(this.delaySeconds);
    this.evaluate(sim);
  }

  evaluate(sim: Simulator): void {
    const fault = this.faultCode;
    const fire = fault === 0 ? this.inputSum(sim) >= this.theta : fault === 2;
    sim.driveNet(this.firstOutputNet, fire ? 1 : 0, this.delayTicks);
  }

  params(): Record<string, ParamValue> {
    return {
      excitatory: this.nExc,
      inhibitory: this.nInh,
      theta: this.theta,
      fault: this.fault,
      delay: this.delaySeconds,
    };
  }
}

/** The parameters of an associationUnit, as a circuit file states them. */
export const ASSOCIATION_UNIT_PARAMS = paramSpecs({
  excitatory: {
    kind: 'integer',
    unit: '1',
    default: 1,
    min: 0,
    max: MAX_COMPONENT_PINS,
    doc: 'Number of excitatory inputs x (pins `e0`…).',
    assumption: true,
  },
  inhibitory: {
    kind: 'integer',
    unit: '1',
    default: 0,
    min: 0,
    max: MAX_COMPONENT_PINS,
    doc: 'Number of inhibitory inputs y (pins `i0`…).',
    assumption: true,
  },
  theta: {
    kind: 'number',
    unit: 'V',
    default: 1,
    doc: 'Threshold θ (a free parameter in R58; not recorded for Mark I).',
    assumption: true,
  },
  fault: {
    kind: 'string',
    unit: '1',
    default: 'none',
    oneOf: ['none', 'dead', 'stuck'],
    doc: 'Fault: `dead` (never fires), `stuck` (always fires), or `none`.',
  },
  delay: delayParam(
    'Relay operate time: from an input change to the output change.',
    DEFAULT_RELAY_PULL_IN_S,
  ),
});

/** Validated, defaulted parameters (what the part is built from). */
export type AssociationUnitParams = ParamsOf<typeof ASSOCIATION_UNIT_PARAMS>;

export const associationUnitSpec = defineComponent({
  type: 'association-unit',
  doc:
    'An association unit (A-unit) of the perceptron: `out` = 1 when Σ excitatory inputs − Σ ' +
    'inhibitory inputs ≥ `theta`, else 0 (a tie fires; Rosenblatt 1958 p.389), after the relay ' +
    'operate time `delay`. Inputs `e0`… are excitatory, `i0`… inhibitory. `fault` = `dead` never ' +
    'fires, `stuck` always fires. Mark I’s θ, connection counts and relay timing are not recorded.',
  params: ASSOCIATION_UNIT_PARAMS,
  pins: (p) => ({
    inputs: associationPins(p.excitatory, p.inhibitory),
    outputs: ['out'],
  }),
  build: (id, params) => new AssociationUnit(id, params),
});
