/**
 * The memistor: Widrow's electroplated weight (TR 1553-2, 1960; REFERENCES.md §2.3).
 *
 * "A resistive graphite substrate immersed in a plating bath. The resistance is reversibly controlled
 * by electroplating." Three terminals: the conductance between two follows the time integral of the
 * plating current in the third; "from 100 ohms to 1 ohm … in about 10 seconds with several
 * milliamperes of plating current"; read "nondestructively by passing alternating currents" (Widrow
 * 1961 p.23, secondary). So:
 *
 *   dG/dt = k · i · f(G),   G bounded to [gMin, gMax] (defaults 0.01–1 S, i.e. 100–1 Ω),
 *
 * with k = 19.8 S/(A·s) so that 5 mA sweeps the full 0.99 S range in 10 s, and f(G) = 1 − n·u² an
 * optional plating nonlinearity (u ∈ [−1, 1] the position in the range; n = `nonlinearity`, 0 = ideal).
 *
 * ASSUMPTION (sign): a conductance is positive, a weight is signed, and how the memistor ADALINE
 * realised negative weights is not recorded (REFERENCES.md §0.2). We read the memistor against a fixed
 * reference conductance (a bridge with a fixed resistor): w = `scale` · (G − `reference`). The defaults
 * (reference 0.505 S, scale 10 per S) give weights in [−4.95, +4.95].
 *
 * ASSUMPTION (drift): "effective for weeks" (secondary). With `driftTimeConstant` τ > 0 the conductance
 * relaxes toward the reference, G − ref ∝ exp(−t/τ); 0 = no drift (the default).
 *
 * Plating driver: `command(target)` plates at ±`platingCurrent` for |ΔG| ÷ (k·I), the time an ideal
 * memistor needs (open loop, like a pulse of fixed current and computed length). With nonlinearity or
 * drift the result misses the target: that is the non-ideality. Plating current may also come from the
 * `current` input pin (amperes), which adds to the driver's.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import type { WeightActuator } from './actuator.js';
import { delayParam, defineComponent, paramSpecs } from './params.js';
import type { ParamsOf } from './spec.js';

/** 100 Ω and 1 Ω (Widrow 1961 p.23, secondary). */
export const DEFAULT_MEMISTOR_G_MIN_S = 0.01;
export const DEFAULT_MEMISTOR_G_MAX_S = 1;
/** "Several milliamperes" (secondary): 5 mA. */
export const DEFAULT_MEMISTOR_PLATING_A = 0.005;
/** Full range (0.99 S) in 10 s at 5 mA. */
export const DEFAULT_MEMISTOR_SENSITIVITY = 0.99 / (10 * DEFAULT_MEMISTOR_PLATING_A);
export const DEFAULT_MEMISTOR_REFERENCE_S = 0.505;
/** Weight per siemens: the range ±0.495 S reads as weights ±4.95 (assumption: a summing-amplifier gain). */
export const DEFAULT_MEMISTOR_SCALE_PER_S = 10;
export const DEFAULT_MEMISTOR_STEP_S = 0.05;

export class Memistor extends Component implements WeightActuator {
  readonly type = 'memistor';
  private g: number;
  private readonly initialWeight: number;
  private readonly gMin: number;
  private readonly gMax: number;
  private readonly reference: number;
  private readonly scale: number;
  private readonly k: number;
  private readonly platingCurrent: number;
  private readonly nonlinearity: number;
  private readonly driftTau: number;
  private readonly step: number;
  private readonly delaySeconds: number;
  /** Tick up to which G has been integrated. */
  private lastTick = 0;
  /** Driver current (A) and the tick it stops. */
  private driverCurrent = 0;
  private driverStopTick = -1;
  private nextWakeTick = -1;
  /** External current (A) on the `current` pin since `lastTick`. */
  private externalCurrent = 0;

  constructor(id: string, params: MemistorParams) {
    super(id, ['in', 'current'], ['out']);
    this.gMin = params.gMin;
    this.gMax = params.gMax;
    this.reference = params.reference;
    this.scale = params.scale;
    this.k = params.sensitivity;
    this.platingCurrent = params.platingCurrent;
    this.nonlinearity = params.nonlinearity;
    this.driftTau = params.driftTimeConstant;
    this.step = params.integrationStep;
    this.delaySeconds = params.delay;
    this.initialWeight = params.value;
    this.g = this.clampG(this.conductanceFor(this.initialWeight));
    if (this.g === this.conductanceFor(this.initialWeight)) this.rememberExact(this.g, this.initialWeight);
  }

  /** The conductance that realises weight `w` (before the bounds). */
  conductanceFor(w: number): number {
    return this.reference + w / this.scale;
  }

  /**
   * The weight realised by conductance `g`. While G is exactly where an ideal write put it, this is
   * the weight that was written (w → G → w is not exact in floating point, and an ideal part must
   * hold the number the teacher wrote, so the engines agree bit for bit).
   */
  weightFor(g: number): number {
    if (g === this.exactG) return this.exactW;
    return this.scale * (g - this.reference);
  }

  private exactG = NaN;
  private exactW = NaN;

  /** Callers ensure `w` lies within the bounds (its conductance was not clamped). */
  private rememberExact(g: number, w: number): void {
    this.exactG = g;
    this.exactW = w;
  }

  private clampG(g: number): number {
    return Math.min(this.gMax, Math.max(this.gMin, g));
  }

  /** Conductance in siemens at the last update (call `weightNow` or `conductanceNow` to bring it up to date). */
  get conductance(): number {
    return this.g;
  }

  get busy(): boolean {
    return this.driverCurrent !== 0;
  }

  conductanceNow(sim: Simulator): number {
    this.advance(sim);
    return this.g;
  }

  /** Reading is non-destructive: it integrates up to now but draws no plating current. */
  weightNow(sim: Simulator): number {
    this.advance(sim);
    return this.weightFor(this.g);
  }

  travelSeconds(sim: Simulator, target: number): number {
    this.advance(sim);
    const dg = Math.abs(this.clampG(this.conductanceFor(target)) - this.g);
    return dg / (this.k * this.platingCurrent);
  }

  command(sim: Simulator, target: number): void {
    this.advance(sim);
    const unclamped = this.conductanceFor(target);
    const goal = this.clampG(unclamped);
    const dg = goal - this.g;
    this.goalWeight = goal === unclamped ? target : NaN;
    if (dg === 0) {
      if (!Number.isNaN(this.goalWeight)) this.rememberExact(goal, target);
      return;
    }
    const ticks = Math.max(1, sim.ticks(Math.abs(dg) / (this.k * this.platingCurrent)));
    this.driverCurrent = Math.sign(dg) * this.platingCurrent;
    this.driverStopTick = sim.now + ticks;
    this.goal = goal;
    this.nextWakeTick = -1;
    sim.wake(this, 0);
  }

  private goal = NaN;
  /** The commanded weight when it lies within the bounds (NaN otherwise). */
  private goalWeight = NaN;

  /** Switch the plating driver off now. */
  halt(sim: Simulator): void {
    this.advance(sim);
    if (this.driverCurrent === 0) return;
    this.driverCurrent = 0;
    sim.wake(this, 0);
  }

  /** Integrate G from `lastTick` to now at the currents that flowed meanwhile. */
  private advance(sim: Simulator): void {
    const now = sim.now;
    if (now <= this.lastTick) return;
    const current = this.driverCurrent + this.externalCurrent;
    const dt = sim.seconds(now - this.lastTick);
    if (current !== 0) {
      if (this.nonlinearity === 0) {
        this.g = this.clampG(this.g + this.k * current * dt);
      } else {
        let left = dt;
        const h = this.step > 0 ? this.step : dt;
        while (left > 0) {
          const s = Math.min(h, left);
          this.g = this.clampG(this.g + this.k * current * this.efficiency(this.g) * s);
          left -= s;
        }
      }
    }
    if (this.driftTau > 0) {
      this.g = this.clampG(this.reference + (this.g - this.reference) * Math.exp(-dt / this.driftTau));
    }
    this.lastTick = now;
  }

  /** Plating efficiency f(G) = 1 − n·u², u the position of G in its range (−1 … 1). */
  private efficiency(g: number): number {
    const u = (2 * g - this.gMin - this.gMax) / (this.gMax - this.gMin);
    return Math.max(0, 1 - this.nonlinearity * u * u);
  }

  override init(sim: Simulator): void {
    this.lastTick = sim.now;
    this.evaluate(sim);
  }

  evaluate(sim: Simulator): void {
    this.advance(sim);
    if (this.driverCurrent !== 0 && sim.now >= this.driverStopTick) {
      this.driverCurrent = 0;
      // An ideal memistor reaches the target exactly; snap away the sub-tick rounding of the pulse.
      if (this.nonlinearity === 0 && this.driftTau === 0 && this.externalCurrent === 0) {
        this.g = this.goal;
        if (!Number.isNaN(this.goalWeight)) this.rememberExact(this.g, this.goalWeight);
      }
    }
    this.externalCurrent = this.read(sim, 1);
    const plating = this.driverCurrent !== 0 || this.externalCurrent !== 0;
    if (plating && sim.now >= this.nextWakeTick) {
      const stepTicks = Math.max(1, sim.ticks(this.step > 0 ? this.step : 0.05));
      let next = sim.now + stepTicks;
      if (this.driverCurrent !== 0) next = Math.min(next, this.driverStopTick);
      this.nextWakeTick = next;
      sim.wake(this, next - sim.now);
    }
    this.drive(sim, 0, this.weightFor(this.g) * this.read(sim, 0), sim.ticks(this.delaySeconds));
  }

  params(): Record<string, ParamValue> {
    return {
      value: this.initialWeight,
      gMin: this.gMin,
      gMax: this.gMax,
      reference: this.reference,
      scale: this.scale,
      sensitivity: this.k,
      platingCurrent: this.platingCurrent,
      nonlinearity: this.nonlinearity,
      driftTimeConstant: this.driftTau,
      integrationStep: this.step,
      delay: this.delaySeconds,
    };
  }
}

/** The parameters of a memistor, as a circuit file states them. */
export const MEMISTOR_PARAMS = paramSpecs({
  value: {
    kind: 'number',
    unit: '1',
    default: 0,
    doc: 'Initial weight (sets the initial conductance reference + value/scale, within the bounds).',
    assumption: true,
  },
  gMin: {
    kind: 'number',
    unit: 'S',
    default: DEFAULT_MEMISTOR_G_MIN_S,
    exclusiveMin: 0,
    doc: 'Lowest conductance (100 Ω; Widrow 1961, secondary).',
  },
  gMax: {
    kind: 'number',
    unit: 'S',
    default: DEFAULT_MEMISTOR_G_MAX_S,
    exclusiveMin: 0,
    doc: 'Highest conductance (1 Ω; Widrow 1961, secondary).',
  },
  reference: {
    kind: 'number',
    unit: 'S',
    default: DEFAULT_MEMISTOR_REFERENCE_S,
    doc: 'Reference conductance that reads as weight 0 (sign realisation: assumption).',
    assumption: true,
  },
  scale: {
    kind: 'number',
    unit: '1/S',
    default: DEFAULT_MEMISTOR_SCALE_PER_S,
    exclusiveMin: 0,
    doc: 'Weight per siemens of G − reference.',
    assumption: true,
  },
  sensitivity: {
    kind: 'number',
    unit: 'S/(A·s)',
    default: DEFAULT_MEMISTOR_SENSITIVITY,
    exclusiveMin: 0,
    doc: 'k in dG/dt = k·i: 0.99 S in 10 s at 5 mA (from Widrow 1961, secondary).',
  },
  platingCurrent: {
    kind: 'number',
    unit: 'A',
    default: DEFAULT_MEMISTOR_PLATING_A,
    exclusiveMin: 0,
    doc: 'Current of the teacher’s plating driver ("several milliamperes", secondary).',
    assumption: true,
  },
  nonlinearity: {
    kind: 'number',
    unit: '1',
    default: 0,
    min: 0,
    max: 1,
    doc: 'n in the plating efficiency f(G) = 1 − n·u²; 0 = ideal (linear).',
    assumption: true,
  },
  driftTimeConstant: {
    kind: 'number',
    unit: 's',
    default: 0,
    min: 0,
    doc: 'Time constant of the drift of G toward the reference; 0 = no drift.',
    assumption: true,
  },
  integrationStep: {
    kind: 'number',
    unit: 's',
    default: DEFAULT_MEMISTOR_STEP_S,
    exclusiveMin: 0,
    doc: 'While plating: how often the output follows G, and the Euler step with nonlinearity.',
    assumption: true,
  },
  delay: delayParam('Time from a change of input or conductance to the change of output.'),
});

/** Validated, defaulted parameters (what the part is built from). */
export type MemistorParams = ParamsOf<typeof MEMISTOR_PARAMS>;

export const memistorSpec = defineComponent({
  type: 'memistor',
  doc:
    'A memistor (Widrow, TR 1553-2, 1960): a conductance G that integrates its plating current, ' +
    'dG/dt = `sensitivity` · i · f(G), bounded to [`gMin`, `gMax`] (100 Ω to 1 Ω; full range in ' +
    'about 10 s at a few mA: Widrow 1961, secondary), read without disturbing it. `out` = w · `in`, ' +
    'with the weight w = `scale` · (G − `reference`): reading against a fixed reference conductance ' +
    'is our assumption for the sign, which is not recorded. Plating current comes from the `current` ' +
    'pin (A) and from the teacher’s driver, which plates at ±`platingCurrent` for the time an ideal ' +
    'memistor needs to reach the commanded weight. Optional non-idealities: `nonlinearity` ' +
    '(f(G) = 1 − n·u², u the position in the range) and drift toward the reference.',
  params: MEMISTOR_PARAMS,
  pins: () => ({ inputs: ['in', 'current'], outputs: ['out'] }),
  check: (p) => (p.gMax > p.gMin ? [] : [['gMax', `must be greater than gMin (${p.gMin} S), got ${p.gMax}`]]),
  build: (id, params) => new Memistor(id, params),
});
