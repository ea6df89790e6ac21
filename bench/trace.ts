/**
 * Trace overhead (issue 6: writing a trace may slow a run by at most 2×): the same Mark I training
 * with and without a learning trace written through `TraceWriter` (src/trace/writer.ts) from
 * `trainMachine`'s `onStep` hook, in both engines. Data: the Mark I benchmark's patterns. The file
 * goes to a temporary folder and is removed; its size is reported.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createDenseMachine } from '../src/machines/create-dense.js';
import { createEventMachine } from '../src/machines/index.js';
import { trainMachine } from '../src/machines/train.js';
import type { MachineData } from '../src/machines/train.js';
import type { MachineEngine } from '../src/machines/types.js';
import { Rng } from '../src/rng.js';
import { TraceWriter } from '../src/trace/writer.js';
import { type Timing, tempDir, time } from './common.js';
import { MARK1_INPUTS, MARK1_OUTPUTS, mark1Data } from './mark1.js';

export interface TraceOverhead {
  engine: 'dense' | 'event';
  presentations: number;
  plain: Timing;
  traced: Timing;
  /** traced ÷ plain CPU time (target ≤ 2). */
  ratio: number;
  bytes: number;
}

function options() {
  return { inputs: MARK1_INPUTS, outputs: MARK1_OUTPUTS, rule: 'fixed' as const, rng: Rng.fromSeed(1) };
}

function traced(engine: MachineEngine, data: MachineData, epochs: number, path: string): void {
  const writer = TraceWriter.create(path, {
    command: ['bench'],
    kind: 'machine',
    model: 'mark1',
    rule: 'fixed',
    config: { bench: true },
    seed: 1,
    circuitHash: null,
    initial: engine.weights(),
    inputShape: { width: 20, height: 20 },
    patterns: null,
  });
  trainMachine(engine, data, { epochs, shuffle: false, rule: 'fixed', onStep: (s) => writer.step(s) });
  writer.finish({ final: engine.weights() });
}

function measure(
  engine: 'dense' | 'event',
  build: () => MachineEngine,
  data: MachineData,
  epochs: number,
  dir: string,
): TraceOverhead {
  const path = join(dir, `${engine}.jsonl`);
  // Warm-up (JIT) of both paths on a short run.
  const few = { x: data.x.slice(0, 5), d: data.d.slice(0, 5) };
  trainMachine(build(), few, { epochs: 1, shuffle: false, rule: 'fixed' });
  traced(build(), few, 1, path);
  let m = build();
  const plain = time(() => trainMachine(m, data, { epochs, shuffle: false, rule: 'fixed' }));
  m = build();
  const tracedTime = time(() => traced(m, data, epochs, path));
  return {
    engine,
    presentations: data.x.length * epochs,
    plain,
    traced: tracedTime,
    ratio: tracedTime.cpu / plain.cpu,
    bytes: statSync(path).size,
  };
}

export function benchTrace(): TraceOverhead[] {
  const tmp = tempDir('trace');
  try {
    return [
      measure('dense', () => createDenseMachine('mark1', options()), mark1Data(1000, 2), 10, tmp.dir),
      measure('event', () => createEventMachine('mark1', options()), mark1Data(60, 1), 2, tmp.dir),
    ];
  } finally {
    tmp.remove();
  }
}
