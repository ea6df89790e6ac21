/**
 * Fixed logic elements: AND, OR and majority (MAJ).
 *
 * MADALINE I fed its adaptive Adalines into a fixed AND, OR or majority element (Widrow & Lehr 1990,
 * pp.1420–21), with ±1 signals. An input counts as true when it exceeds `inputThreshold` (0 by
 * default), so the same parts work with ±1 and with 0/1 signals.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { MAX_COMPONENT_PINS, delayParam, numberedInputs, resolveParams } from './params.js';
import type { ComponentSpec, ParamSpec, Params } from './spec.js';

export type LogicFunction = 'and' | 'or' | 'maj';

/** The Boolean function of `trueCount` true inputs out of `n`. MAJ: more than half (even n: a tie is false). */
export function logicValue(fn: LogicFunction, trueCount: number, n: number): boolean {
  switch (fn) {
    case 'and':
      return trueCount === n;
    case 'or':
      return trueCount > 0;
    case 'maj':
      return 2 * trueCount > n;
  }
}

export class LogicGate extends Component {
  private readonly n: number;
  private readonly inputThreshold: number;
  private readonly high: number;
  private readonly low: number;
  private readonly delaySeconds: number;

  constructor(
    readonly type: LogicFunction,
    id: string,
    params: Params,
  ) {
    const n = params.inputs as number;
    super(id, numberedInputs(n), ['out']);
    this.n = n;
    this.inputThreshold = params.inputThreshold as number;
    this.high = params.high as number;
    this.low = params.low as number;
    this.delaySeconds = params.delay as number;
  }

  evaluate(sim: Simulator): void {
    let count = 0;
    for (let i = 0; i < this.n; i++) if (this.read(sim, i) > this.inputThreshold) count++;
    const out = logicValue(this.type, count, this.n) ? this.high : this.low;
    this.drive(sim, 0, out, sim.ticks(this.delaySeconds));
  }

  params(): Record<string, ParamValue> {
    return {
      inputs: this.n,
      inputThreshold: this.inputThreshold,
      high: this.high,
      low: this.low,
      delay: this.delaySeconds,
    };
  }
}

const LOGIC_PARAMS: Record<string, ParamSpec> = {
  inputs: {
    kind: 'integer',
    unit: '1',
    min: 1,
    max: MAX_COMPONENT_PINS,
    doc: 'Number of inputs n (required).',
  },
  inputThreshold: {
    kind: 'number',
    unit: 'V',
    default: 0,
    doc: 'An input is true when it is strictly greater than this (0 suits both ±1 and 0/1 signals).',
    assumption: true,
  },
  high: {
    kind: 'number',
    unit: 'V',
    default: 1,
    doc: 'Output when true (MADALINE uses ±1, WL90).',
  },
  low: {
    kind: 'number',
    unit: 'V',
    default: -1,
    doc: 'Output when false.',
  },
  delay: delayParam('Time from an input change to the output change.'),
};

const PINS_DOC = 'Unconnected inputs read 0 (false).';

function logicSpec(type: LogicFunction, what: string): ComponentSpec {
  const spec: ComponentSpec = {
    type,
    doc: `${what} ${PINS_DOC}`,
    params: LOGIC_PARAMS,
    pins: (p) => ({ inputs: numberedInputs(p.inputs as number), outputs: ['out'] }),
    create: (id, params) => new LogicGate(type, id, resolveParams(spec, id, params)),
  };
  return spec;
}

export const andSpec = logicSpec(
  'and',
  'AND: `high` when every input is true (input > `inputThreshold`), else `low`. The fixed output ' +
    'element of MADALINE I (WL90 p.1420); two Adalines into AND realise XNOR (WL90 Fig. 8).',
);
export const orSpec = logicSpec(
  'or',
  'OR: `high` when at least one input is true (input > `inputThreshold`), else `low`. A fixed ' +
    'output element of MADALINE I (WL90 p.1420).',
);
export const majSpec = logicSpec(
  'maj',
  'Majority (MAJ): `high` when more than half the inputs are true (input > `inputThreshold`), ' +
    'else `low`; with an even number of inputs a tie (exactly half true) is false. The output ' +
    'element of MADALINE I and of MRI (5 Adalines into MAJ, WL90 Fig. 15).',
);

export const LOGIC_SPECS: readonly ComponentSpec[] = [andSpec, orSpec, majSpec];
