/**
 * Sources: parts with no inputs whose output an operator or a stimulus sets.
 *
 * - `switch`: ADALINE's input toggles. Widrow & Hoff 1960 (WH60) set each of the 4×4 input switches
 *   to +1 or −1, so `bipolar` levels are the historical default; `unipolar` 0/1 is the retina
 *   convention of Rosenblatt's α-perceptron (WL90 Fig. 13).
 * - `photocell`: one of Mark I's 400 cadmium-sulphide cells (Bishop 2006 p.196). Its response time
 *   and sensitivity are not recorded (REFERENCES.md §0.2), so they are assumptions.
 * - `constant`: a fixed level, e.g. ADALINE's bias input +1 (WH60: the gain a₀ on a constant +1).
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { checkSetting, delayParam, defineComponent, paramSpecs } from './params.js';
import type { ComponentSpec, ParamsOf } from './spec.js';

/** CdS cells settle in tens of milliseconds at room light (typical datasheets); Mark I's are unrecorded. */
export const DEFAULT_PHOTOCELL_RESPONSE_S = 0.05;

const OUT = ['out'];

// ---------------------------------------------------------------------------------------------------
// switch

export type SwitchLevels = 'bipolar' | 'unipolar';

/** Output level of a switch in a position (`on` = +1; `off` = −1 bipolar or 0 unipolar). */
export function switchLevel(levels: SwitchLevels, on: boolean): number {
  return on ? 1 : levels === 'bipolar' ? -1 : 0;
}

export class SwitchSource extends Component {
  readonly type = 'switch';
  private readonly levels: SwitchLevels;
  private on: boolean;
  private readonly delaySeconds: number;

  constructor(id: string, params: SwitchParams) {
    super(id, [], OUT);
    this.levels = params.levels as SwitchLevels;
    this.on = params.position === 'on';
    this.delaySeconds = params.delay;
  }

  evaluate(sim: Simulator): void {
    this.drive(sim, 0, switchLevel(this.levels, this.on), sim.ticks(this.delaySeconds));
  }

  params(): Record<string, ParamValue> {
    return { levels: this.levels, position: this.on ? 'on' : 'off', delay: this.delaySeconds };
  }

  override settableParams(): string[] {
    return ['position'];
  }

  /** `position` accepts `'on'`/`'off'` or `true`/`false`. */
  override setParam(name: string, value: ParamValue): void {
    if (name !== 'position') return super.setParam(name, value);
    if (typeof value === 'boolean') {
      this.on = value;
      return;
    }
    checkSetting(switchSpec, this.id, name, value);
    this.on = value === 'on';
  }
}

/** The parameters of a switch, as a circuit file states them. */
export const SWITCH_PARAMS = paramSpecs({
  levels: {
    kind: 'string',
    unit: '1',
    default: 'bipolar',
    oneOf: ['bipolar', 'unipolar'],
    doc: 'Output levels: `bipolar` ±1 (ADALINE, WH60) or `unipolar` 1/0 (retina inputs, WL90 Fig. 13).',
  },
  position: {
    kind: 'string',
    unit: '1',
    default: 'off',
    oneOf: ['on', 'off'],
    doc: 'Position at start; settable.',
    assumption: true,
  },
  delay: delayParam('Time from a change of position to the change of output (contact travel).'),
});

/** Validated, defaulted parameters (what the part is built from). */
export type SwitchParams = ParamsOf<typeof SWITCH_PARAMS>;

export const switchSpec = defineComponent({
  type: 'switch',
  doc:
    'A toggle switch: an input an operator sets by hand, like the 4×4 input switches and the ' +
    'reference switch of ADALINE (Widrow & Hoff 1960). Output `out` is +1 when `on`; when `off` it is ' +
    '−1 (`bipolar`) or 0 (`unipolar`). The position is settable at run time (`on`/`off`, or true/false).',
  params: SWITCH_PARAMS,
  pins: () => ({ inputs: [], outputs: [...OUT] }),
  build: (id, params) => new SwitchSource(id, params),
});

// ---------------------------------------------------------------------------------------------------
// photocell

export class Photocell extends Component {
  readonly type = 'photocell';
  private illumination: number;
  private readonly sensitivity: number;
  private readonly darkLevel: number;
  private readonly responseTime: number;

  constructor(id: string, params: PhotocellParams) {
    super(id, [], OUT);
    this.illumination = params.illumination;
    this.sensitivity = params.sensitivity;
    this.darkLevel = params.darkLevel;
    this.responseTime = params.responseTime;
  }

  /** The relative illumination now (0 dark … 1 lit). */
  get lightLevel(): number {
    return this.illumination;
  }

  /** `setParam('illumination', value)` for code that sets many cells per pattern: one range test. */
  setLightLevel(value: number): void {
    if (!(value >= 0 && value <= 1)) this.setParam('illumination', value); // throws the usual error
    this.illumination = value;
  }

  evaluate(sim: Simulator): void {
    this.drive(sim, 0, this.darkLevel + this.sensitivity * this.illumination, sim.ticks(this.responseTime));
  }

  params(): Record<string, ParamValue> {
    return {
      illumination: this.illumination,
      sensitivity: this.sensitivity,
      darkLevel: this.darkLevel,
      responseTime: this.responseTime,
    };
  }

  override settableParams(): string[] {
    return ['illumination'];
  }

  override setParam(name: string, value: ParamValue): void {
    if (name !== 'illumination') return super.setParam(name, value);
    checkSetting(photocellSpec, this.id, name, value);
    this.illumination = value as number;
  }
}

/** The parameters of a photocell, as a circuit file states them. */
export const PHOTOCELL_PARAMS = paramSpecs({
  illumination: {
    kind: 'number',
    unit: '1',
    default: 0,
    min: 0,
    max: 1,
    doc: 'Relative illumination, 0 (dark) to 1 (fully lit); settable.',
    assumption: true,
  },
  sensitivity: {
    kind: 'number',
    unit: 'V',
    default: 1,
    doc: 'Output change from dark to fully lit (signal units per unit illumination).',
    assumption: true,
  },
  darkLevel: {
    kind: 'number',
    unit: 'V',
    default: 0,
    doc: 'Output in the dark (dark current).',
    assumption: true,
  },
  responseTime: {
    kind: 'number',
    unit: 's',
    default: DEFAULT_PHOTOCELL_RESPONSE_S,
    min: 0,
    doc: 'Time from a change of illumination to the change of output; CdS cells are slow (tens of ms).',
    assumption: true,
  },
});

/** Validated, defaulted parameters (what the part is built from). */
export type PhotocellParams = ParamsOf<typeof PHOTOCELL_PARAMS>;

export const photocellSpec = defineComponent({
  type: 'photocell',
  doc:
    'A cadmium-sulphide photocell, one S-unit of the Mark I retina (400 cells, 20×20; Bishop 2006 ' +
    'p.196). Output `out` = `darkLevel` + `sensitivity` · `illumination`, where illumination is ' +
    'relative (0 = dark, 1 = the fully lit square of a pattern), so patterns need no photometry. ' +
    'The output follows a change of illumination after `responseTime`: a pure dead time, every ' +
    "change reproduced (a real cell's exponential and asymmetric rise/decay is not modelled).",
  params: PHOTOCELL_PARAMS,
  pins: () => ({ inputs: [], outputs: [...OUT] }),
  build: (id, params) => new Photocell(id, params),
});

// ---------------------------------------------------------------------------------------------------
// constant

export class ConstantSource extends Component {
  readonly type = 'constant';
  private value: number;

  constructor(id: string, params: ConstantParams) {
    super(id, [], OUT);
    this.value = params.value;
  }

  evaluate(sim: Simulator): void {
    this.drive(sim, 0, this.value, 0);
  }

  params(): Record<string, ParamValue> {
    return { value: this.value };
  }

  override settableParams(): string[] {
    return ['value'];
  }

  override setParam(name: string, value: ParamValue): void {
    if (name !== 'value') return super.setParam(name, value);
    checkSetting(constantSpec, this.id, name, value);
    this.value = value as number;
  }
}

/** The parameters of a constant, as a circuit file states them. */
export const CONSTANT_PARAMS = paramSpecs({
  value: {
    kind: 'number',
    unit: 'V',
    default: 1,
    doc: 'Output level; settable. The default +1 is ADALINE’s bias input (WH60).',
  },
});

/** Validated, defaulted parameters (what the part is built from). */
export type ConstantParams = ParamsOf<typeof CONSTANT_PARAMS>;

export const constantSpec = defineComponent({
  type: 'constant',
  doc:
    'A constant level on `out`, e.g. the +1 bias input of ADALINE (Widrow & Hoff 1960). The value ' +
    'is settable at run time and the output follows with no delay.',
  params: CONSTANT_PARAMS,
  pins: () => ({ inputs: [], outputs: [...OUT] }),
  build: (id, params) => new ConstantSource(id, params),
});

export const SOURCE_SPECS: readonly ComponentSpec[] = [switchSpec, photocellSpec, constantSpec];
