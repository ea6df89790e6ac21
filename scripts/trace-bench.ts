// Cost of writing a learning trace: a dense Mark I (400 retina cells, 512 A-units, 8 R-units) trained
// on random binary patterns with and without `--trace`-style recording. Prints the slowdown and the
// file size. Usage: npx tsx scripts/trace-bench.ts [patterns] [epochs]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDenseMachine } from '../src/machines/create-dense.js';
import { trainMachine } from '../src/machines/train.js';
import { Rng } from '../src/rng.js';
import { TraceWriter } from '../src/trace/writer.js';

const patterns = Number(process.argv[2] ?? 80);
const epochs = Number(process.argv[3] ?? 100);
const inputs = 400;
const outputs = 8;
const dataRng = Rng.fromSeed('trace-bench-data');
const x = Array.from({ length: patterns }, () =>
  Float64Array.from({ length: inputs }, () => (dataRng.next() < 0.3 ? 1 : 0)),
);
const d = Array.from({ length: patterns }, () =>
  Float64Array.from({ length: outputs }, () => (dataRng.next() < 0.5 ? 1 : -1)),
);

function run(trace: string | null): { seconds: number; steps: number; bytes: number } {
  const engine = createDenseMachine('mark1', { inputs, outputs, rng: Rng.fromSeed(1) });
  const writer = trace
    ? TraceWriter.create(trace, {
        command: ['bench'],
        kind: 'machine',
        model: 'mark1',
        rule: 'fixed',
        config: { inputs, outputs, patterns, epochs },
        seed: 1,
        circuitHash: null,
        initial: engine.weights(),
        inputShape: { width: 20, height: 20 },
        patterns: null,
      })
    : null;
  const t0 = performance.now();
  const result = trainMachine(
    engine,
    { x, d },
    {
      epochs,
      shuffle: true,
      rng: Rng.fromSeed(2),
      rule: 'fixed',
      onStep: writer ? (s) => writer.step(s) : undefined,
    },
  );
  writer?.finish({ final: engine.weights() });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, steps: result.steps, bytes: trace ? statSync(trace).size : 0 };
}

const dir = mkdtempSync(join(tmpdir(), 'trace-bench-'));
try {
  run(null); // warm-up, both paths
  run(join(dir, 't.jsonl'));
  const plain = Math.min(...[0, 1, 2].map(() => run(null).seconds));
  const traced = [0, 1, 2].map(() => run(join(dir, 't.jsonl')));
  const best = traced.reduce((a, b) => (a.seconds < b.seconds ? a : b));
  console.log(
    `mark1 dense, ${patterns} patterns × ${epochs} epochs = ${best.steps} steps: ` +
      `${(plain * 1e3).toFixed(1)} ms plain, ${(best.seconds * 1e3).toFixed(1)} ms traced ` +
      `(×${(best.seconds / plain).toFixed(2)}), trace ${(best.bytes / 1e6).toFixed(2)} MB ` +
      `(${Math.round(best.bytes / best.steps)} bytes/step)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
