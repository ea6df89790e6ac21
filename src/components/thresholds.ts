/**
 * Threshold parts: one implementation, two type names with different defaults.
 *
 * - `relay`: Mark I thresholded its units with relays (said to be from the Operators' Manual,
 *   unverified; REFERENCES.md §1.1). Contacts open/closed give 0/1; a relay pulls in and drops out
 *   after a few milliseconds (not recorded for Mark I: assumptions).
 * - `quantizer`: ADALINE's output quantizer, +1 or −1 (Widrow & Hoff 1960), ideal and instantaneous.
 *
 * The output is `high` when the input is ≥ θ: "If the algebraic sum of excitatory and inhibitory impulse
 * intensities is equal to or greater than the threshold (θ) of the A-unit, then the A-unit fires"
 * (Rosenblatt 1958, p.389), so a tie fires. WH60 describes its quantizer as +1 "above" the threshold;
 * where that matters (a sum of exactly 0, common with ±1 inputs and zero weights) set `tie` to `low`.
 *
 * Hysteresis h: once high, the output stays high until the input falls below θ − h; once low, it goes
 * high at θ (a relay's drop-out current is below its pull-in current).
 *
 * Delays are inertial, as in a relay: the input must stay past the threshold for the whole pull-in
 * (or drop-out) delay; a change undone sooner never reaches the output.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import { checkSetting, resolveParams } from './params.js';
import type { ComponentSpec, ParamSpec, Params } from './spec.js';

/** Typical small telephone-type relay operate and release times; Mark I's are not recorded. */
export const DEFAULT_RELAY_PULL_IN_S = 0.01;
export const DEFAULT_RELAY_DROP_OUT_S = 0.005;

export type Tie = 'high' | 'low';

/**
 * Whether the output is high for input `x`, given whether it is high now (for hysteresis).
 * With `tie` = 'high': goes high at x ≥ θ, stays high while x ≥ θ − h.
 * With `tie` = 'low': goes high at x > θ, stays high while x > θ − h.
 */
export function thresholdHigh(
  x: number,
  isHigh: boolean,
  threshold: number,
  hysteresis: number,
  tie: Tie,
): boolean {
  const level = isHigh ? threshold - hysteresis : threshold;
  return tie === 'high' ? x >= level : x > level;
}

export class ThresholdUnit extends Component {
  private threshold: number;
  private readonly hysteresis: number;
  private readonly high: number;
  private readonly low: number;
  private readonly tie: Tie;
  private readonly pullInDelay: number;
  private readonly dropOutDelay: number;
  /** State of the contacts (what the output shows or is about to show this instant). */
  private isHigh = false;
  /** A transition under way: the state it goes to and the tick it completes; none when null. */
  private pending: boolean | null = null;
  private pendingAt = -1;

  constructor(
    readonly type: 'relay' | 'quantizer',
    id: string,
    params: Params,
  ) {
    super(id, ['in'], ['out']);
    this.threshold = params.threshold as number;
    this.hysteresis = params.hysteresis as number;
    this.high = params.high as number;
    this.low = params.low as number;
    this.tie = params.tie as Tie;
    this.pullInDelay = params.pullInDelay as number;
    this.dropOutDelay = params.dropOutDelay as number;
  }

  override init(sim: Simulator): void {
    // Power-on: contacts open, output low; a unit whose input is already past θ then pulls in
    // (at once when pullInDelay is 0, so a quantizer shows no spurious low at t = 0).
    this.evaluate(sim);
    if (!this.isHigh) this.drive(sim, 0, this.low, 0);
  }

  evaluate(sim: Simulator): void {
    if (this.pending !== null && sim.now === this.pendingAt) {
      this.commit(sim, this.pending);
    }
    const want = thresholdHigh(this.read(sim, 0), this.isHigh, this.threshold, this.hysteresis, this.tie);
    if (want === this.isHigh) {
      this.pending = null; // a change undone before it completed: cancelled (inertial delay)
      return;
    }
    if (this.pending === want) return; // already on its way
    const delay = sim.ticks(want ? this.pullInDelay : this.dropOutDelay);
    if (delay === 0) {
      this.commit(sim, want);
    } else {
      this.pending = want;
      this.pendingAt = sim.now + delay;
      sim.wake(this, delay);
    }
  }

  private commit(sim: Simulator, high: boolean): void {
    this.isHigh = high;
    this.pending = null;
    this.drive(sim, 0, high ? this.high : this.low, 0);
  }

  params(): Record<string, ParamValue> {
    return {
      threshold: this.threshold,
      hysteresis: this.hysteresis,
      high: this.high,
      low: this.low,
      tie: this.tie,
      pullInDelay: this.pullInDelay,
      dropOutDelay: this.dropOutDelay,
    };
  }

  override settableParams(): string[] {
    return ['threshold'];
  }

  override setParam(name: string, value: ParamValue): void {
    if (name !== 'threshold') return super.setParam(name, value);
    checkSetting(this.type === 'relay' ? relaySpec : quantizerSpec, this.id, name, value);
    this.threshold = value as number;
  }
}

interface ThresholdDefaults {
  high: number;
  low: number;
  pullInDelay: number;
  dropOutDelay: number;
  levelsDoc: string;
  levelsAssumption: boolean;
}

function thresholdParams(d: ThresholdDefaults): Record<string, ParamSpec> {
  return {
    threshold: {
      kind: 'number',
      unit: 'V',
      default: 0,
      doc: 'Threshold θ; settable. A free parameter in Rosenblatt 1958; not recorded for Mark I.',
      assumption: true,
    },
    hysteresis: {
      kind: 'number',
      unit: 'V',
      default: 0,
      min: 0,
      doc: 'Hysteresis h: once high, stays high until the input falls below θ − h.',
      assumption: true,
    },
    high: {
      kind: 'number',
      unit: 'V',
      default: d.high,
      doc: `Output when firing. ${d.levelsDoc}`,
      assumption: d.levelsAssumption,
    },
    low: {
      kind: 'number',
      unit: 'V',
      default: d.low,
      doc: 'Output when not firing.',
      assumption: d.levelsAssumption,
    },
    tie: {
      kind: 'string',
      unit: '1',
      default: 'high',
      oneOf: ['high', 'low'],
      doc: 'Output when the input equals θ exactly: `high` (a tie fires, Rosenblatt 1958 p.389) or `low`.',
    },
    pullInDelay: {
      kind: 'number',
      unit: 's',
      default: d.pullInDelay,
      min: 0,
      doc: 'Delay of a low → high change (the input must stay past θ this long).',
      assumption: true,
    },
    dropOutDelay: {
      kind: 'number',
      unit: 's',
      default: d.dropOutDelay,
      min: 0,
      doc: 'Delay of a high → low change.',
      assumption: true,
    },
  };
}

const COMMON_DOC =
  'Output `out` is `high` when `in` ≥ `threshold` (a tie fires, Rosenblatt 1958 p.389; `tie` = `low` ' +
  'makes it strict), else `low`. With `hysteresis` h > 0, once high it stays high until `in` < θ − h; ' +
  'once low, it goes high at ≥ θ. Delays are inertial: a low → high change appears `pullInDelay` ' +
  'after the input crosses, a high → low change `dropOutDelay` after, and a crossing undone sooner ' +
  'is ignored. At power-on (t = 0) the output is `low`.';

export const relaySpec: ComponentSpec = {
  type: 'relay',
  doc:
    'A relay used as a threshold element, as in Mark I (relays for thresholding, said to be from ' +
    'the Operators’ Manual, unverified): contacts give 1 (closed) or 0 (open), and the armature ' +
    'takes milliseconds to pull in and drop out. ' +
    COMMON_DOC,
  params: thresholdParams({
    high: 1,
    low: 0,
    pullInDelay: DEFAULT_RELAY_PULL_IN_S,
    dropOutDelay: DEFAULT_RELAY_DROP_OUT_S,
    levelsDoc: 'Relay contact closed = 1, open = 0.',
    levelsAssumption: true,
  }),
  pins: () => ({ inputs: ['in'], outputs: ['out'] }),
  create: (id, params) => new ThresholdUnit('relay', id, resolveParams(relaySpec, id, params)),
};

export const quantizerSpec: ComponentSpec = {
  type: 'quantizer',
  doc:
    'ADALINE’s output quantizer (Widrow & Hoff 1960): +1 or −1, ideal and instantaneous by default. ' +
    COMMON_DOC,
  params: thresholdParams({
    high: 1,
    low: -1,
    pullInDelay: 0,
    dropOutDelay: 0,
    levelsDoc: 'ADALINE’s quantizer gives ±1 (WH60).',
    levelsAssumption: false,
  }),
  pins: () => ({ inputs: ['in'], outputs: ['out'] }),
  create: (id, params) => new ThresholdUnit('quantizer', id, resolveParams(quantizerSpec, id, params)),
};

export const THRESHOLD_SPECS: readonly ComponentSpec[] = [relaySpec, quantizerSpec];
