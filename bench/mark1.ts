/**
 * Mark I (400 S, 512 A, 8 R) presentations per second in the event engine and the dense engine.
 *
 * Side by side on the same work: the same retina patterns (`mark1Data`: 8 classes of noisy
 * prototypes, one R-unit per class), fixed-increment error correction, presented in data order
 * for the same epochs, from the same seed (so the same plugboard and the same corrections: the
 * benchmark checks that both engines report the same errors per epoch). Machine building is not
 * timed. Both engines repeat the work on fresh machines (the dense engine's A-unit cache starts
 * empty each time) until they have run for `minDenseSeconds` / `minEventSeconds` of CPU, at least 3
 * times, and the rate is over all those runs. The event engine's first run alone is reported too
 * (`eventFirstRun`): it is what this benchmark used to measure (one run after a warm-up of 5
 * presentations, while V8 is still optimising the once-per-presentation code), whereas the dense
 * figure was already the mean of many runs.
 *
 * The dense target figure (≥ 100,000 presentations/s) is measured on a longer run: 1,000 patterns
 * for 20 epochs (the A-unit responses are computed once per pattern, in the first epoch).
 */
import { createDenseMachine } from '../src/machines/create-dense.js';
import { createEventMachine } from '../src/machines/index.js';
import { trainMachine } from '../src/machines/train.js';
import type { MachineData } from '../src/machines/train.js';
import { Rng } from '../src/rng.js';
import { time } from './common.js';

export const MARK1_INPUTS = 400;
export const MARK1_OUTPUTS = 8;

/**
 * `n` retina patterns of `outputs` classes, as the Mark I was taught letters: each class a random
 * prototype (30 % of the cells lit), each pattern its class's prototype with 5 % of the cells
 * flipped; R-unit k is to answer +1 for class k and −1 otherwise. Learnable, with corrections
 * through the first epochs and few after.
 */
export function mark1Data(
  n: number,
  seed: number,
  inputs = MARK1_INPUTS,
  outputs = MARK1_OUTPUTS,
): MachineData {
  const rng = Rng.fromSeed(`mark1-bench-${seed}`);
  const prototypes = Array.from({ length: outputs }, () =>
    Float64Array.from({ length: inputs }, () => (rng.next() < 0.3 ? 1 : 0)),
  );
  const x: Float64Array[] = [];
  const d: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.int(outputs);
    const row = Float64Array.from(prototypes[c]);
    for (let s = 0; s < inputs; s++) if (rng.next() < 0.05) row[s] = 1 - row[s];
    x.push(row);
    d.push(Float64Array.from({ length: outputs }, (_, k) => (k === c ? 1 : -1)));
  }
  return { x, d };
}

/** Rates are per CPU second (see common.ts); `wall` is the wall time of the same work. */
export interface EngineRate {
  presentations: number;
  seconds: number;
  wall: number;
  perSecond: number;
}

export interface Mark1BenchResult {
  patterns: number;
  epochs: number;
  event: EngineRate & { eventsPerPresentation: number };
  /** The event engine's first timed run alone (the single-run figure of earlier benches). */
  eventFirstRun: EngineRate;
  dense: EngineRate;
  /** dense presentations/s ÷ event presentations/s on the same work. */
  ratio: number;
  /** Both engines reported the same errors in every epoch. */
  agree: boolean;
  /** The dense target figure: 1,000 patterns × 20 epochs. */
  denseLong: EngineRate & { patterns: number; epochs: number };
}

const MACHINE_SEED = 1;

function options() {
  return {
    inputs: MARK1_INPUTS,
    outputs: MARK1_OUTPUTS,
    rule: 'fixed' as const,
    rng: Rng.fromSeed(MACHINE_SEED),
  };
}
const buildEvent = () => createEventMachine('mark1', options());
const buildDense = () => createDenseMachine('mark1', options());

export function benchMark1(
  patterns = 60,
  epochs = 2,
  minDenseSeconds = 1,
  minEventSeconds = 1,
): Mark1BenchResult {
  const data = mark1Data(patterns, 1);
  const train = { epochs, shuffle: false, rule: 'fixed' as const };

  // Warm-up of both engines' code on a small run (JIT), not timed.
  const small = { x: data.x.slice(0, 5), d: data.d.slice(0, 5) };
  trainMachine(buildEvent(), small, { ...train, epochs: 1 });
  trainMachine(buildDense(), small, { ...train, epochs: 1 });

  let evSeconds = 0;
  let evWall = 0;
  let evRuns = 0;
  let events = 0;
  let evHistory: number[] = [];
  let first: EngineRate | undefined;
  while (evSeconds < minEventSeconds || evRuns < 3) {
    const ev = buildEvent();
    const events0 = ev.simulator.eventCount;
    const t = time(() => {
      const h = trainMachine(ev, data, train).history.map((e) => e.errors);
      if (evRuns > 0 && JSON.stringify(h) !== JSON.stringify(evHistory))
        throw new Error('mark1 bench: two event runs of the same work reported different errors');
      evHistory = h;
    });
    events += ev.simulator.eventCount - events0;
    first ??= {
      presentations: patterns * epochs,
      seconds: t.cpu,
      wall: t.wall,
      perSecond: (patterns * epochs) / t.cpu,
    };
    evSeconds += t.cpu;
    evWall += t.wall;
    evRuns++;
  }
  const evPresentations = evRuns * patterns * epochs;

  let denseSeconds = 0;
  let denseWall = 0;
  let denseRuns = 0;
  let denseHistory: number[] = [];
  while (denseSeconds < minDenseSeconds || denseRuns < 3) {
    const m = buildDense();
    const t = time(() => {
      denseHistory = trainMachine(m, data, train).history.map((h) => h.errors);
    });
    denseSeconds += t.cpu;
    denseWall += t.wall;
    denseRuns++;
  }
  const densePresentations = denseRuns * patterns * epochs;

  const longPatterns = 1000;
  const longEpochs = 20;
  const longData = mark1Data(longPatterns, 2);
  const long = buildDense();
  const longTime = time(() => trainMachine(long, longData, { ...train, epochs: longEpochs }));
  const longSeconds = longTime.cpu;

  const event = {
    presentations: evPresentations,
    seconds: evSeconds,
    wall: evWall,
    perSecond: evPresentations / evSeconds,
    eventsPerPresentation: events / evPresentations,
  };
  const dense = {
    presentations: densePresentations,
    seconds: denseSeconds,
    wall: denseWall,
    perSecond: densePresentations / denseSeconds,
  };
  return {
    patterns,
    epochs,
    event,
    eventFirstRun: first!,
    dense,
    ratio: dense.perSecond / event.perSecond,
    agree: JSON.stringify(evHistory) === JSON.stringify(denseHistory),
    denseLong: {
      patterns: longPatterns,
      epochs: longEpochs,
      presentations: longPatterns * longEpochs,
      seconds: longSeconds,
      wall: longTime.wall,
      perSecond: (longPatterns * longEpochs) / longSeconds,
    },
  };
}
