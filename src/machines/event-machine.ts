/**
 * The event-driven engine: one learning machine as a circuit on the simulation kernel, behind the
 * MachineEngine contract (types.ts).
 *
 * Each builder (perceptron, mark1, adaline, madaline) wires sources → weights → summers → threshold
 * parts, and one `adapter` (src/components/adapter.ts) that applies the learning rule. A presentation
 * runs the way the machine ran:
 *
 *   1. the pattern is put up (photocells lit, switches set) and the desired responses set on the
 *      teacher's inputs; the circuit runs until nothing changes (photocells settle, relays pull in);
 *   2. the teacher is strobed: it reads the pattern, the weights the parts realise and the desired
 *      responses, applies the rule and commands the weights; the circuit runs until every motor
 *      or plating driver has stopped (or the correction window closes, a non-ideality);
 *   3. the step reports the sums and responses the teacher saw, and every weight that actually
 *      changed, read back from the parts.
 *
 * Simulated time accumulates over the whole life of the machine: `hardwareSeconds()`.
 */
import { UserError } from '../errors.js';
import type { WeightActuator } from '../components/actuator.js';
import type { Adapter } from '../components/adapter.js';
import { componentSpec } from '../components/registry.js';
import type { Params } from '../components/spec.js';
import type { Component } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import type {
  EngineName,
  LearningStep,
  MachineEngine,
  MachineModel,
  StepWeightChange,
  WeightsJson,
} from './types.js';

/** Events one settle of the circuit may take before we call it a runaway (a bug, not user input). */
export const MAX_EVENTS_PER_RUN = 200_000_000;

/** A small helper to add parts by type name (through their ComponentSpec, so parameters are checked). */
export class CircuitBuilder {
  constructor(readonly sim: Simulator) {}

  add<C extends Component>(type: string, id: string, params: Params = {}): C {
    const spec = componentSpec(type);
    if (!spec) throw new Error(`no component type '${type}'`);
    return this.sim.add(spec.create(id, params)) as C;
  }

  wire(from: string, to: Component, pin: string): void {
    this.sim.connect(from, to, pin);
  }
}

/** What a builder hands to the engine. */
export interface EventMachineParts {
  readonly model: MachineModel;
  readonly sim: Simulator;
  readonly inputs: number;
  readonly outputs: number;
  /** Extra checks of a pattern's values (e.g. photocell illumination 0…1); throws a UserError. */
  readonly checkInputs?: (x: ArrayLike<number>) => void;
  /** Put pattern `x` on the machine's sources (called inside a simulator action; touches what it sets). */
  readonly setInputs: (x: ArrayLike<number>) => void;
  /** Set the desired responses on the teacher's inputs (inside an action). */
  readonly setDesired: (d: ArrayLike<number>) => void;
  /** Raise or lower the teach strobe (inside an action). */
  readonly setTeach: (on: boolean) => void;
  readonly adapter: Adapter;
  /** The adaptive weights, [layer][unit][input], bias last when `bias`. */
  readonly layers: WeightActuator[][][];
  readonly bias: boolean;
  /** Responses of the output units as the circuit shows them now. */
  readonly readResponse: () => { sums: number[]; outputs: number[] };
  /** Time to put up a pattern before the circuit responds (s). */
  readonly setupTime: number;
  /** Correction window (s): motors still moving then are stopped where they are. Infinity = wait. */
  readonly correctionWindow: number;
  readonly fixedConfig: Record<string, unknown>;
}

export class EventMachine implements MachineEngine {
  readonly engine: EngineName = 'event';
  readonly model: MachineModel;
  readonly inputs: number;
  readonly outputs: number;
  private readonly p: EventMachineParts;
  private readonly sim: Simulator;

  constructor(parts: EventMachineParts) {
    this.p = parts;
    this.sim = parts.sim;
    this.model = parts.model;
    this.inputs = parts.inputs;
    this.outputs = parts.outputs;
    this.sim.start();
    this.settle();
  }

  /** The simulator, for probes and inspection (tests, VCD). */
  get simulator(): Simulator {
    return this.sim;
  }

  /** The adjustable parts, [layer][unit][input]. */
  get actuators(): WeightActuator[][][] {
    return this.p.layers;
  }

  private settle(until?: number): void {
    const r = this.sim.run({ until, maxEvents: MAX_EVENTS_PER_RUN });
    if (r.reason === 'budget')
      throw new Error(`${this.model}: the circuit did not settle within ${MAX_EVENTS_PER_RUN} events`);
  }

  /** Run an action now (inside the kernel, so touched parts are evaluated), then settle. */
  private act(action: () => void, until?: number): void {
    this.sim.at(this.sim.now, action);
    this.settle(until);
  }

  private checkPattern(x: ArrayLike<number>, d: ArrayLike<number> | undefined): void {
    if (x.length !== this.inputs)
      throw new UserError(`${this.model}: a pattern has ${x.length} inputs, the machine has ${this.inputs}`);
    for (let i = 0; i < x.length; i++)
      if (!Number.isFinite(x[i]))
        throw new UserError(`${this.model}: input ${i} is not a finite number (${x[i]})`);
    this.p.checkInputs?.(x);
    if (d && d.length !== this.outputs)
      throw new UserError(`${this.model}: ${d.length} desired responses for ${this.outputs} output units`);
  }

  private putUp(x: ArrayLike<number>, d?: ArrayLike<number>): void {
    const setupTicks = this.sim.ticks(this.p.setupTime);
    this.act(
      () => {
        this.p.setInputs(x);
        if (d) this.p.setDesired(d);
      },
      setupTicks > 0 ? this.sim.now + setupTicks : undefined,
    );
    if (setupTicks > 0) this.settle();
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    this.checkPattern(x, d);
    this.putUp(x, d);
    const window = this.p.correctionWindow;
    const start = this.sim.now;
    if (Number.isFinite(window)) {
      this.act(() => this.p.setTeach(true), start + this.sim.ticks(window));
      // The window closed: stop whatever is still moving, where it is.
      for (const layer of this.p.layers)
        for (const unit of layer) for (const a of unit) if (a.busy && a.halt) a.halt(this.sim);
      this.settle();
    } else {
      this.act(() => this.p.setTeach(true));
    }
    this.act(() => this.p.setTeach(false));
    const report = this.p.adapter.lastReport;
    if (!report) throw new Error(`${this.model}: the teacher did not respond to the strobe`);
    // Units in the order the rule changed them (as the rule functions list them), then any other
    // unit whose weights moved without a command (drift); inputs in index order, bias last.
    const changes: StepWeightChange[] = [];
    const layers = this.p.layers;
    const seen = layers.map((layer) => new Uint8Array(layer.length));
    for (const [l, u] of report.order) {
      if (seen[l][u]) continue;
      seen[l][u] = 1;
      this.unitChanges(report.before[l][u], l, u, changes);
    }
    for (let l = 0; l < layers.length; l++)
      for (let u = 0; u < layers[l].length; u++)
        if (!seen[l][u]) this.unitChanges(report.before[l][u], l, u, changes);
    return {
      step: where.step,
      epoch: where.epoch,
      pattern: where.pattern,
      time: this.sim.seconds(this.sim.now),
      sums: report.sums,
      outputs: report.outputs,
      desired: report.desired,
      errors: report.errors,
      mistake: report.mistake,
      changes,
    };
  }

  /** Append to `changes` every weight of unit `u` of layer `l` that differs now from `was`. */
  private unitChanges(was: Float64Array, l: number, u: number, changes: StepWeightChange[]): void {
    const now = this.p.adapter.weightsNow(this.sim, l, u);
    const last = this.p.bias ? now.length - 1 : -1;
    for (let i = 0; i < now.length; i++) {
      const before = was[i];
      const after = now[i];
      if (after !== before) changes.push({ layer: l, unit: u, input: i === last ? -1 : i, before, after });
    }
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    this.checkPattern(x, undefined);
    this.putUp(x);
    return this.p.readResponse();
  }

  weights(): WeightsJson {
    const bias = this.p.bias;
    return {
      layers: this.p.layers.map((layer) => ({
        weights: layer.map((unit) =>
          (bias ? unit.slice(0, unit.length - 1) : unit).map((a) => a.weightNow(this.sim)),
        ),
        bias: layer.map((unit) => (bias ? unit[unit.length - 1].weightNow(this.sim) : 0)),
      })),
    };
  }

  hardwareSeconds(): number {
    return this.sim.seconds(this.sim.now);
  }

  fixedConfig(): Record<string, unknown> {
    return this.p.fixedConfig;
  }
}
