/**
 * The discrete-event kernel.
 *
 * Time is an integer count of ticks (the tick length in seconds is a property of the circuit), so
 * no floating-point drift can reorder events. Within one instant the kernel works in delta cycles:
 * it applies every event due now (in (priority, insertion) order), then evaluates each component
 * whose inputs changed, once, in the order they were first touched. Outputs scheduled with zero delay
 * fall into the next delta cycle of the same instant. A component evaluated more than
 * `maxEvaluationsPerInstant` times in one instant is part of a zero-delay loop that never settles:
 * the run stops with an OscillationError naming the components involved.
 *
 * The kernel knows nothing of perceptrons; see SimPy's core for the shape of the idea.
 */
import { OscillationError, UserError } from '../errors.js';
import type { Component } from './component.js';
import { EventKind, EventQueue } from './event-queue.js';

/** Default tick length: 1 µs. */
export const DEFAULT_TICK_SECONDS = 1e-6;
/** Evaluations of one component in one instant beyond which the instant is declared oscillating. */
export const DEFAULT_MAX_EVALUATIONS_PER_INSTANT = 1000;

/** Priority of net changes driven by components; stimulus actions use a lower number (go first). */
export const PRIORITY_NET = 0;
export const PRIORITY_STIMULUS = -1;

export interface Net {
  readonly index: number;
  /** `componentId.pin` of the driving output pin. */
  readonly name: string;
  /** Components with an input pin on this net. */
  readonly sinks: number[];
}

/** Called for every change of a probed net, after the value is applied. */
export type ProbeListener = (time: number, value: number) => void;

export interface SimulatorOptions {
  tickSeconds?: number;
  maxEvaluationsPerInstant?: number;
  /**
   * Skip the evaluations that quiet components declared useless (`setQuiet`; default true). False
   * evaluates them anyway: the results are the same, only slower (tests compare the two).
   */
  skipQuiet?: boolean;
}

export interface RunOptions {
  /**
   * Stop after processing every event at or before this time (ticks); `now` becomes this time, also
   * when the queue empties earlier (the stop reason is then 'quiescent').
   */
  until?: number;
  /** Stop before a delta cycle once this many events have been processed in this run. */
  maxEvents?: number;
}

export type StopReason = 'quiescent' | 'time' | 'budget';

export interface RunResult {
  reason: StopReason;
  /** Simulated time at the stop, in ticks. */
  time: number;
  /** Events processed in this run. */
  events: number;
  /** Component evaluations in this run. */
  evaluations: number;
}

export class Simulator {
  readonly tickSeconds: number;
  readonly maxEvaluationsPerInstant: number;
  /** See `SimulatorOptions.skipQuiet`; may be changed at any time. */
  skipQuiet: boolean;
  private readonly components: Component[] = [];
  private readonly componentById = new Map<string, Component>();
  private readonly nets: Net[] = [];
  private readonly netByName = new Map<string, number>();
  private values = new Float64Array(64);
  /** Per net, the value its driver last scheduled (NaN before the first drive); see `driveNet`. */
  private projected = new Float64Array(64).fill(NaN);
  private readonly queue = new EventQueue();
  /** Pending actions by number; a number is reused once its action has run. */
  private readonly actions: Array<(() => void) | undefined> = [];
  private readonly freeActions: number[] = [];
  private readonly probes = new Map<number, ProbeListener[]>();
  /** Probed nets (the common case, none, costs one comparison per net change). */
  private probeCount = 0;
  /**
   * The nets' sinks in one flat array (compressed rows): net n's sinks are
   * sinkList[sinkStart[n] … sinkStart[n + 1] − 1]. Rebuilt before a delta cycle when `connect` ran.
   */
  private sinkStart = new Int32Array(1);
  private sinkList = new Int32Array(0);
  private sinksStale = true;
  private now_ = 0;
  private started = false;
  // Coalescing: a component is dirty once per delta cycle; `evalKey` counts per instant.
  private dirtyStamp = new Float64Array(64);
  /** Components that declared a finite input change cannot change their outputs (`setQuiet`). */
  private quiet = new Uint8Array(64);
  private deltaCycle = 0;
  /** Components to evaluate in this delta cycle: dirtyList[0 … dirtyCount − 1], in marking order. */
  private dirtyList = new Int32Array(64);
  private dirtyCount = 0;
  /** The list being evaluated; swapped with `dirtyList` so that no delta cycle allocates. */
  private spareList = new Int32Array(64);
  /**
   * Evaluation counts are per settle: one instant of one `run` call. A machine presented with many
   * patterns at the same simulated time (zero-delay parts) settles once per `run`, not once in all.
   * One number per component: `settleBase` (settle × stride) plus its evaluations in that settle,
   * so a value below the current base means none yet.
   */
  private evalKey = new Float64Array(64);
  private settle = 0;
  private settleBase = 0;
  private totalEvents = 0;
  private totalEvaluations = 0;

  constructor(options: SimulatorOptions = {}) {
    const tick = options.tickSeconds ?? DEFAULT_TICK_SECONDS;
    if (!(tick > 0) || !Number.isFinite(tick))
      throw new UserError(`tick must be a positive number of seconds, got ${tick}`);
    this.tickSeconds = tick;
    this.maxEvaluationsPerInstant = options.maxEvaluationsPerInstant ?? DEFAULT_MAX_EVALUATIONS_PER_INSTANT;
    this.skipQuiet = options.skipQuiet ?? true;
  }

  /** Current simulated time in ticks. */
  get now(): number {
    return this.now_;
  }

  /** Events processed since construction. */
  get eventCount(): number {
    return this.totalEvents;
  }

  get evaluationCount(): number {
    return this.totalEvaluations;
  }

  /** Convert seconds to whole ticks (rounded to the nearest tick). */
  ticks(seconds: number): number {
    return Math.round(seconds / this.tickSeconds);
  }

  /** Convert ticks to seconds. */
  seconds(ticks: number): number {
    return ticks * this.tickSeconds;
  }

  /** Add a component; each of its output pins gets a net named `id.pin`. */
  add<C extends Component>(component: C): C {
    if (this.started) throw new Error('components must be added before the simulation starts');
    if (this.componentById.has(component.id)) throw new UserError(`duplicate component id '${component.id}'`);
    component.index = this.components.length;
    this.components.push(component);
    this.componentById.set(component.id, component);
    component.firstOutputNet = this.nets.length;
    component.outputPins.forEach((pin, i) => {
      const index = this.nets.length;
      const name = `${component.id}.${pin}`;
      this.nets.push({ index, name, sinks: [] });
      this.netByName.set(name, index);
      component.outputNets[i] = index;
    });
    return component;
  }

  /** Connect input pin `pin` of `sink` to the net `netName` (`componentId.outputPin`). */
  connect(netName: string, sink: Component, pin: string): void {
    const net = this.netByName.get(netName);
    if (net === undefined) throw new UserError(`no net named '${netName}'`);
    const p = sink.inputPinIndex(pin);
    if (p < 0) throw new UserError(`component '${sink.id}' has no input pin '${pin}'`);
    if (sink.inputNets[p] >= 0) throw new UserError(`input '${sink.id}.${pin}' is already connected`);
    sink.inputNets[p] = net;
    if (p === 0) sink.firstInputNet = net;
    const sinks = this.nets[net].sinks;
    if (!sinks.includes(sink.index)) sinks.push(sink.index);
    this.sinksStale = true;
  }

  component(id: string): Component | undefined {
    return this.componentById.get(id);
  }

  allComponents(): readonly Component[] {
    return this.components;
  }

  allNets(): readonly Net[] {
    return this.nets;
  }

  netIndex(name: string): number | undefined {
    return this.netByName.get(name);
  }

  netValue(net: number): number {
    return this.values[net];
  }

  /** Record every change of `net` (after start-up values are applied, changes at time 0 included). */
  probe(net: number, listener: ProbeListener): void {
    const list = this.probes.get(net);
    if (list) list.push(listener);
    else this.probes.set(net, [listener]);
    this.probeCount++;
  }

  /** Whether anything probes a net (parts may then show intermediate states they otherwise skip). */
  get probed(): boolean {
    return this.probeCount !== 0;
  }

  /** Schedule net `net` to take `value` after `delay` ticks (used by components' `drive`). */
  scheduleNet(net: number, value: number, delay: number, priority = PRIORITY_NET): void {
    this.queue.push(this.now_ + delay, priority, EventKind.NetChange, net, value);
  }

  /**
   * A component's output: schedule net `net` to take `value` after `delay` ticks, unless that is the
   * value last scheduled for it by this call (then nothing: an unchanged output wakes nobody).
   */
  driveNet(net: number, value: number, delay: number): void {
    const p = this.projected[net];
    if (value === p || Object.is(value, p)) return;
    this.projected[net] = value;
    this.queue.push(this.now_ + delay, PRIORITY_NET, EventKind.NetChange, net, value);
  }

  /** The value last scheduled for `net` by `driveNet` (NaN before the first). */
  projectedValue(net: number): number {
    return this.projected[net];
  }

  /** Re-evaluate `component` after `delay` ticks even if no input changes (motors, timers). */
  wake(component: Component, delay: number): void {
    this.queue.push(this.now_ + delay, PRIORITY_NET, EventKind.Wake, component.index, 0);
  }

  /** Run `action` at absolute time `time` (ticks); stimulus changes use this. */
  at(time: number, action: () => void, priority = PRIORITY_STIMULUS): void {
    if (!Number.isInteger(time) || time < this.now_) {
      throw new UserError(
        `cannot schedule an action at time ${time}: times are whole ticks, not before now (${this.now_})`,
      );
    }
    let index = this.freeActions.pop();
    if (index === undefined) {
      index = this.actions.length;
      this.actions.push(action);
    } else {
      this.actions[index] = action;
    }
    this.queue.push(time, priority, EventKind.Action, index, 0);
  }

  /**
   * Declare whether a finite change of `component`'s inputs could change its outputs now. A quiet
   * component (e.g. a motor pot at rest set to 0: 0 · x is 0 for every finite x) is not evaluated
   * when an input takes a finite value, since the evaluation would schedule nothing; a non-finite
   * input value, a wake-up or a touch still evaluates it. The component must clear the declaration
   * as soon as it stops being true (its own evaluations are the only place its state changes).
   */
  setQuiet(component: Component, quiet: boolean): void {
    this.quiet[component.index] = quiet ? 1 : 0;
  }

  /** Mark a component for evaluation in the current delta cycle (after a parameter change). */
  touch(component: Component): void {
    this.markDirty(component.index);
  }

  /** Evaluate every component once at time 0. Called by the first `run` if not called before. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.ensureCapacity();
    for (const c of this.components) {
      c.init(this);
      this.totalEvaluations++;
    }
  }

  run(options: RunOptions = {}): RunResult {
    this.start();
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (until < this.now_) throw new UserError(`cannot run until ${until}: time is already ${this.now_}`);
    const events0 = this.totalEvents;
    const evals0 = this.totalEvaluations;
    const result = (reason: StopReason): RunResult => ({
      reason,
      time: this.now_,
      events: this.totalEvents - events0,
      evaluations: this.totalEvaluations - evals0,
    });

    const queue = this.queue;
    this.nextSettle();
    if (this.sinksStale) this.buildSinks();
    // Components touched between runs (a parameter changed by hand) are evaluated now, first.
    if (this.dirtyCount > 0) {
      this.deltaCycle++;
      this.evaluateDirty();
    }
    for (;;) {
      const t = queue.peekTime();
      if (t === Infinity) {
        // Nothing more will happen; with a stop time, the clock still runs on to it.
        if (until !== Infinity) this.now_ = until;
        return result('quiescent');
      }
      if (t > until) {
        this.now_ = until;
        return result('time');
      }
      if (this.totalEvents - events0 >= maxEvents) return result('budget');
      if (t !== this.now_) this.nextSettle();
      this.now_ = t;
      // One delta cycle: apply every event due now, then evaluate what they touched.
      this.deltaCycle++;
      if (this.sinksStale) this.buildSinks();
      this.applyDue(t);
      this.evaluateDirty();
    }
  }

  /** Apply every event due at `t` (the first half of a delta cycle; its own function so that it is
   * optimised early, not only once `run` has been on the stack long enough). */
  private applyDue(t: number): void {
    const queue = this.queue;
    let events = 0;
    for (;;) {
      const slot = queue.popAt(t);
      if (slot < 0) break;
      events++;
      const kind = queue.kindOf(slot);
      const target = queue.targetOf(slot);
      if (kind === EventKind.NetChange) {
        this.applyNet(target, queue.valueOf(slot));
      } else if (kind === EventKind.Wake) {
        this.markDirty(target);
      } else {
        const action = this.actions[target]!;
        this.actions[target] = undefined;
        this.freeActions.push(target);
        this.totalEvents += events;
        events = 0;
        action();
      }
    }
    this.totalEvents += events;
  }

  private applyNet(net: number, value: number): void {
    const values = this.values;
    if (values[net] === value) return;
    values[net] = value;
    const sinks = this.sinkList;
    const end = this.sinkStart[net + 1];
    if (value - value === 0 && this.skipQuiet) {
      // A finite value: quiet sinks would not react (see setQuiet).
      const quiet = this.quiet;
      for (let i = this.sinkStart[net]; i < end; i++) if (quiet[sinks[i]] === 0) this.markDirty(sinks[i]);
    } else {
      for (let i = this.sinkStart[net]; i < end; i++) this.markDirty(sinks[i]);
    }
    if (this.probeCount !== 0) this.notifyProbes(net, value);
  }

  /** Call the listeners of `net` (kept out of `applyNet`, so that V8 inlines that small and hot path). */
  private notifyProbes(net: number, value: number): void {
    const listeners = this.probes.get(net);
    if (listeners) for (const l of listeners) l(this.now_, value);
  }

  private buildSinks(): void {
    this.sinksStale = false;
    const nets = this.nets;
    const start = new Int32Array(nets.length + 1);
    for (let n = 0; n < nets.length; n++) start[n + 1] = start[n] + nets[n].sinks.length;
    const list = new Int32Array(start[nets.length]);
    for (let n = 0; n < nets.length; n++) list.set(nets[n].sinks, start[n]);
    this.sinkStart = start;
    this.sinkList = list;
  }

  private markDirty(component: number): void {
    if (this.dirtyStamp[component] === this.deltaCycle) return;
    this.dirtyStamp[component] = this.deltaCycle;
    if (this.dirtyCount === this.dirtyList.length) this.growDirtyList();
    this.dirtyList[this.dirtyCount++] = component;
  }

  /**
   * A component is listed at most once per delta cycle, so the list outgrows the components only
   * when they are touched before the simulation starts. (Its own function: `markDirty` stays small
   * enough for V8 to inline it into `applyNet`.)
   */
  private growDirtyList(): void {
    const grown = new Int32Array(2 * this.dirtyList.length);
    grown.set(this.dirtyList);
    this.dirtyList = grown;
  }

  private nextSettle(): void {
    this.settle++;
    this.settleBase = this.settle * (this.maxEvaluationsPerInstant + 2);
  }

  private evaluateDirty(): void {
    const n = this.dirtyCount;
    if (n === 0) return;
    const list = this.dirtyList;
    if (this.spareList.length < list.length) this.spareList = new Int32Array(list.length);
    this.dirtyList = this.spareList;
    this.dirtyCount = 0;
    this.spareList = list;
    const base = this.settleBase;
    const limit = base + this.maxEvaluationsPerInstant;
    const keys = this.evalKey;
    const components = this.components;
    for (let i = 0; i < n; i++) {
      const c = list[i];
      const k = keys[c];
      const key = (k < base ? base : k) + 1;
      keys[c] = key;
      if (key > limit) this.oscillation();
      components[c].evaluate(this);
    }
    this.totalEvaluations += n;
  }

  private oscillation(): never {
    // Every component that kept being re-evaluated in this instant is part of the loop (or driven by it).
    const ids = this.components
      .filter((c) => this.evalKey[c.index] - this.settleBase >= this.maxEvaluationsPerInstant / 2)
      .map((c) => c.id);
    throw new OscillationError(
      `zero-delay loop does not settle at t=${this.now_} ticks (${this.seconds(this.now_)} s): ` +
        `${ids.map((id) => `'${id}'`).join(', ')} kept changing, each evaluated about ` +
        `${this.maxEvaluationsPerInstant} times in one instant; give a component in the loop a non-zero delay`,
      ids,
      this.now_,
    );
  }

  private ensureCapacity(): void {
    // Every net starts at 0; components' start-up evaluations schedule their first outputs.
    this.values = new Float64Array(Math.max(1, this.nets.length));
    this.projected = new Float64Array(Math.max(1, this.nets.length)).fill(NaN);
    const n = Math.max(1, this.components.length);
    this.dirtyStamp = new Float64Array(n);
    this.quiet = new Uint8Array(n);
    this.evalKey = new Float64Array(n);
  }
}
