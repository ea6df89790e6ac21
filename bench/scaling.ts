/**
 * How cost grows (issue 8 item 5): time per presentation and memory of both engines as the retina
 * grows (20×20 … 64×64, 512 A-units) and as the A-units grow (512 … 8,192, 20×20 retina), with the
 * exponent of a least-squares fit of log(cost) on log(size).
 *
 * `npm run bench -- --scaling` (or `tsx bench/scaling.ts`). Each configuration runs in its own child
 * process (`--one ENGINE WIDTH A`), so memory figures do not mix: `machine MiB` is the growth of heap
 * plus array buffers from before building the machine to after its training, after a full GC;
 * `peak RSS` the child's maximum resident set (tsx included). Time is CPU per presentation (8 R-units,
 * the Mark I benchmark's patterns; dense: 200 patterns × 5 epochs, event: 20 presentations).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDenseMachine } from '../src/machines/create-dense.js';
import { createEventMachine } from '../src/machines/index.js';
import { trainMachine } from '../src/machines/train.js';
import { Rng } from '../src/rng.js';
import { logLogSlope, time } from './common.js';
import { mark1Data } from './mark1.js';

interface Point {
  engine: 'dense' | 'event';
  width: number;
  aUnits: number;
  build: number;
  perPresentation: number;
  machineBytes: number;
  maxRssBytes: number;
}

const RETINAS = [20, 32, 48, 64];
const A_UNITS = [512, 1024, 2048, 4096, 8192];

function one(engine: 'dense' | 'event', width: number, aUnits: number): Point {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const inputs = width * width;
  const patterns = engine === 'dense' ? 200 : 20;
  const epochs = engine === 'dense' ? 5 : 1;
  const data = mark1Data(patterns, 3, inputs, 8);
  gc();
  const m0 = process.memoryUsage();
  const options = {
    inputs,
    outputs: 8,
    rule: 'fixed' as const,
    rng: Rng.fromSeed(1),
    // The fan-out limit of 40 cannot feed 8,192 A-units from 400 cells; lifted for the whole table.
    mark1: { retinaWidth: width, retinaHeight: width, aUnits, maxFanOut: 10_000 },
  };
  let machine: ReturnType<typeof createDenseMachine> | undefined;
  const build = time(() => {
    machine =
      engine === 'dense' ? createDenseMachine('mark1', options) : createEventMachine('mark1', options);
  });
  const t = time(() => trainMachine(machine!, data, { epochs, shuffle: false, rule: 'fixed' }));
  gc();
  const m1 = process.memoryUsage();
  const machineBytes = m1.heapUsed + m1.arrayBuffers - (m0.heapUsed + m0.arrayBuffers);
  void machine;
  return {
    engine,
    width,
    aUnits,
    build: build.cpu,
    perPresentation: t.cpu / (patterns * epochs),
    machineBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function child(engine: string, width: number, aUnits: number): Point {
  const r = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--one',
      engine,
      String(width),
      String(aUnits),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`scaling ${engine} ${width} ${aUnits}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Point;
}

export async function runScaling(json: boolean): Promise<void> {
  const rows: Point[] = [];
  const series: Array<{ engine: string; vary: 'retina' | 'aUnits'; points: Point[] }> = [];
  for (const engine of ['dense', 'event'] as const) {
    const byRetina = RETINAS.map((w) => child(engine, w, 512));
    const byA = A_UNITS.map((a) => child(engine, 20, a));
    rows.push(...byRetina, ...byA);
    series.push({ engine, vary: 'retina', points: byRetina }, { engine, vary: 'aUnits', points: byA });
    if (!json) process.stderr.write(`scaling: ${engine} done\n`);
  }
  const fits = series.map((s) => {
    const x = s.points.map((p) => (s.vary === 'retina' ? p.width * p.width : p.aUnits));
    return {
      engine: s.engine,
      vary: s.vary === 'retina' ? 'retina cells' : 'A-units',
      timeExponent: logLogSlope(
        x,
        s.points.map((p) => p.perPresentation),
      ),
      memoryExponent: logLogSlope(
        x,
        s.points.map((p) => Math.max(1, p.machineBytes)),
      ),
    };
  });
  if (json) {
    process.stdout.write(
      JSON.stringify({ node: process.version, date: new Date().toISOString(), rows, fits }, null, 2) + '\n',
    );
    return;
  }
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  process.stdout.write(
    '| engine | retina | A-units | build s | µs/presentation | machine MiB | peak RSS MiB |\n',
  );
  process.stdout.write('| --- | --- | --- | --- | --- | --- | --- |\n');
  for (const p of rows)
    process.stdout.write(
      `| ${p.engine} | ${p.width}×${p.width} | ${p.aUnits} | ${p.build.toFixed(2)} | ${(p.perPresentation * 1e6).toFixed(1)} | ${mib(p.machineBytes)} | ${mib(p.maxRssBytes)} |\n`,
    );
  process.stdout.write('\n| engine | grows | time exponent | memory exponent |\n| --- | --- | --- | --- |\n');
  for (const f of fits)
    process.stdout.write(
      `| ${f.engine} | ${f.vary} | ${f.timeExponent.toFixed(2)} | ${f.memoryExponent.toFixed(2)} |\n`,
    );
}

if (process.argv[2] === '--one') {
  const [engine, width, aUnits] = process.argv.slice(3);
  process.stdout.write(
    JSON.stringify(one(engine as 'dense' | 'event', Number(width), Number(aUnits))) + '\n',
  );
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runScaling(process.argv.includes('--json'));
}
