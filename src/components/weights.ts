/**
 * Weights: parts that multiply a signal by an adjustable value.
 *
 * - `potentiometer`: Mark I's A→R weights were potentiometers turned by electric motors (Bishop 2006
 *   p.196, secondary; REFERENCES.md D2). Their range, resolution and end-stops are not recorded
 *   (REFERENCES.md §0.2), so every default here is an assumption; the ideal part (continuous, ±1) is
 *   the default so that the event-driven machine and the dense engine agree.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { checkSetting, delayParam, rangeProblems, defineComponent, paramSpecs } from './params.js';
import type { ComponentSpec, ParamsOf } from './spec.js';

export const DEFAULT_POT_MIN = -1;
export const DEFAULT_POT_MAX = 1;

/**
 * The setting a potentiometer takes when asked for `value`: clamped to the end-stops [min, max], then,
 * if `resolution` > 0, moved to the nearest step min + k·resolution (k = 0, 1, …, as long as the step
 * is ≤ max; a tie between two steps goes to the upper one). Shared with anything that must reproduce
 * the pot exactly.
 */
export function potSetting(value: number, min: number, max: number, resolution: number): number {
  const v = Math.min(max, Math.max(min, value));
  if (!(resolution > 0)) return v;
  // The small slack keeps a max that lies on the grid (e.g. 0.3 with step 0.1) reachable despite rounding.
  const steps = Math.floor((max - min) / resolution + 1e-9);
  const k = Math.min(steps, Math.max(0, Math.round((v - min) / resolution)));
  return min + k * resolution;
}

export class Potentiometer extends Component {
  readonly type = 'potentiometer';
  private w: number;
  private readonly min: number;
  private readonly max: number;
  private readonly resolution: number;
  private readonly delaySeconds: number;

  constructor(id: string, params: PotentiometerParams) {
    super(id, ['in'], ['out']);
    this.min = params.min;
    this.max = params.max;
    this.resolution = params.resolution;
    this.delaySeconds = params.delay;
    this.w = potSetting(params.value, this.min, this.max, this.resolution);
  }

  /** The current weight (after end-stops and resolution). */
  get value(): number {
    return this.w;
  }

  evaluate(sim: Simulator): void {
    this.drive(sim, 0, this.w * this.read(sim, 0), sim.ticks(this.delaySeconds));
  }

  params(): Record<string, ParamValue> {
    return {
      value: this.w,
      min: this.min,
      max: this.max,
      resolution: this.resolution,
      delay: this.delaySeconds,
    };
  }

  override settableParams(): string[] {
    return ['value'];
  }

  /** A value beyond the range is clamped to the end-stop, then quantised to the resolution. */
  override setParam(name: string, value: ParamValue): void {
    if (name !== 'value') return super.setParam(name, value);
    checkSetting(potentiometerSpec, this.id, name, value);
    this.w = potSetting(value as number, this.min, this.max, this.resolution);
  }
}

/** The parameters of a potentiometer, as a circuit file states them. */
export const POTENTIOMETER_PARAMS = paramSpecs({
  value: {
    kind: 'number',
    unit: '1',
    default: 0,
    doc: 'Weight w (dimensionless gain); settable. Historical rules start from zero weights (WL90).',
    assumption: true,
  },
  min: {
    kind: 'number',
    unit: '1',
    default: DEFAULT_POT_MIN,
    doc: 'Lower end-stop.',
    assumption: true,
  },
  max: {
    kind: 'number',
    unit: '1',
    default: DEFAULT_POT_MAX,
    doc: 'Upper end-stop (must be greater than `min`).',
    assumption: true,
  },
  resolution: {
    kind: 'number',
    unit: '1',
    default: 0,
    min: 0,
    doc: 'Step between settings, counted from `min`; 0 = continuous (the ideal part).',
    assumption: true,
  },
  delay: delayParam('Time from a change of input or setting to the change of output.'),
});

/** Validated, defaulted parameters (what the part is built from). */
export type PotentiometerParams = ParamsOf<typeof POTENTIOMETER_PARAMS>;

export const potentiometerSpec = defineComponent({
  type: 'potentiometer',
  doc:
    'An adjustable weight: `out` = w · `in`, after `delay`. The setting w stays within the end-stops ' +
    '[`min`, `max`]: a value set beyond them (in the circuit file or at run time) is clamped to the ' +
    'end-stop. With `resolution` > 0 the setting moves to the nearest step `min` + k·`resolution` ' +
    '(never past `max`); 0 means continuous. Mark I weights were motor-driven potentiometers ' +
    '(Bishop 2006 p.196, secondary); their range and resolution are not recorded.',
  params: POTENTIOMETER_PARAMS,
  pins: () => ({ inputs: ['in'], outputs: ['out'] }),
  check: (p) => {
    const problems = rangeProblems(p);
    if (problems.length === 0 && p.resolution > p.max - p.min) {
      problems.push(['resolution', `must not exceed the range max − min (${p.max - p.min})`]);
    }
    return problems;
  },
  build: (id, params) => new Potentiometer(id, params),
});

export const WEIGHT_SPECS: readonly ComponentSpec[] = [potentiometerSpec];
