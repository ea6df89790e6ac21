/**
 * ADALINE (Widrow & Hoff 1960), MADALINE (Widrow & Lehr 1990) and the single threshold unit
 * (`perceptron`) as circuits. docs/machines.md has the diagrams.
 *
 *   input levels x{i}, bias +1 ──► gains g{u}_{i} (knob, memistor or motor-driven pot)
 *        ──► summer s{u} (the meter) ──► quantizer q{u} (±1)
 *   [MADALINE I]  q{g·a}…q{g·a+a−1} ──► fixed AND / OR / MAJ element e{g}
 *   [MRII]        q{j} ──► gains h{k}_{j} ──► summer o{k}s ──► quantizer o{k}
 *   x, desired d{k}, teach ──► adapter (α-LMS, μ-LMS, perceptron rule, MRI, MRII)
 *
 * The input switches are modelled as `constant` sources: a switch is a level the operator sets, and
 * a constant also takes the real values `train` may present; with ±1 data it is WH60's toggle.
 * Summers add in input order with the bias last, as `linearSum` does, and the adapter calls the rule
 * functions on the weights read back from the parts: with ideal parts the machine computes exactly
 * what the rules compute.
 */
import type { Adapter } from '../components/adapter.js';
import type { WeightActuator } from '../components/actuator.js';
import type { ConstantSource, SwitchSource } from '../components/sources.js';
import type { Component } from '../sim/component.js';
import { Simulator } from '../sim/simulator.js';
import { UserError } from '../errors.js';
import { CircuitBuilder, EventMachine } from './event-machine.js';
import { readMachineFile, type AdalineFile, type MadalineFile, type Mark1File } from './machine-file.js';
import type { ResolvedMachineOptions } from './options.js';
import {
  addWeight,
  checkNonIdealities,
  mergeTiming,
  stuckActuator,
  stuckSet,
  type EventMachineOptions,
  type PotSettings,
  type WeightTechnology,
} from './parts.js';

interface LayerSpec {
  /** Id prefix of the layer's parts. */
  readonly prefix: string;
  /** Nets the layer's units read, in input order. */
  readonly sources: string[];
  readonly units: number;
  readonly init: { weights: number[][]; bias: number[] };
  /** Threshold part after each summer. */
  readonly threshold: { type: 'relay' | 'quantizer'; tie: 'high' | 'low' };
  readonly summerDelay: number;
}

/**
 * Build the adaptive machines other than Mark I: `perceptron`, `adaline`, `madaline` (MRI or MRII).
 */
export function buildAdalineFamily(r: ResolvedMachineOptions, options: EventMachineOptions): EventMachine {
  const adalineFile = readMachineFile<AdalineFile>('adaline');
  const madalineFile = readMachineFile<MadalineFile>('madaline');
  const mark1File = readMachineFile<Mark1File>('mark1');
  const model = r.model;
  const n = options.nonIdeal ?? {};
  const on = checkNonIdealities(n, model);
  const rule = r.rule;

  // Technology and timing per model.
  let tech: WeightTechnology;
  let timing: Record<string, number>;
  let pot: PotSettings;
  let mode: 'parallel' | 'sequential' = 'parallel';
  let adjustTime: number;
  if (model === 'perceptron') {
    tech = options.technology ?? 'motor-pot';
    timing = mergeTiming(
      {
        setupTime: 0,
        summerDelay: 0,
        teacherDecisionTime: mark1File.timing.teacherDecisionTime,
        motorSlew: mark1File.timing.motorSlew,
      },
      options.timing,
      model,
    );
    adjustTime = timing.teacherDecisionTime;
  } else if (model === 'adaline') {
    tech = options.technology ?? 'knob';
    timing = mergeTiming({ ...adalineFile.timing, ...adalineFile.knob }, options.timing, model);
    adjustTime = timing.meterReadTime;
  } else {
    tech = options.technology ?? madalineFile.technology;
    timing = mergeTiming({ ...madalineFile.timing, ...adalineFile.knob }, options.timing, model);
    adjustTime = timing.decisionTime;
  }
  if (tech === 'knob') {
    // The operator turns the knobs one after another: WH60's "purely mechanical" procedure.
    mode = 'sequential';
    pot = { slew: timing.handSlew, updateInterval: 0, min: timing.min, max: timing.max };
    adjustTime = model === 'adaline' ? timing.operatorSecondsPerKnob : timing.operatorSecondsPerKnob;
  } else {
    pot = {
      slew: timing.motorSlew ?? mark1File.timing.motorSlew,
      updateInterval: mark1File.timing.motorUpdateInterval,
      min: mark1File.weights.min,
      max: mark1File.weights.max,
    };
  }
  if (tech === 'memistor' && (n.weightResolution || n.motorDeadBand || n.endStop))
    throw new UserError(
      'nonIdeal: weightResolution, motorDeadBand and endStop apply to potentiometers; a memistor is continuous and bounded by its conductance range',
    );

  const sim = new Simulator({ tickSeconds: adalineFile.tick });
  const b = new CircuitBuilder(sim);
  const X = r.inputs;
  const inputs: ConstantSource[] = [];
  for (let i = 0; i < X; i++) inputs.push(b.add<ConstantSource>('constant', `x${i}`, { value: 0 }));
  b.add('constant', 'bias', { value: 1 });
  const teach = b.add<SwitchSource>('switch', 'teach', { levels: 'unipolar', position: 'off' });

  const qtie =
    rule.kind === 'perceptron'
      ? rule.tie === 'positive'
        ? 'high'
        : 'low'
      : rule.tie === 'positive'
        ? 'high'
        : 'low';
  const thresholdType = model === 'perceptron' ? 'relay' : 'quantizer';
  const shapes =
    rule.kind === 'mrii'
      ? [
          { units: r.initial.layers[0].weights.length, inputs: X },
          { units: r.outputs, inputs: r.initial.layers[0].weights.length },
        ]
      : [{ units: r.initial.layers[0].weights.length, inputs: X }];
  const stuck = stuckSet(n, shapes);
  const mem = adalineFile.memistor;

  const buildLayer = (l: number, spec: LayerSpec): WeightActuator[][] => {
    const layer: WeightActuator[][] = [];
    for (let u = 0; u < spec.units; u++) {
      const summer = b.add(`summer`, `${spec.prefix}${u}s`, {
        inputs: spec.sources.length + 1,
        delay: spec.summerDelay,
      });
      const unit: WeightActuator[] = [];
      for (let i = 0; i <= spec.sources.length; i++) {
        const isBias = i === spec.sources.length;
        const isStuck = stuck.has(`${l}:${u}:${isBias ? -1 : i}`);
        const w0 = isBias ? spec.init.bias[u] : spec.init.weights[u][i];
        const w = addWeight(b, tech, `${spec.prefix}${u}_${isBias ? 'b' : i}`, w0, n, isStuck, pot, mem);
        b.wire(isBias ? 'bias.out' : spec.sources[i], w, 'in');
        b.wire(`${w.id}.out`, summer, `in${i}`);
        unit.push(isStuck ? stuckActuator(w) : w);
      }
      const q = b.add<Component>(spec.threshold.type, `${spec.prefix}${u}`, {
        threshold: 0,
        tie: spec.threshold.tie,
        high: 1,
        low: -1,
        ...(spec.threshold.type === 'relay' ? { pullInDelay: 0, dropOutDelay: 0 } : {}),
      });
      b.wire(`${spec.prefix}${u}s.out`, q, 'in');
      layer.push(unit);
    }
    return layer;
  };

  const xNets = inputs.map((c) => `${c.id}.out`);
  const first = buildLayer(0, {
    prefix: rule.kind === 'mri' || rule.kind === 'mrii' ? 'a' : 'u',
    sources: xNets,
    units: shapes[0].units,
    init: r.initial.layers[0],
    threshold: { type: thresholdType, tie: qtie },
    summerDelay: timing.summerDelay ?? 0,
  });
  const layers = [first];
  let sumNets: number[];
  let outNets: number[];
  if (rule.kind === 'mri') {
    const a = r.madaline?.adalines as number;
    for (let g = 0; g < r.outputs; g++) {
      const e = b.add(rule.element, `e${g}`, { inputs: a, delay: timing.elementDelay ?? 0 });
      for (let j = 0; j < a; j++) b.wire(`a${g * a + j}.out`, e, `in${j}`);
    }
    sumNets = Array.from({ length: shapes[0].units }, (_, j) => sim.netIndex(`a${j}s.out`) as number);
    outNets = Array.from({ length: r.outputs }, (_, g) => sim.netIndex(`e${g}.out`) as number);
  } else if (rule.kind === 'mrii') {
    const hidden = shapes[0].units;
    layers.push(
      buildLayer(1, {
        prefix: 'o',
        sources: Array.from({ length: hidden }, (_, j) => `a${j}.out`),
        units: r.outputs,
        init: r.initial.layers[1],
        threshold: { type: 'quantizer', tie: qtie },
        summerDelay: timing.summerDelay ?? 0,
      }),
    );
    sumNets = Array.from({ length: r.outputs }, (_, k) => sim.netIndex(`o${k}s.out`) as number);
    outNets = Array.from({ length: r.outputs }, (_, k) => sim.netIndex(`o${k}.out`) as number);
  } else {
    sumNets = Array.from({ length: r.outputs }, (_, k) => sim.netIndex(`u${k}s.out`) as number);
    outNets = Array.from({ length: r.outputs }, (_, k) => sim.netIndex(`u${k}.out`) as number);
  }

  const adapter = b.add<Adapter>('adapter', 'teacher', {
    rule: rule.name,
    size: X,
    units: shapes[0].units,
    outputs: r.outputs,
    bias: true,
    lr: r.lr,
    tie: rule.kind === 'perceptron' ? rule.tie : rule.tie,
    ...(rule.kind === 'mri'
      ? { element: rule.element, correction: rule.correction, margin: rule.margin }
      : {}),
    ...(rule.kind === 'mrii' ? { trialSize: rule.maxTrialSize } : {}),
    mode,
    adjustTime,
  });
  xNets.forEach((net, i) => b.wire(net, adapter, `in${i}`));
  b.wire('teach.out', adapter, 'teach');
  const desired: ConstantSource[] = [];
  for (let k = 0; k < r.outputs; k++) {
    desired.push(b.add<ConstantSource>('constant', `d${k}`, { value: 1 }));
    b.wire(`d${k}.out`, adapter, `d${k}`);
  }
  adapter.attach(layers);
  const perceptronTie = rule.kind === 'perceptron' ? rule.tie : undefined;

  return new EventMachine({
    model,
    sim,
    inputs: X,
    outputs: r.outputs,
    setInputs: (x) => {
      for (let i = 0; i < X; i++) {
        inputs[i].setParam('value', x[i]);
        sim.touch(inputs[i]);
      }
    },
    setDesired: (d) => {
      for (let k = 0; k < r.outputs; k++) {
        desired[k].setParam('value', d[k]);
        sim.touch(desired[k]);
      }
    },
    setTeach: (v) => {
      teach.setParam('position', v);
      sim.touch(teach);
    },
    adapter,
    layers,
    bias: true,
    readResponse: () => {
      const sums = sumNets.map((net) => sim.netValue(net));
      const outputs = outNets.map((net, k) =>
        perceptronTie === 'error' && sums[k] === 0 ? 0 : sim.netValue(net),
      );
      return { sums, outputs };
    },
    setupTime: timing.setupTime ?? 0,
    correctionWindow: n.correctionWindow ?? Infinity,
    fixedConfig: {
      engine: 'event',
      machineFile:
        model === 'madaline'
          ? 'circuits/madaline.json'
          : model === 'adaline'
            ? 'circuits/adaline.json'
            : undefined,
      technology: tech,
      ...(tech === 'memistor' ? { memistor: mem } : {}),
      timing,
      ...(r.madaline ? { madaline: { ...r.madaline } } : {}),
      nonIdealities: on.length > 0 ? { on, ...n } : {},
    },
  });
}
