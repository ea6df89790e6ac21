/**
 * The component interface of the kernel.
 *
 * A component has numbered input pins (each reads one net, or 0 when unconnected) and numbered output
 * pins (each drives a net of its own, named `id.pin`). The kernel calls `evaluate` once at start-up and
 * then once per instant in which any of its inputs changed (several changes in one instant are
 * coalesced into one evaluation) or in which it asked to be woken. `evaluate` reads its inputs and
 * schedules outputs after its delay; driving an output with the value it already has, or is already
 * scheduled to have, schedules nothing, so an unchanged output wakes nobody downstream.
 */
import type { Simulator } from './simulator.js';
import { UserError } from '../errors.js';

/** A parameter value as it appears in a circuit file. */
export type ParamValue = number | string | boolean | number[];

export abstract class Component {
  // The fields an evaluation reads are declared first, so they share the object's first cache line.
  /** Index in the simulator, set when added. */
  index = -1;
  /**
   * Net of output pin 0; the simulator gives a component's output pins consecutive nets, so pin p
   * drives net `firstOutputNet + p` (what `drive` uses: no array to load on the hot path).
   */
  firstOutputNet = -1;
  /** Net read by input pin 0 (as `inputNets[0]`; −1 when unconnected or when there is none). */
  firstInputNet = -1;
  /** Net index read by each input pin; -1 when the pin is unconnected (reads 0). */
  inputNets: Int32Array;
  /** Component family name as used in circuit files (`switch`, `relay`, …). */
  abstract readonly type: string;
  /** Net index driven by each output pin; assigned by the simulator when added. */
  outputNets: Int32Array;
  readonly id: string;
  readonly inputPins: readonly string[];
  readonly outputPins: readonly string[];

  constructor(id: string, inputPins: readonly string[], outputPins: readonly string[]) {
    this.id = id;
    this.inputPins = inputPins;
    this.outputPins = outputPins;
    this.inputNets = new Int32Array(inputPins.length).fill(-1);
    this.outputNets = new Int32Array(outputPins.length).fill(-1);
  }

  /** React to input changes (or a wake-up): read inputs, drive outputs. */
  abstract evaluate(sim: Simulator): void;

  /** Called once when the simulation starts; by default an ordinary evaluation. */
  init(sim: Simulator): void {
    this.evaluate(sim);
  }

  /** Current parameters, in the units of the circuit file (for output and docs). */
  abstract params(): Record<string, ParamValue>;

  /**
   * Change a parameter at run time (from `--set` or a stimulus). The simulator re-evaluates the
   * component afterwards. Components override this for the parameters they allow to change.
   */
  setParam(name: string, _value: ParamValue): void {
    throw new UserError(
      `component '${this.id}' (${this.type}) has no settable parameter '${name}'` +
        ` (settable: ${this.settableParams().join(', ') || 'none'})`,
    );
  }

  /** Names of the parameters `setParam` accepts. */
  settableParams(): string[] {
    return [];
  }

  inputPinIndex(name: string): number {
    return this.inputPins.indexOf(name);
  }

  outputPinIndex(name: string): number {
    return this.outputPins.indexOf(name);
  }

  /** Value on input pin `pin` now (0 when unconnected). */
  protected read(sim: Simulator, pin: number): number {
    const net = this.inputNets[pin];
    return net < 0 ? 0 : sim.netValue(net);
  }

  /** Schedule output pin `pin` to take `value` after `delay` ticks; nothing if it is already that. */
  protected drive(sim: Simulator, pin: number, value: number, delay: number): void {
    sim.driveNet(this.firstOutputNet + pin, value, delay);
  }

  /** Value this output will have once pending events have fired (NaN before the first drive). */
  protected projectedOutput(sim: Simulator, pin: number): number {
    return sim.projectedValue(this.firstOutputNet + pin);
  }
}
