/**
 * `npm run bench`: the project's benchmarks, printed as a table (or `--json`).
 * Speed is measured here, never in tests. Targets come from the issues; see docs/performance.md.
 */
import { benchKernel } from './kernel.js';

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: string;
  detail: string;
}

const json = process.argv.includes('--json');
const rows: Row[] = [];

const k = benchKernel();
rows.push({
  name: 'kernel events/s (fan-out 1000)',
  value: Math.round(k.eventsPerSecond),
  unit: 'events/s',
  target: '>= 5,000,000',
  detail: `${k.events} events, ${k.evaluations} evaluations in ${k.seconds.toFixed(3)} s`,
});

if (json) {
  process.stdout.write(JSON.stringify({ node: process.version, rows }, null, 2) + '\n');
} else {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const w = Math.max(...rows.map((r) => r.name.length));
  process.stdout.write(`perceptron-sim benchmarks (node ${process.version}, one core)\n\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(w)}  ${fmt(r.value).padStart(14)} ${r.unit}${r.target ? `  (target ${r.target})` : ''}\n    ${r.detail}\n`,
    );
  }
}
