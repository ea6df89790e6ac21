// A real learning trace of the Mark I on the mark1-letters task (dense engine, the experiment's data),
// written the way `run --trace` records one: for the report's tests and the screenshot script.
import { createDenseMachine } from '../../src/machines/create-dense.js';
import { mark1LettersTask } from '../../src/experiments/mark1-letters.js';
import { trainMachine } from '../../src/machines/train.js';
import { Rng } from '../../src/rng.js';
import { TraceWriter } from '../../src/trace/writer.js';
import type { TraceStepInput } from '../../src/trace/writer.js';

export interface Mark1TraceOptions {
  trainPerLetter?: number;
  epochs?: number;
  letters?: string;
  seed?: number;
}

/** Write the trace to `file`; returns its step count. */
export function writeMark1LettersTrace(file: string, o: Mark1TraceOptions = {}): number {
  const seed = o.seed ?? 1;
  const params = {
    trainPerLetter: o.trainPerLetter ?? 100,
    testPerLetter: 10,
    letters: o.letters ?? 'ABCDEFGH',
  };
  const task = mark1LettersTask(params, Rng.fromSeed(seed).fork('task'));
  const options = {
    inputs: 400,
    outputs: task.classes.length,
    rule: 'fixed' as const,
    lr: 1,
    mark1: { retinaWidth: 20, retinaHeight: 20 },
  };
  const engine = createDenseMachine('mark1', { ...options, rng: Rng.fromSeed(seed).fork('machine') });
  const epochs = o.epochs ?? 60;
  const writer = TraceWriter.create(file, {
    command: ['run', 'mark1-letters', '--seed', String(seed), '--trace', 'letters.trace.jsonl'],
    kind: 'machine',
    model: 'mark1',
    rule: 'fixed',
    config: { ...params, epochs, ...options },
    seed,
    circuitHash: null,
    initial: engine.weights(),
    inputShape: { width: 20, height: 20 },
    patterns: task.train.x,
  });
  const order = Rng.fromSeed(seed).fork('order');
  let step = 0;
  try {
    for (let e = 1; e <= epochs; e++) {
      const r = trainMachine(
        engine,
        { x: task.train.x, d: task.train.y },
        {
          epochs: 1,
          shuffle: true,
          rng: order,
          rule: 'fixed',
          onStep: (s) => writer.step({ ...(s as TraceStepInput), step: ++step, epoch: e }),
        },
      );
      writer.endEpoch({ epoch: e, errors: r.history[0].errors });
      if (r.history[0].errors === 0) break;
    }
    writer.finish({ final: engine.weights() });
  } catch (err) {
    writer.abort();
    throw err;
  }
  return step;
}
