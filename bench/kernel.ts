/**
 * Kernel throughput: events per second on a fan-out-heavy netlist.
 *
 * A ring oscillator (an inverting quantizer fed back through a one-tick delay) drives `fanOut`
 * summing buffers, each with a one-tick delay; every toggle of the oscillator is one net event plus
 * `fanOut` evaluations and `fanOut` net events. Wall time covers `sim.run` only, not building.
 */
import { quantizerSpec } from '../src/components/thresholds.js';
import { summerSpec } from '../src/components/amplifiers.js';
import { Simulator } from '../src/sim/simulator.js';

export interface KernelBenchResult {
  fanOut: number;
  events: number;
  evaluations: number;
  seconds: number;
  eventsPerSecond: number;
}

export function benchKernel(fanOut = 1000, minEvents = 2_000_000): KernelBenchResult {
  const sim = new Simulator({ tickSeconds: 1e-6 });
  const osc = sim.add(
    quantizerSpec.create('osc', { threshold: 0, high: -1, low: 1, pullInDelay: 1e-6, dropOutDelay: 1e-6 }),
  );
  sim.connect('osc.out', osc, 'in');
  for (let i = 0; i < fanOut; i++) {
    const buf = sim.add(summerSpec.create(`b${i}`, { inputs: 1, delay: 1e-6 }));
    sim.connect('osc.out', buf, 'in0');
  }
  // Warm up the JIT on a short run, then measure.
  sim.run({ maxEvents: 200_000 });
  const e0 = sim.eventCount;
  const v0 = sim.evaluationCount;
  const t0 = process.hrtime.bigint();
  sim.run({ maxEvents: minEvents });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const events = sim.eventCount - e0;
  return {
    fanOut,
    events,
    evaluations: sim.evaluationCount - v0,
    seconds,
    eventsPerSecond: events / seconds,
  };
}
