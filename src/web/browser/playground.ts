/**
 * The backprop playground: 2-D data (XOR, circles, Gaussian blobs, spiral, or a CSV dropped onto the
 * page), a perceptron and an MLP trained side by side on the same data and seed, their decision
 * regions under the points, and the backprop path's diagnostics (dead and saturated units, gradient
 * norms per layer). The defaults (hidden 4,2, tanh, rate 0.03, batch 10) are TensorFlow Playground's
 * (REFERENCES.md "TF Playground").
 */
import { makePlanar, PLANAR_KINDS } from '../../data/planar.js';
import type { PlanarKind } from '../../data/planar.js';
import { parseCsv } from '../../data/csv.js';
import { Rng } from '../../rng.js';
import { PLAYGROUND_EXTENT } from '../protocol.js';
import type { FromWorker } from '../protocol.js';
import { Curve, box, css, fmt, h, labelled, readConfig, startWorker } from './common.js';

const GRID = 40;
const SIZE = 280;
/** The seven activations of the backprop path (DESIGN.md "The modern path"). */
const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'prelu', 'elu', 'maxout'];

const config = readConfig();
const app = document.getElementById('app') as HTMLElement;
app.textContent = '';

let points: [number, number][] = [];
let labels: number[] = [];
let source = '';
let fromCsv = false;

const dataSelect = h('select', { id: 'data' }, ...PLANAR_KINDS.map((k) => h('option', { value: k }, k)));
const noiseInput = h('input', {
  id: 'noise',
  type: 'number',
  min: 0,
  max: 0.5,
  step: 0.01,
  value: 0,
  size: 4,
});
const seedInput = h('input', { id: 'seed', type: 'number', min: 0, value: config.seed, size: 6 });
const hiddenInput = h('input', {
  id: 'hidden',
  type: 'text',
  value: '4,2',
  size: 8,
  'aria-describedby': 'hidden-help',
});
const actSelect = h(
  'select',
  { id: 'activation' },
  ...ACTIVATIONS.map((a) => h('option', { value: a, selected: a === 'tanh' }, a)),
);
const lrInput = h('input', {
  id: 'lr',
  type: 'number',
  min: 0.0001,
  max: 10,
  step: 0.01,
  value: 0.03,
  size: 5,
});
const batchInput = h('input', {
  id: 'batch',
  type: 'number',
  min: 1,
  max: 1000,
  step: 1,
  value: 10,
  size: 4,
});
const csvInput = h('input', { id: 'csv-file', type: 'file', accept: '.csv,text/csv' });
const trainBtn = h('button', { type: 'button', id: 'train', onclick: () => train() }, 'Train');
const stopBtn = h(
  'button',
  { type: 'button', id: 'stop', disabled: true, onclick: () => worker.send({ type: 'stop' }) },
  'Stop',
);
const resetBtn = h('button', { type: 'button', id: 'reset', onclick: () => init() }, 'Reset');
const status = h('p', { id: 'status', role: 'status' }, 'Building…');
const canvas = (id: string, label: string): HTMLCanvasElement =>
  h('canvas', { id, width: SIZE, height: SIZE, role: 'img', 'aria-label': label });
const pCanvas = canvas('perceptron-regions', 'Perceptron decision regions under the training points');
const mCanvas = canvas('mlp-regions', 'MLP decision regions under the training points');
const pText = h('p', { class: 'num', id: 'perceptron-info' }, '–');
const mText = h('p', { class: 'num', id: 'mlp-info' }, '–');
const diagTable = h('table', { id: 'diagnostics' });
const curve = new Curve('Loss per epoch of the MLP', ['MLP loss']);
curve.xLabel = () => `epoch ${lastPlotted}`;
let lossEvery = 1;
let lastPlotted = 0;

app.append(
  h(
    'div',
    { class: 'grid' },
    box(
      'Data and network',
      h(
        'div',
        { class: 'row' },
        labelled('data', dataSelect),
        labelled('noise', noiseInput),
        labelled('seed', seedInput),
      ),
      h('div', { class: 'row' }, labelled('or a CSV (x, y, class)', csvInput)),
      h('div', { class: 'row' }, labelled('hidden layers', hiddenInput), labelled('activation', actSelect)),
      h(
        'p',
        { class: 'note', id: 'hidden-help' },
        'Widths from the input side, comma-separated; empty for no hidden layer.',
      ),
      h('div', { class: 'row' }, labelled('learning rate', lrInput), labelled('batch', batchInput)),
      h('div', { class: 'row' }, trainBtn, stopBtn, resetBtn),
      status,
    ),
    box('Perceptron (Rosenblatt’s rule)', pCanvas, pText),
    box('MLP (backprop)', mCanvas, mText),
    box('Diagnostics', diagTable, curve.svg),
  ),
);

function makeData(): void {
  const kind = dataSelect.value as PlanarKind;
  const d = makePlanar(
    kind,
    Rng.fromSeed(Number(seedInput.value)).fork('data'),
    undefined,
    Number(noiseInput.value),
  );
  points = d.points;
  labels = d.labels;
  source = kind;
  fromCsv = false;
}

/** A dropped CSV: two feature columns and a two-class target, each axis scaled to −1…1. */
function loadCsv(text: string, name: string): void {
  try {
    const data = parseCsv(text, name, { task: 'classification' });
    if (data.task !== 'classification' || data.features[0].length !== 2 || data.classes.length !== 2)
      throw new Error(`${name}: expected two feature columns and two classes`);
    const scale = [0, 1].map((c) => {
      const v = data.features.map((r) => r[c]);
      const lo = Math.min(...v);
      const hi = Math.max(...v);
      return (x: number): number => (hi > lo ? (2 * (x - lo)) / (hi - lo) - 1 : 0);
    });
    points = data.features.map((r) => [scale[0](r[0]), scale[1](r[1])]);
    labels = data.labels.slice();
    source = `${name} (${data.classes[0]} = 0, ${data.classes[1]} = 1)`;
    fromCsv = true;
    init(false);
  } catch (e) {
    status.textContent = (e as Error).message;
  }
}

function hidden(): number[] {
  const t = hiddenInput.value.trim();
  return t === '' ? [] : t.split(',').map((s) => Math.max(1, Math.min(64, Math.round(Number(s)) || 1)));
}

function init(fresh = true): void {
  if (fresh) makeData();
  setBusy(false);
  curve.reset();
  lastPlotted = 0;
  lossEvery = 1;
  status.textContent = 'Building…';
  worker.send({
    type: 'pg-init',
    setup: {
      seed: Number(seedInput.value),
      points,
      labels,
      hidden: hidden(),
      activation: actSelect.value,
      lr: Number(lrInput.value),
      batch: Math.max(1, Math.round(Number(batchInput.value))),
      grid: GRID,
    },
  });
}

function setBusy(busy: boolean): void {
  trainBtn.disabled = busy;
  resetBtn.disabled = busy;
  stopBtn.disabled = !busy;
}

function train(): void {
  setBusy(true);
  status.textContent = 'Training…';
  worker.send({ type: 'pg-train' });
}

const toPx = (v: number): number => ((v + PLAYGROUND_EXTENT) / (2 * PLAYGROUND_EXTENT)) * SIZE;

function drawRegions(c: HTMLCanvasElement, value: (i: number, j: number) => number): void {
  const g = c.getContext('2d') as CanvasRenderingContext2D;
  const cell = SIZE / GRID;
  const pos = css('--pos');
  const neg = css('--neg');
  const bg = css('--bg');
  // Ten shades each way, made once per drawing: parsing a colour per cell costs more than the drawing.
  const shades = [neg, pos].map((c) =>
    Array.from({ length: 11 }, (_, k) => `color-mix(in srgb, ${c} ${Math.round(15 + 4.5 * k)}%, ${bg})`),
  );
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const v = value(i, j);
      const t = Math.min(1, Math.abs(v - 0.5) * 2);
      g.fillStyle = shades[v >= 0.5 ? 1 : 0][Math.round(10 * t)];
      g.fillRect(i * cell, j * cell, cell + 0.5, cell + 0.5);
    }
  }
  points.forEach(([x, y], k) => {
    g.beginPath();
    g.arc(toPx(x), SIZE - toPx(y), 3, 0, 2 * Math.PI);
    g.fillStyle = labels[k] === 1 ? pos : neg;
    g.fill();
    g.strokeStyle = css('--fg');
    g.lineWidth = 0.8;
    g.stroke();
  });
}

/** The latest state not drawn yet: drawn once per animation frame, however fast the worker reports. */
let pending: Extract<FromWorker, { type: 'pg-state' }> | null = null;

function onMessage(m: FromWorker): void {
  if (m.type === 'pg-state') {
    if (pending === null)
      requestAnimationFrame(() => {
        const latest = pending;
        pending = null;
        if (latest) drawPlayground(latest);
      });
    pending = m;
    return;
  }
  onOther(m);
}

function drawPlayground(m: Extract<FromWorker, { type: 'pg-state' }>): void {
  drawRegions(mCanvas, (i, j) => m.mlp.grid[j * GRID + i]);
  const [w0, w1] = m.perceptron.weights;
  const b = m.perceptron.bias;
  // The perceptron's response is the sign of w·x + b: shade by that sign (its weights, its boundary).
  drawRegions(pCanvas, (i, j) => {
    const x = -PLAYGROUND_EXTENT + (2 * PLAYGROUND_EXTENT * (i + 0.5)) / GRID;
    const y = PLAYGROUND_EXTENT - (2 * PLAYGROUND_EXTENT * (j + 0.5)) / GRID;
    return w0 * x + w1 * y + b > 0 ? 1 : 0;
  });
  const n = points.length;
  pText.textContent = `epoch ${m.epoch}: ${m.perceptron.errors} of ${n} wrong; w = (${fmt(w0)}, ${fmt(w1)}), b = ${fmt(b)}`;
  mText.textContent =
    m.mlp.loss === null
      ? `epoch 0: ${hidden().join('-') || 'no hidden layer'}, ${actSelect.value}`
      : `epoch ${m.epoch}: ${m.mlp.errors} of ${n} wrong; loss ${fmt(m.mlp.loss)}`;
  if (m.mlp.loss !== null && m.epoch - lastPlotted >= lossEvery) {
    curve.push(0, m.mlp.loss);
    lastPlotted = m.epoch;
    // Keep the curve a few hundred points long however long training runs.
    if (m.epoch / lossEvery > 300) lossEvery *= 2;
  }
  const d = m.mlp.diagnostics;
  const rows: string[][] = [['layer', 'dead units', 'saturated units', 'gradient norm']];
  if (d) {
    d.deadPerLayer.forEach((dead, l) => {
      const sat = d.saturatedPerLayer[l];
      rows.push([
        l === d.deadPerLayer.length - 1 ? `${l} (output)` : String(l),
        dead === null ? '–' : `${fmt(100 * dead)} %`,
        sat === null ? '–' : `${fmt(100 * sat)} %`,
        d.gradientNorm ? fmt(d.gradientNorm[l]) : '–',
      ]);
    });
  }
  diagTable.replaceChildren(
    ...rows.map((r, i) =>
      h('tr', {}, ...r.map((c) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'col' } : {}, c))),
    ),
  );
  document.body.dataset.epoch = String(m.epoch);
  if (m.mlp.loss === null) {
    status.textContent = `Ready: ${source}, ${points.length} points, seed ${seedInput.value}.`;
    document.body.dataset.ready = 'true';
  }
}

function onOther(m: FromWorker): void {
  if (m.type === 'done') {
    setBusy(false);
    status.textContent = m.stopped ? 'Stopped.' : 'Done.';
    document.body.dataset.trained = String(Number(document.body.dataset.trained ?? 0) + 1);
  } else if (m.type === 'error') {
    setBusy(false);
    status.textContent = `Error: ${m.message}`;
  }
}

// A new data set for the data controls; the network controls keep the points (a dropped CSV too).
for (const c of [dataSelect, noiseInput, seedInput]) c.addEventListener('change', () => init(true));
for (const c of [hiddenInput, actSelect, lrInput, batchInput])
  c.addEventListener('change', () => init(!fromCsv && points.length === 0));
csvInput.addEventListener('change', async () => {
  const f = csvInput.files?.[0];
  if (f) loadCsv(await f.text(), f.name);
});
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', async (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files[0];
  if (f) loadCsv(await f.text(), f.name);
});

const worker = startWorker(onMessage);
init();
