/**
 * `npm run bench`: the project's benchmarks, printed as a table (or `--json`). Each comparison is
 * measured side by side in the same run; ratios use CPU seconds (the machine is shared; see
 * common.ts) and wall times are printed beside them. Targets come from issues 6 and 8; see
 * docs/performance.md. `--scaling` runs bench/scaling.ts (item 5's table) instead. Installs nothing.
 */
import { loadavg } from 'node:os';
import { benchKernel } from './kernel.js';
import { benchMark1 } from './mark1.js';
import { benchPerceptron } from './perceptron.js';
import { benchMlp } from './mlp.js';
import { benchRbm } from './rbm.js';
import { benchTrace } from './trace.js';
import { benchMemory } from './memory.js';
import { SWEEP_MIN_WORK_SECONDS, benchSweep } from './sweep.js';
import { benchPanel } from './panel.js';
import { runScaling } from './scaling.js';

interface Row {
  name: string;
  value: number | null;
  unit: string;
  target?: string;
  met?: boolean;
  detail: string;
}

const json = process.argv.includes('--json');
if (process.argv.includes('--scaling')) {
  await runScaling(json);
  process.exit(0);
}
const rows: Row[] = [];
const log = (what: string) => {
  if (!json) process.stderr.write(`running: ${what}…\n`);
};
const f = (n: number, digits = 2) => n.toFixed(digits);

log('kernel');
const k = benchKernel();
rows.push({
  name: 'kernel events/s (fan-out 1000)',
  value: Math.round(k.eventsPerSecond),
  unit: 'events/s',
  target: '>= 5,000,000',
  met: k.eventsPerSecond >= 5e6,
  detail: `${k.events} events, ${k.evaluations} evaluations in ${f(k.seconds, 3)} s wall`,
});

log('Mark I, both engines');
const m = benchMark1();
rows.push({
  name: 'Mark I dense presentations/s',
  value: Math.round(m.denseLong.perSecond),
  unit: 'pres/s',
  target: '>= 100,000',
  met: m.denseLong.perSecond >= 1e5,
  detail: `${m.denseLong.patterns} patterns × ${m.denseLong.epochs} epochs in ${f(m.denseLong.seconds, 3)} s CPU (${f(m.denseLong.wall, 3)} s wall)`,
});
rows.push({
  name: 'Mark I event presentations/s',
  value: Math.round(m.event.perSecond),
  unit: 'pres/s',
  detail: `${m.event.presentations} presentations (fresh machines, ${m.patterns} × ${m.epochs} each) in ${f(m.event.seconds)} s CPU (${f(m.event.wall)} s wall), ${Math.round(m.event.eventsPerPresentation)} kernel events each; first run alone ${Math.round(m.eventFirstRun.perSecond)} pres/s`,
});
rows.push({
  name: 'Mark I dense ÷ event (same work)',
  value: Number(f(m.ratio, 1)),
  unit: '×',
  target: '<= 10',
  met: m.ratio <= 10 && m.agree,
  detail: `${m.patterns} patterns × ${m.epochs} epochs; dense ${Math.round(m.dense.perSecond)} pres/s on it; errors per epoch ${m.agree ? 'identical' : 'DIFFER'} in both engines`,
});

log('dense perceptron vs scikit-learn');
const p = benchPerceptron();
if ('skipped' in p.sklearn) {
  rows.push({ name: 'perceptron dense ÷ scikit-learn', value: null, unit: '', detail: p.sklearn.skipped });
} else {
  rows.push({
    name: 'perceptron dense ÷ scikit-learn',
    value: Number(f(p.sklearn.ratio)),
    unit: '× time',
    target: '< 1.0',
    met: p.sklearn.ratio < 1,
    detail: `${p.samples}×${p.features}, ${p.epochs} epochs, data order: dense ${f(p.dense.cpu, 3)} s CPU (${f(p.dense.wall, 3)} wall), scikit-learn ${p.sklearn.version} ${f(p.sklearn.seconds.cpu, 3)} s CPU (${f(p.sklearn.seconds.wall, 3)} wall); max weight difference ${p.sklearn.weightDifference.toExponential(1)} (relative)`,
  });
}

log('MLP vs TensorFlow.js and scikit-learn');
const mlp = await benchMlp();
const s = mlp.settings;
const shape = `${s.inputs}-${s.hidden}-${s.outputs}, ${s.samples} samples, batch ${s.batch}, ${s.epochs} epochs`;
rows.push({
  name: 'MLP samples/s (ours)',
  value: Math.round(mlp.ours.samplesPerSecond),
  unit: 'samples/s',
  detail: `${shape}: ${f(mlp.ours.cpu)} s CPU (${f(mlp.ours.wall)} wall), train accuracy ${f(mlp.ours.trainAccuracy, 3)}`,
});
if ('skipped' in mlp.tfjs) {
  rows.push({ name: 'MLP ours ÷ tfjs CPU', value: null, unit: '', detail: mlp.tfjs.skipped });
} else {
  rows.push({
    name: 'MLP ours ÷ tfjs CPU',
    value: Number(f(mlp.tfjs.ratio)),
    unit: '× time',
    target: '< 1.0',
    met: mlp.tfjs.ratio < 1,
    detail: `tfjs ${mlp.tfjs.version} backend ${mlp.tfjs.backend} (float32): ${f(mlp.tfjs.cpu)} s CPU (${f(mlp.tfjs.wall)} wall), train accuracy ${f(mlp.tfjs.trainAccuracy, 3)}`,
  });
}
if ('skipped' in mlp.sklearn) {
  rows.push({ name: 'MLP ours ÷ scikit-learn', value: null, unit: '', detail: mlp.sklearn.skipped });
} else {
  rows.push({
    name: 'MLP ours ÷ scikit-learn',
    value: Number(f(mlp.sklearn.ratio)),
    unit: '× time',
    target: '<= 1.5',
    met: mlp.sklearn.ratio <= 1.5,
    detail: `scikit-learn ${mlp.sklearn.version} MLPClassifier, one BLAS thread: ${f(mlp.sklearn.cpu, 3)} s CPU (${f(mlp.sklearn.wall, 3)} wall), train accuracy ${f(mlp.sklearn.trainAccuracy, 3)}`,
  });
}

log('RBM (CD-1, 784×256) vs scikit-learn BernoulliRBM');
const rbm = benchRbm();
const rs = rbm.settings;
rows.push({
  name: 'RBM samples/s (ours, CD-1)',
  value: Math.round(rbm.ours.samplesPerSecond),
  unit: 'samples/s',
  detail: `${rs.visible}×${rs.hidden}, ${rs.samples} MNIST digits, batch ${rs.batch}, ${rs.epochs} epoch: ${f(rbm.ours.cpu, 3)} s CPU (${f(rbm.ours.wall, 3)} wall), pseudo-likelihood ${f(rbm.ours.pseudoLikelihood, 1)}`,
});
if ('skipped' in rbm.sklearn) {
  rows.push({ name: 'RBM ours ÷ scikit-learn', value: null, unit: '', detail: rbm.sklearn.skipped });
} else {
  rows.push({
    name: 'RBM ours ÷ scikit-learn',
    value: Number(f(rbm.sklearn.ratio)),
    unit: '× time',
    target: '<= 1.0',
    met: rbm.sklearn.ratio <= 1,
    detail: `scikit-learn ${rbm.sklearn.version} BernoulliRBM (PCD-1), one BLAS thread: ${Math.round(rbm.sklearn.samplesPerSecond)} samples/s, ${f(rbm.sklearn.cpu, 3)} s CPU (${f(rbm.sklearn.wall, 3)} wall), pseudo-likelihood ${f(rbm.sklearn.pseudoLikelihood, 1)}`,
  });
}

log('trace overhead');
for (const t of benchTrace()) {
  rows.push({
    name: `trace overhead, Mark I ${t.engine}`,
    value: Number(f(t.ratio)),
    unit: '× time',
    target: '<= 2',
    met: t.ratio <= 2,
    detail: `${t.presentations} presentations: ${f(t.plain.cpu, 3)} s CPU plain, ${f(t.traced.cpu, 3)} s traced; trace ${(t.bytes / 1e6).toFixed(1)} MB`,
  });
}

log('peak memory of run mnist-mark1-vs-mlp');
const mem = benchMemory();
rows.push(
  'skipped' in mem
    ? { name: 'peak memory, mnist-mark1-vs-mlp', value: null, unit: '', detail: mem.skipped }
    : {
        name: 'peak memory, mnist-mark1-vs-mlp',
        value: Math.round(mem.maxRssBytes / 2 ** 20),
        unit: 'MiB RSS',
        target: '<= 300',
        met: mem.maxRssBytes <= 300 * 2 ** 20,
        detail: `${mem.command}: ${f(mem.wall, 1)} s wall`,
      },
);

const roundsArg = process.argv.indexOf('--sweep-rounds');
const sweepRounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 1;
if (!(Number.isInteger(sweepRounds) && sweepRounds >= 1)) {
  process.stderr.write(
    `bench: --sweep-rounds needs a whole number ≥ 1, got ${process.argv[roundsArg + 1]}\n`,
  );
  process.exit(2);
}
log(`sweep --jobs 2 vs --jobs 1 (200 runs, ${sweepRounds} paired round(s))`);
const sw = benchSweep(undefined, undefined, undefined, sweepRounds);
rows.push(
  'skipped' in sw
    ? { name: 'sweep speed-up, 2 jobs', value: null, unit: '', detail: sw.skipped }
    : {
        name: 'sweep speed-up, 2 jobs',
        value: Number(f(sw.speedup)),
        unit: '×',
        target: `>= 1.85 on >= ${SWEEP_MIN_WORK_SECONDS} s of work`,
        met: sw.speedup >= 1.85 && sw.identical && Math.min(...sw.rounds.jobs1) >= SWEEP_MIN_WORK_SECONDS,
        detail: `${sw.command}, ${sw.runs} runs on ${sw.cores} cores; median of ${sw.rounds.jobs1.length} paired rounds, each --jobs 1 and --jobs 2 back to back: ${sw.rounds.jobs1.map((t, r) => `${f(t, 1)} s → ${f(sw.rounds.jobs2[r], 1)} s`).join(', ')} wall (fastest of each: ${f(sw.fastestSpeedup)}×); results ${sw.identical ? 'identical' : 'DIFFER'}`,
      },
);

log('Mark I panel in headless Chromium beside Node');
const pn = await benchPanel();
if ('skipped' in pn) {
  rows.push({ name: 'Mark I panel, browser ÷ Node', value: null, unit: '', detail: pn.skipped });
} else {
  rows.push({
    name: 'Mark I panel, browser ÷ Node',
    value: Number(f(pn.ratio)),
    unit: '× time',
    target: '<= 1.5',
    met: pn.ratio <= 1.5,
    detail: `event engine in the panel's worker: ${Math.round(pn.browser)} pres/s in Chromium (${pn.chromium}), ${Math.round(pn.node)} pres/s in Node (same PanelWorker, deck, seed; ${pn.presentations} presentations; wall rates)`,
  });
  rows.push({
    name: 'Mark I panel frames/s training at ×100',
    value: Number(f(pn.framesPerSecond, 1)),
    unit: 'frames/s',
    target: '>= 50',
    met: pn.framesPerSecond >= 50,
    detail: 'animation frames counted over 2 s while the panel trains at ×100 of the hardware clock',
  });
}

const load = loadavg()[0];
if (json) {
  process.stdout.write(
    JSON.stringify(
      { node: process.version, date: new Date().toISOString(), loadAverage1m: load, rows },
      null,
      2,
    ) + '\n',
  );
} else {
  const fmt = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'));
  const w = Math.max(...rows.map((r) => r.name.length));
  process.stdout.write(
    `perceptron-sim benchmarks (node ${process.version}, one core per side; load average ${load.toFixed(1)})\n\n`,
  );
  for (const r of rows) {
    const verdict = r.met === undefined ? '' : r.met ? '  met' : '  MISSED';
    process.stdout.write(
      `${r.name.padEnd(w)}  ${fmt(r.value).padStart(12)} ${r.unit}${r.target ? `  (target ${r.target})${verdict}` : ''}\n    ${r.detail}\n`,
    );
  }
}
