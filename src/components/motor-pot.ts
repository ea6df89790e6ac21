/**
 * The motor-driven potentiometer: Mark I's adjustable A→R weight.
 *
 * Mark I's weights were potentiometers turned by electric motors (Bishop 2006 p.196, secondary;
 * REFERENCES.md D2 also records "stepping motors" and relay-driven ratchets). Their range, resolution,
 * end-stops and the motors' speed are not recorded (REFERENCES.md §0.2), so every default here is an
 * assumption. The part models what matters for learning and timing:
 *
 * - a commanded target position (the teacher's correction), reached at a constant slew rate, so a
 *   move of distance D takes D ÷ slew seconds of simulated time (rounded to whole ticks);
 * - optional end-stops (the wiper cannot pass `min`/`max`), resolution (the settings a wire-wound pot
 *   can take), a motor dead-band (a command nearer than `deadBand` to the present position does not
 *   start the motor), and a stuck fault (the motor never turns);
 * - while moving, the wiper position (and so `out`) is updated every `updateInterval` seconds, or only
 *   on arrival when it is 0; with `moveOnce` (the Mark I in training, issue 19 decision 3) only on
 *   arrival unless something probes the circuit, since nothing else sees the intermediate positions
 *   (the teacher waits for every motor to stop before the next pattern is read).
 *
 * Ideal part (`endStops` false, `resolution` 0, `deadBand` 0, `stuck` false): the final setting is
 * exactly the commanded number, so the event-driven machine reproduces the rule functions bit for bit.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { checkSetting, delayParam, rangeProblems, resolveParams } from './params.js';
import type { ComponentSpec, Params } from './spec.js';
import { potSetting } from './weights.js';
import type { WeightActuator } from './actuator.js';

/** One weight unit per second: a correction of η = 1 takes 1 s (assumption; not recorded). */
export const DEFAULT_MOTOR_SLEW_PER_S = 1;
/** Wiper position updates while moving (assumption). */
export const DEFAULT_MOTOR_UPDATE_INTERVAL_S = 0.1;

/** The setting a motor-driven pot can take for `value` under its end-stops and resolution. */
export function motorPotSetting(
  value: number,
  endStops: boolean,
  min: number,
  max: number,
  resolution: number,
): number {
  if (endStops) return potSetting(value, min, max, resolution);
  if (!(resolution > 0)) return value;
  return Math.round(value / resolution) * resolution;
}

/** Written by pots whose weight nobody mirrors; never read. */
const UNMIRRORED = new Float64Array(1);

export class MotorPot extends Component implements WeightActuator {
  // The fields an evaluation reads come first (the object's first cache lines).
  /** Neither a command pending nor the motor turning: an evaluation only drives w · in. */
  private idle = true;
  private w: number;
  /** The output delay in ticks (computed at start-up; the tick length is the simulator's). */
  private delayTicks = 0;
  readonly type = 'motor-pot';
  private readonly min: number;
  private readonly max: number;
  private readonly endStops: boolean;
  private readonly resolution: number;
  private readonly slew: number;
  private readonly deadBand: number;
  private readonly stuck: boolean;
  private readonly updateInterval: number;
  /** Report the moving wiper on arrival only while the simulator has no probes. */
  private readonly moveOnce: boolean;
  private readonly delaySeconds: number;
  /** The last commanded target (as set, before end-stops), for params(). */
  private target: number;
  // Motion under way (moving = false when idle; these are read only while moving, `plan` sets them).
  // They start as NaN, not 0, so that V8 gives the fields a floating-point representation from the
  // start: a field that first holds a small integer and later a fraction changes every pot's hidden
  // class, and each pot built before that is then converted on its next use (tens of thousands of
  // slow conversions in a fresh process that trains several machines).
  private moving = false;
  private startTick = NaN;
  private startValue = NaN;
  private goal = NaN;
  private arriveTick = NaN;
  private nextWakeTick = -1;
  /** A `target` set through setParam, to be planned at the next evaluation. */
  private pendingCommand = false;
  /** Commands ignored because of the dead-band or a stuck motor (for diagnostics). */
  ignoredCommands = 0;
  /** The simulator, once started (so that a run-time `target` can end a quiet spell). */
  private sim: Simulator | undefined;
  /** Where `w` is mirrored (see `mirrorTo`); a shared scratch slot nobody reads when nobody asked. */
  private bank: Float64Array = UNMIRRORED;
  private bankIndex = 0;

  constructor(id: string, params: Params) {
    super(id, ['in'], ['out']);
    this.min = params.min as number;
    this.max = params.max as number;
    this.endStops = params.endStops as boolean;
    this.resolution = params.resolution as number;
    this.slew = params.slew as number;
    this.deadBand = params.deadBand as number;
    this.stuck = params.stuck as boolean;
    this.updateInterval = params.updateInterval as number;
    this.moveOnce = params.moveOnce as boolean;
    this.delaySeconds = params.delay as number;
    this.w = this.setting(params.value as number);
    this.target = params.target as number;
    if (Number.isNaN(this.target)) this.target = this.w;
  }

  private setting(v: number): number {
    return motorPotSetting(v, this.endStops, this.min, this.max, this.resolution);
  }

  /** The present wiper setting (the weight). */
  get value(): number {
    return this.w;
  }

  /** Whether the motor is turning. */
  get busy(): boolean {
    return this.moving;
  }

  weightNow(_sim: Simulator): number {
    return this.w;
  }

  mirrorTo(bank: Float64Array, index: number): void {
    this.bank = bank;
    this.bankIndex = index;
    bank[index] = this.w;
  }

  /** Set the wiper position (and its mirror). */
  private setW(w: number): void {
    this.w = w;
    this.bank[this.bankIndex] = w;
  }

  /**
   * Seconds the motor needs to go from the present position to `target` (0 when the command would
   * be ignored).
   */
  travelSeconds(_sim: Simulator, target: number): number {
    const goal = this.setting(target);
    const d = Math.abs(goal - this.w);
    if (this.stuck || d === 0 || d < this.deadBand) return 0;
    return d / this.slew;
  }

  /** Command the motor toward `target`; the move starts in the next delta cycle of this instant. */
  command(sim: Simulator, target: number): void {
    this.target = target;
    this.pendingCommand = true;
    this.idle = false;
    sim.setQuiet(this, false);
    sim.wake(this, 0);
  }

  /** Stop the motor where the wiper is now (the teacher's correction window closed). */
  halt(sim: Simulator): void {
    if (!this.moving) return;
    this.setW(this.positionAt(sim));
    this.moving = false;
    this.target = this.w;
    sim.wake(this, 0);
  }

  private plan(sim: Simulator): void {
    const pos = this.positionAt(sim);
    this.setW(pos);
    const goal = this.setting(this.target);
    const d = Math.abs(goal - pos);
    if (this.stuck || d === 0 || d < this.deadBand) {
      if (d !== 0) this.ignoredCommands++;
      this.moving = false;
      return;
    }
    this.moving = true;
    this.nextWakeTick = -1;
    this.startTick = sim.now;
    this.startValue = pos;
    this.goal = goal;
    this.arriveTick = sim.now + Math.max(1, sim.ticks(d / this.slew));
  }

  /** Where the wiper is at the current time (the goal once arrived). */
  private positionAt(sim: Simulator): number {
    if (!this.moving) return this.w;
    if (sim.now >= this.arriveTick) return this.goal;
    const travelled = this.slew * sim.seconds(sim.now - this.startTick);
    const p = this.goal > this.startValue ? this.startValue + travelled : this.startValue - travelled;
    return this.setting(p);
  }

  evaluate(sim: Simulator): void {
    if (this.idle) {
      // The common case: the A-unit in front switched; the wiper stands still.
      const net = this.firstInputNet;
      const w = this.w;
      const out = w * (net < 0 ? 0 : sim.netValue(net));
      sim.driveNet(this.firstOutputNet, out, this.delayTicks);
      // At rest at 0 and showing 0: no finite input can change the output (see Simulator.setQuiet).
      if (w === 0) sim.setQuiet(this, out === 0);
      return;
    }
    this.evaluateMoving(sim);
  }

  private evaluateMoving(sim: Simulator): void {
    if (this.pendingCommand) {
      this.pendingCommand = false;
      this.plan(sim);
    }
    if (this.moving) {
      this.setW(this.positionAt(sim));
      if (sim.now >= this.arriveTick) {
        this.moving = false;
      } else if (sim.now >= this.nextWakeTick) {
        // Checked at each wake, not once: probes are attached after the machine is built.
        const stepping = this.updateInterval > 0 && (!this.moveOnce || sim.probed);
        const step = stepping ? Math.max(1, sim.ticks(this.updateInterval)) : Infinity;
        const next = Math.min(this.arriveTick, sim.now + step);
        this.nextWakeTick = next;
        sim.wake(this, next - sim.now);
      }
    }
    this.idle = !this.moving && !this.pendingCommand;
    const out = this.w * this.read(sim, 0);
    this.drive(sim, 0, out, this.delayTicks);
    sim.setQuiet(this, this.idle && this.w === 0 && out === 0);
  }

  params(): Record<string, ParamValue> {
    return {
      value: this.w,
      target: this.target,
      min: this.min,
      max: this.max,
      endStops: this.endStops,
      resolution: this.resolution,
      slew: this.slew,
      deadBand: this.deadBand,
      stuck: this.stuck,
      updateInterval: this.updateInterval,
      moveOnce: this.moveOnce,
      delay: this.delaySeconds,
    };
  }

  override settableParams(): string[] {
    return ['target'];
  }

  /** Setting `target` at run time (a stimulus) commands the motor at the evaluation that follows. */
  override setParam(name: string, value: ParamValue): void {
    if (name !== 'target') return super.setParam(name, value);
    checkSetting(motorPotSpec, this.id, name, value);
    this.target = value as number;
    this.pendingCommand = true;
    this.idle = false;
    // The command is planned at the next evaluation, whatever starts it.
    this.sim?.setQuiet(this, false);
  }

  override init(sim: Simulator): void {
    this.sim = sim;
    this.delayTicks = sim.ticks(this.delaySeconds);
    if (this.target !== this.w) this.pendingCommand = true;
    this.idle = !this.pendingCommand;
    this.evaluate(sim);
  }
}

export const motorPotSpec: ComponentSpec = {
  type: 'motor-pot',
  doc:
    'A motor-driven potentiometer, as the A→R weights of Mark I (Bishop 2006 p.196, secondary; ' +
    'REFERENCES.md D2): `out` = w · `in`. Setting `target` (at run time, or by the teacher) starts ' +
    'the motor, which turns the wiper at `slew` units per second, so a move of distance D takes ' +
    'D ÷ `slew` seconds. With `endStops` the wiper stops at [`min`, `max`]; `resolution` > 0 gives ' +
    'the discrete settings of a wire-wound pot; a command nearer than `deadBand` to the present ' +
    'setting does not start the motor; a `stuck` motor never turns. While moving, `out` follows ' +
    'the wiper every `updateInterval` seconds (0: only on arrival); with `moveOnce`, only on arrival ' +
    'unless a net of the circuit is probed. Range, speed and resolution of ' +
    'Mark I’s pots are not recorded: every default is an assumption.',
  params: {
    value: {
      kind: 'number',
      unit: '1',
      default: 0,
      doc: 'Initial weight w (historical rules start from zero, WL90).',
      assumption: true,
    },
    target: {
      kind: 'number',
      unit: '1',
      default: 0,
      doc: 'Commanded position; settable (setting it starts the motor). Starts equal to `value`.',
      assumption: true,
    },
    min: {
      kind: 'number',
      unit: '1',
      default: -1,
      doc: 'Lower end-stop (with `endStops`).',
      assumption: true,
    },
    max: {
      kind: 'number',
      unit: '1',
      default: 1,
      doc: 'Upper end-stop (with `endStops`).',
      assumption: true,
    },
    endStops: {
      kind: 'boolean',
      unit: '1',
      default: true,
      doc: 'Whether the wiper stops at `min` and `max` (false: an unbounded, ideal weight).',
      assumption: true,
    },
    resolution: {
      kind: 'number',
      unit: '1',
      default: 0,
      min: 0,
      doc: 'Step between settings (from `min` with end-stops, else from 0); 0 = continuous.',
      assumption: true,
    },
    slew: {
      kind: 'number',
      unit: '1/s',
      default: DEFAULT_MOTOR_SLEW_PER_S,
      exclusiveMin: 0,
      doc: 'Motor speed: weight units per second.',
      assumption: true,
    },
    deadBand: {
      kind: 'number',
      unit: '1',
      default: 0,
      min: 0,
      doc: 'A command that moves the wiper by less than this does nothing (0: ideal).',
      assumption: true,
    },
    stuck: {
      kind: 'boolean',
      unit: '1',
      default: false,
      doc: 'Fault: the motor never turns, the weight keeps its value.',
    },
    updateInterval: {
      kind: 'number',
      unit: 's',
      default: DEFAULT_MOTOR_UPDATE_INTERVAL_S,
      min: 0,
      doc: 'How often the output follows the moving wiper; 0 = only when the motor stops.',
      assumption: true,
    },
    moveOnce: {
      kind: 'boolean',
      unit: '1',
      default: false,
      doc:
        'While no net of the circuit is probed, `out` changes on arrival only (as `updateInterval` 0); ' +
        'probed, it follows the wiper every `updateInterval`. The Mark I sets it in training unless ' +
        '`timing.motorUpdateInterval` is given. The final setting and arrival time are the same.',
    },
    delay: delayParam('Time from a change of input or setting to the change of output.'),
  },
  pins: () => ({ inputs: ['in'], outputs: ['out'] }),
  check: (p) => {
    return rangeProblems(p);
  },
  create: (id, params) => {
    const p = resolveParams(motorPotSpec, id, params);
    // `target` defaults to the initial value (no motion at start) unless given.
    if (params.target === undefined) p.target = p.value;
    return new MotorPot(id, p);
  },
};
