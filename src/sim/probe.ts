/** A probe records every value change of one net, for VCD output, learning traces and tests. */
import type { Simulator } from './simulator.js';
import { UserError } from '../errors.js';

export interface Sample {
  /** Simulated time in ticks. */
  readonly time: number;
  readonly value: number;
}

export class Probe {
  readonly samples: Sample[] = [];
  readonly net: number;

  constructor(
    sim: Simulator,
    /** Net name, `componentId.pin`. */
    readonly name: string,
  ) {
    const net = sim.netIndex(name);
    if (net === undefined) throw new UserError(`probe: no net named '${name}'`);
    this.net = net;
    sim.probe(net, (time, value) => this.samples.push({ time, value }));
  }

  /** Value at time `t` (ticks) according to the recorded changes; 0 before the first change. */
  valueAt(t: number): number {
    let v = 0;
    for (const s of this.samples) {
      if (s.time > t) break;
      v = s.value;
    }
    return v;
  }
}
