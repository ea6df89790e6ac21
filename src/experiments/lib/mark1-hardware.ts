/**
 * Hardware time of a Mark I training run, from the event-driven circuit's timing model.
 *
 * The experiments learn in the dense engine (fast; identical to the circuit with ideal parts), which
 * has no simulated time. To say how long the Mark I itself would have taken, we rebuild the same
 * machine (same options, same plugboard) as a circuit (`createEventMachine`) and time a few real
 * presentations on it:
 * - from blank weights, the first training presentations (each a correction): seconds per
 *   presentation that corrects (photocells settle, relays pull in, the teacher decides, the motors
 *   turn the active A-units' pots by η at their slew rate, all in parallel);
 * - with the dense engine's final weights loaded, presentations the machine already answers right:
 *   seconds per presentation without a correction.
 * The run's hardware time is then corrections × the first + the other presentations × the second.
 * With the fixed-increment rule every correction moves each pot by exactly η, so both figures are
 * the same for every presentation and the total is exact for the timing model (itself an assumption:
 * circuits/mark1.json, REFERENCES.md §0.2). Presenting and reading the cards by hand is not counted.
 */
import { createEventMachine } from '../../machines/index.js';
import { Rng } from '../../rng.js';
import type { CompareTask, Mark1Build } from './mark1-common.js';

export interface HardwareTime {
  /** Estimated simulated seconds for the whole run. */
  readonly seconds: number;
  readonly perCorrection: number;
  readonly perPresentation: number;
}

/** Presentations timed on the circuit for each of the two kinds. */
export const TIMED_PRESENTATIONS = 3;

function answersRight(
  build: Pick<Mark1Build, 'engine'>,
  x: ArrayLike<number>,
  d: ArrayLike<number>,
): boolean {
  const r = build.engine.respond(x);
  for (let k = 0; k < d.length; k++) if (r.outputs[k] !== d[k]) return false;
  return true;
}

export function mark1HardwareTime(
  build: Pick<Mark1Build, 'engine' | 'options' | 'rngState'>,
  task: CompareTask,
  run: { presentations: number; corrections: number },
): HardwareTime {
  const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
  const time = (
    machineInit: 'blank' | 'trained',
    patterns: number[],
  ): { correcting: number[]; quiet: number[] } => {
    const m = createEventMachine('mark1', {
      ...build.options,
      rng: Rng.fromState(build.rngState),
      init: machineInit === 'trained' ? build.engine.weights() : undefined,
    });
    const correcting: number[] = [];
    const quiet: number[] = [];
    patterns.forEach((p, i) => {
      const t0 = m.hardwareSeconds();
      const s = m.present(task.train.x[p], task.train.y[p], { step: i + 1, epoch: 1, pattern: p });
      (s.mistake ? correcting : quiet).push(m.hardwareSeconds() - t0);
    });
    return { correcting, quiet };
  };
  const n = task.train.x.length;
  const first = Array.from({ length: Math.min(n, TIMED_PRESENTATIONS) }, (_, i) => i);
  const right: number[] = [];
  for (let p = 0; p < n && right.length < TIMED_PRESENTATIONS; p++) {
    if (answersRight(build, task.train.x[p], task.train.y[p])) right.push(p);
  }
  const blank = time('blank', first);
  const trained = right.length ? time('trained', right) : { correcting: [], quiet: [] };
  const perCorrection = mean([...blank.correcting, ...trained.correcting]);
  const quiet = [...blank.quiet, ...trained.quiet];
  const perPresentation = quiet.length ? mean(quiet) : perCorrection;
  const seconds = run.corrections * perCorrection + (run.presentations - run.corrections) * perPresentation;
  return {
    seconds: Math.round(seconds * 1000) / 1000,
    perCorrection: Math.round(perCorrection * 1e6) / 1e6,
    perPresentation: Math.round(perPresentation * 1e6) / 1e6,
  };
}
