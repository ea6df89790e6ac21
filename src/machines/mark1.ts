/**
 * The Mark I Perceptron as a circuit (REFERENCES.md §1; docs/machines.md has the diagram).
 *
 *   photocells p{s} ──plugboard──► A-units a{j} (Σexc − Σinh ≥ θ, relays)
 *        a{j} ──► motor-driven pot w{u}_{j} ──► summer r{u}s ──► relay r{u} (±1)
 *        a{j}, desired d{u}, teach ──► adapter (Rosenblatt's error correction or value gain)
 *                                         └── commands the motors of the pots
 *
 * The plugboard comes from `resolveMachineOptions` (the same wiring as the dense engine for the same
 * seed). The summer adds its inputs in A-unit order (and the bias last with `rBias`), and the
 * adapter calls the rule functions on the weights read from the pots, so with ideal parts the machine
 * computes exactly what `perceptronStep` / `valueGainStep` compute.
 */
import type { Adapter } from '../components/adapter.js';
import type { WeightActuator } from '../components/actuator.js';
import type { Photocell } from '../components/sources.js';
import type { SwitchSource, ConstantSource } from '../components/sources.js';
import type { Component } from '../sim/component.js';
import { UserError } from '../errors.js';
import { Simulator } from '../sim/simulator.js';
import { CircuitBuilder, EventMachine } from './event-machine.js';
import { readMachineFile, type AdalineFile, type Mark1File } from './machine-file.js';
import { rUnitBlock } from './mark1-params.js';
import type { Mark1Structure } from './mark1-params.js';
import type { ResolvedMachineOptions } from './options.js';
import {
  addWeight,
  checkNonIdealities,
  mergeTiming,
  stuckActuator,
  stuckSet,
  type EventMachineOptions,
} from './parts.js';
import type { Plugboard } from './plugboard.js';

/**
 * Where an A-unit has no potentiometer to an R-unit (partitioned wiring): a weight of 0 that the
 * teacher never commands (the rule never changes it: that A-unit's input counts as 0 for the unit).
 */
const NO_POT: WeightActuator = {
  id: 'no-pot',
  weightNow: () => 0,
  command: (_sim, target) => {
    if (target !== 0) throw new Error('a Mark I weight with no potentiometer was commanded');
  },
  travelSeconds: () => 0,
  busy: false,
  mirrorTo: (bank, index) => {
    bank[index] = 0;
  },
};

export function buildMark1(r: ResolvedMachineOptions, options: EventMachineOptions): EventMachine {
  const file = readMachineFile<Mark1File>('mark1');
  const timing = mergeTiming(file.timing, options.timing, 'mark1');
  const n = options.nonIdeal ?? {};
  const on = checkNonIdealities(n, 'mark1');
  const m = r.mark1 as Mark1Structure;
  const board = r.board as Plugboard;
  const S = m.retinaWidth * m.retinaHeight;
  const A = m.aUnits;
  const R = m.rUnits;
  const bias = m.rBias;
  const rule = r.rule;
  const tie = rule.kind === 'perceptron' || rule.kind === 'value-gain' ? rule.tie : 'error';
  const sim = new Simulator({ tickSeconds: file.tick });
  const b = new CircuitBuilder(sim);
  const dead = new Set(n.deadUnits ?? []);
  const stuckRelays = new Set(n.stuckRelays ?? []);
  for (const j of [...dead, ...stuckRelays])
    if (!(Number.isInteger(j) && j >= 0 && j < A))
      throw new UserError(`nonIdeal: A-unit ${j} does not exist (the machine has ${A})`);
  const stuck = stuckSet(n, [{ units: R, inputs: A }]);
  const noise = n.photocellNoise ?? 0;
  // Photocell noise draws from its own fork, so the plugboard and weights streams are untouched.
  const noiseRng = noise > 0 ? options.rng.fork('photocell-noise') : undefined;

  const cells: Photocell[] = [];
  for (let s = 0; s < S; s++)
    cells.push(b.add<Photocell>('photocell', `p${s}`, { responseTime: timing.photocellResponse }));
  const aUnits: Component[] = [];
  for (let j = 0; j < A; j++) {
    const ex = board.excitatory[j];
    const inh = board.inhibitory[j];
    const unit = b.add('association-unit', `a${j}`, {
      excitatory: ex.length,
      inhibitory: inh.length,
      theta: m.theta,
      delay: timing.aUnitDelay,
      fault: dead.has(j) ? 'dead' : stuckRelays.has(j) ? 'stuck' : 'none',
    });
    ex.forEach((s, k) => b.wire(`p${s}.out`, unit, `e${k}`));
    inh.forEach((s, k) => b.wire(`p${s}.out`, unit, `i${k}`));
    aUnits.push(unit);
  }
  if (bias) b.add('constant', 'bias', { value: 1 });
  const teach = b.add<SwitchSource>('switch', 'teach', { levels: 'unipolar', position: 'off' });
  const adapter = b.add<Adapter>('adapter', 'teacher', {
    rule: rule.name as string,
    size: A,
    units: R,
    outputs: R,
    bias,
    partitioned: m.arWiring === 'partitioned',
    lr: r.lr,
    tie,
    adjustTime: timing.teacherDecisionTime,
  });
  for (let j = 0; j < A; j++) b.wire(`a${j}.out`, adapter, `in${j}`);
  b.wire('teach.out', adapter, 'teach');
  const desired: ConstantSource[] = [];
  const layer: WeightActuator[][] = [];
  const pot = {
    slew: timing.motorSlew,
    updateInterval: timing.motorUpdateInterval,
    // Issue 19 decision 3: in training no presentation reads a pot while it turns (the teacher waits
    // for every motor), so the wiper is shown on arrival only, unless the circuit is probed or the
    // user asked for a motor update interval (then every step of the motion is simulated).
    moveOnce: !(options.timing !== undefined && Object.hasOwn(options.timing, 'motorUpdateInterval')),
    min: file.weights.min,
    max: file.weights.max,
  };
  const init = r.initial.layers[0];
  const mem = readMachineFile<AdalineFile>('adaline').memistor;
  for (const key of stuck) {
    const [, u, j] = key.split(':').map(Number);
    const [lo, hi] = rUnitBlock(m, u);
    if (j >= 0 && (j < lo || j >= hi))
      throw new UserError(
        `nonIdeal.stuckWeights: A-unit ${j} has no potentiometer to R-unit ${u} (arWiring 'partitioned' gives R-unit ${u} the A-units ${lo}…${hi - 1})`,
      );
  }
  for (let u = 0; u < R; u++) {
    const unit: WeightActuator[] = [];
    // Only the unit's own pots feed its summer (all A-units with full wiring, else its block), in
    // A-unit order; the adapter still sees a weight for every A-unit, those with no pot held at 0.
    const [lo, hi] = rUnitBlock(m, u);
    const summer = b.add('summer', `r${u}s`, { inputs: hi - lo + (bias ? 1 : 0) });
    const inputsOfUnit = bias ? A + 1 : A;
    let pin = 0;
    for (let j = 0; j < inputsOfUnit; j++) {
      const isBias = j === A;
      if (!isBias && (j < lo || j >= hi)) {
        unit.push(NO_POT);
        continue;
      }
      const isStuck = stuck.has(`0:${u}:${isBias ? -1 : j}`);
      const w = addWeight(
        b,
        'motor-pot',
        `w${u}_${isBias ? 'b' : j}`,
        isBias ? init.bias[u] : init.weights[u][j],
        n,
        isStuck,
        pot,
        mem,
      );
      b.wire(isBias ? 'bias.out' : `a${j}.out`, w, 'in');
      b.wire(`${w.id}.out`, summer, `in${pin++}`);
      unit.push(isStuck ? stuckActuator(w) : w);
    }
    // R-unit relay: ±1; a zero sum opens it unless the convention says a tie is positive.
    b.add('relay', `r${u}`, {
      threshold: 0,
      tie: tie === 'positive' ? 'high' : 'low',
      high: 1,
      low: -1,
      pullInDelay: timing.rUnitPullIn,
      dropOutDelay: timing.rUnitDropOut,
    });
    b.wire(`r${u}s.out`, sim.component(`r${u}`) as Component, 'in');
    desired.push(b.add<ConstantSource>('constant', `d${u}`, { value: 1 }));
    b.wire(`d${u}.out`, adapter, `d${u}`);
    layer.push(unit);
  }
  adapter.attach([layer]);

  const sumNets = Array.from({ length: R }, (_, u) => sim.netIndex(`r${u}s.out`) as number);
  const outNets = Array.from({ length: R }, (_, u) => sim.netIndex(`r${u}.out`) as number);
  return new EventMachine({
    model: 'mark1',
    sim,
    inputs: S,
    outputs: R,
    checkInputs: (x) => {
      for (let s = 0; s < S; s++)
        if (!(x[s] >= 0 && x[s] <= 1))
          throw new UserError(
            `mark1: input ${s} is ${x[s]}, but a photocell's illumination is relative, 0 (dark) … 1 (lit)`,
          );
    },
    setInputs: (x) => {
      for (let s = 0; s < S; s++) {
        // Noise is clamped to what a cell can see; the pattern itself was checked to be in 0…1.
        const v = noiseRng ? Math.min(1, Math.max(0, x[s] + noiseRng.normal(0, noise))) : x[s];
        // A cell whose light does not change would schedule nothing: it is not re-evaluated.
        if (v === cells[s].lightLevel) continue;
        cells[s].setLightLevel(v);
        sim.touch(cells[s]);
      }
    },
    setDesired: (d) => {
      for (let u = 0; u < R; u++) {
        desired[u].setParam('value', d[u]);
        sim.touch(desired[u]);
      }
    },
    setTeach: (on) => {
      teach.setParam('position', on);
      sim.touch(teach);
    },
    adapter,
    layers: [layer],
    bias,
    readResponse: () => {
      const sums = sumNets.map((net) => sim.netValue(net));
      const outputs = outNets.map((net, u) => (tie === 'error' && sums[u] === 0 ? 0 : sim.netValue(net)));
      return { sums, outputs };
    },
    setupTime: timing.setupTime,
    correctionWindow: n.correctionWindow ?? Infinity,
    fixedConfig: {
      engine: 'event',
      machineFile: 'circuits/mark1.json',
      structure: { ...m },
      timing,
      technology: 'motor-pot',
      plugboard: {
        excitatory: board.excitatory.map((a) => Array.from(a)),
        inhibitory: board.inhibitory.map((a) => Array.from(a)),
      },
      nonIdealities: on.length > 0 ? { on, ...n } : {},
    },
  });
}
