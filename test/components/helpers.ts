// Small builders shared by the component tests: circuits are built directly on a Simulator.
import { constantSpec } from '../../src/components/sources.js';
import type { Component, ParamValue } from '../../src/sim/component.js';
import { Probe } from '../../src/sim/probe.js';
import type { Simulator } from '../../src/sim/simulator.js';

/** Record the simulated time of every evaluation of `c` (start-up included). */
export function countEvaluations(c: Component): number[] {
  const times: number[] = [];
  const evaluate = c.evaluate.bind(c);
  c.evaluate = (sim: Simulator) => {
    times.push(sim.now);
    evaluate(sim);
  };
  return times;
}

/** At tick `time`, set `name` to `value` on `c` and let the kernel re-evaluate it (as a stimulus does). */
export function setAt(sim: Simulator, time: number, c: Component, name: string, value: ParamValue): void {
  sim.at(time, () => {
    c.setParam(name, value);
    sim.touch(c);
  });
}

/** A constant source `id` with output `id.out`, initially `value`. */
export function constant(sim: Simulator, id: string, value = 0): Component {
  return sim.add(constantSpec.create(id, { value }));
}

/** A probe on `net` as [time, value] pairs, for compact expectations. */
export function watch(sim: Simulator, net: string): { changes(): Array<[number, number]>; probe: Probe } {
  const probe = new Probe(sim, net);
  return { probe, changes: () => probe.samples.map((s) => [s.time, s.value]) };
}
