/**
 * The ADALINE panel: the 4×4 input switches (±1), the 17 gain knobs, the summing meter's needle, the
 * quantizer lamp, the reference switch, Adapt (α-LMS or μ-LMS), the weight technology (hand-turned
 * knobs or memistors) and Widrow and Hoff's T/G/F patterns. The machine is the event-engine ADALINE
 * (`train --model adaline --engine event`), in the worker.
 */
import { ADALINE_GRID, tgfPatterns } from '../../data/adaline-patterns.js';
import type { WeightsJson } from '../../machines/types.js';
import type { FromWorker, MachineState } from '../protocol.js';
import type { PanelRunConfig } from '../engine-adapter.js';
import { box, fmt, h, labelled, readConfig, startWorker } from './common.js';

const N = ADALINE_GRID * ADALINE_GRID;
/** Knob travel shown on the gain sliders: the machine file's knob end-stops (circuits/adaline.json). */
const KNOB_MIN = -10;
const KNOB_MAX = 10;
/** The meter's full scale, each way: the T/G/F targets are ±60. */
const METER_FULL_SCALE = 100;

const config = readConfig();
const app = document.getElementById('app') as HTMLElement;
app.textContent = '';
const patterns = tgfPatterns();
const deckCsv = patterns.map((p) => `${p.inputs.join(',')},${p.target}`).join('\n') + '\n';

let inputs = patterns[0].inputs.slice();
let state: MachineState | null = null;
let weights: WeightsJson | null = null;

const ruleSelect = h(
  'select',
  { id: 'rule' },
  h('option', { value: 'alpha-lms' }, 'α-LMS (WH60)'),
  h('option', { value: 'mu-lms' }, 'μ-LMS'),
);
const techSelect = h(
  'select',
  { id: 'technology' },
  h('option', { value: 'knob' }, 'hand-turned knobs'),
  h('option', { value: 'memistor' }, 'memistors (plating)'),
);
const lrInput = h('input', { id: 'lr', type: 'number', min: 0.001, max: 2, step: 0.01, value: 0.1, size: 5 });
const desiredInput = h('input', {
  id: 'desired',
  type: 'number',
  step: 1,
  value: patterns[0].target,
  size: 5,
});
const refPlus = h('button', { type: 'button', id: 'ref-plus', 'aria-pressed': 'false' }, '+1');
const refMinus = h('button', { type: 'button', id: 'ref-minus', 'aria-pressed': 'false' }, '−1');
const switches = Array.from({ length: N }, (_, i) =>
  h('button', { type: 'button', id: `switch-${i}`, class: 'switch num', 'aria-pressed': 'false' }, ''),
);
const knobs = Array.from({ length: N + 1 }, (_, i) =>
  h('input', {
    id: `gain-${i}`,
    type: 'range',
    min: KNOB_MIN,
    max: KNOB_MAX,
    step: 0.01,
    value: 0,
    'aria-label': i === N ? 'gain a0 (bias)' : `gain a${i + 1} (switch ${i + 1})`,
  }),
);
const knobValues = knobs.map((_, i) => h('span', { class: 'num', id: `gain-value-${i}` }, '0'));
const needle = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
needle.setAttribute('viewBox', '0 0 220 120');
needle.setAttribute('role', 'img');
needle.style.width = '220px';
const sumText = h('p', { class: 'num', id: 'sum', 'aria-live': 'polite' }, 'sum –');
const qLamp = h('span', { class: 'lamp', id: 'quantizer', role: 'img', 'aria-label': 'quantizer lamp off' });
const clock = h('p', { class: 'num', id: 'clock' }, 'hardware time 0 s');
const status = h('p', { id: 'status', role: 'status' }, 'Building the machine…');
const patternButtons = patterns.map((p, i) =>
  h(
    'button',
    { type: 'button', id: `pattern-${i}`, onclick: () => loadPattern(i) },
    `${p.name} (${p.target > 0 ? '+' : ''}${p.target})`,
  ),
);
const adaptBtn = h('button', { type: 'button', id: 'adapt', onclick: () => adapt() }, 'Adapt');
const adaptAllBtn = h(
  'button',
  { type: 'button', id: 'adapt-all', onclick: () => adaptAll() },
  'Adapt on all six',
);
const readBtn = h(
  'button',
  { type: 'button', id: 'read', onclick: () => worker.send({ type: 'present', x: inputs }) },
  'Read the meter',
);
const resetBtn = h('button', { type: 'button', id: 'reset', onclick: () => init() }, 'Reset');

const switchGrid = h('div', { role: 'group', 'aria-label': 'Input switches, 4 by 4, each +1 or −1' });
switchGrid.style.display = 'grid';
switchGrid.style.gridTemplateColumns = `repeat(${ADALINE_GRID}, 48px)`;
switchGrid.style.gap = '6px';
switches.forEach((s, i) => {
  s.style.height = '40px';
  s.addEventListener('click', () => {
    inputs[i] = -inputs[i];
    drawSwitches();
  });
  switchGrid.append(s);
});
const knobList = h('div', { role: 'group', 'aria-label': 'Gain knobs' });
knobs.forEach((k, i) => {
  k.addEventListener('change', () => setKnob(i, Number(k.value)));
  knobList.append(
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'num' }, i === N ? 'a0 (bias)' : `a${i + 1}`),
      k,
      knobValues[i],
    ),
  );
});
refPlus.addEventListener('click', () => setDesired(1));
refMinus.addEventListener('click', () => setDesired(-1));

app.append(
  h(
    'div',
    { class: 'grid' },
    box(
      'Input switches',
      switchGrid,
      h('p', { class: 'note' }, 'Bias input: always +1.'),
      h('div', { class: 'row' }, ...patternButtons),
    ),
    box(
      'Meter and quantizer',
      needle,
      sumText,
      h('div', { class: 'row' }, 'quantizer ', qLamp, h('span', { class: 'note' }, 'lit: +1, dark: −1')),
      h(
        'div',
        { class: 'row' },
        'reference switch ',
        refPlus,
        refMinus,
        labelled('desired sum', desiredInput),
      ),
      h('div', { class: 'row' }, readBtn, adaptBtn, adaptAllBtn, resetBtn),
      h(
        'div',
        { class: 'row' },
        labelled('rule', ruleSelect),
        labelled('α or μ', lrInput),
        labelled('weights', techSelect),
      ),
      clock,
      status,
    ),
    box(
      'Gain knobs',
      knobList,
      h(
        'p',
        { class: 'note' },
        'Turning a knob by hand rebuilds the machine with the knobs where you put them.',
      ),
    ),
  ),
);

function drawSwitches(): void {
  switches.forEach((s, i) => {
    const up = inputs[i] > 0;
    s.textContent = up ? '+1' : '−1';
    s.setAttribute('aria-pressed', String(up));
    s.setAttribute(
      'aria-label',
      `switch ${i + 1}, row ${Math.floor(i / ADALINE_GRID) + 1}, column ${(i % ADALINE_GRID) + 1}: ${up ? '+1' : '−1'}`,
    );
  });
}

function setDesired(v: number): void {
  desiredInput.value = String(v);
  refPlus.setAttribute('aria-pressed', String(v === 1));
  refMinus.setAttribute('aria-pressed', String(v === -1));
}

function loadPattern(i: number): void {
  inputs = patterns[i].inputs.slice();
  setDesired(patterns[i].target);
  drawSwitches();
}

function drawMeter(sum: number | undefined): void {
  const t = sum === undefined ? 0 : Math.max(-1, Math.min(1, sum / METER_FULL_SCALE));
  const angle = (t * 60 * Math.PI) / 180;
  const x = 110 + 90 * Math.sin(angle);
  const y = 110 - 90 * Math.cos(angle);
  const ticks = [-1, -0.5, 0, 0.5, 1]
    .map((v) => {
      const a = (v * 60 * Math.PI) / 180;
      const tx = 110 + 100 * Math.sin(a);
      const ty = 110 - 100 * Math.cos(a);
      return `<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="middle">${v * METER_FULL_SCALE}</text>`;
    })
    .join('');
  needle.innerHTML =
    `<path d="M 32 65 A 90 90 0 0 1 188 65" fill="none" stroke="currentColor" stroke-opacity="0.4" stroke-width="2"/>${ticks}` +
    `<line x1="110" y1="110" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="var(--neg)" stroke-width="3" stroke-linecap="round"/>` +
    `<circle cx="110" cy="110" r="5" fill="currentColor"/>`;
  needle.setAttribute('aria-label', `Summing meter: ${sum === undefined ? 'no reading' : fmt(sum)}`);
}

function drawState(): void {
  if (!state) return;
  weights = state.weights;
  const L = state.weights.layers[0];
  const gains = [...L.weights[0], L.bias[0]];
  gains.forEach((g, i) => {
    knobs[i].value = String(g);
    knobValues[i].textContent = fmt(g);
  });
  const s = state.sums[0];
  drawMeter(s);
  sumText.textContent = s === undefined ? 'sum –' : `sum ${fmt(s, 5)}`;
  const on = state.outputs[0] === 1;
  qLamp.classList.toggle('on', on);
  qLamp.setAttribute('aria-label', `quantizer lamp ${on ? 'on (+1)' : 'off (−1)'}`);
  clock.textContent = `hardware time ${fmt(state.hardwareSeconds, 4)} s · ${state.steps} presentations`;
}

function runConfig(): PanelRunConfig {
  return {
    model: 'adaline',
    seed: config.seed,
    csv: { text: deckCsv, file: 'tgf.csv' },
    rule: ruleSelect.value as 'alpha-lms' | 'mu-lms',
    lr: Number(lrInput.value),
    technology: techSelect.value as 'knob' | 'memistor',
  };
}

function init(withWeights?: WeightsJson): void {
  status.textContent = 'Building the machine…';
  worker.send({ type: 'init', config: runConfig(), ...(withWeights ? { init: withWeights } : {}) });
}

function setKnob(i: number, v: number): void {
  if (!weights) return;
  const w = structuredClone(weights);
  if (i === N) w.layers[0].bias[0] = v;
  else w.layers[0].weights[0][i] = v;
  init(w);
}

function adapt(): void {
  worker.send({ type: 'teach', x: inputs, d: [Number(desiredInput.value)] });
}

function adaptAll(): void {
  worker.send({ type: 'train', epochs: 1, speed: Infinity });
}

for (const c of [ruleSelect, techSelect, lrInput])
  c.addEventListener('change', () => init(weights ?? undefined));

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'ready':
      state = m.state;
      status.textContent = `Ready: ${m.inputs} switches and a bias, ${runConfig().rule}, ${techSelect.value}.`;
      document.body.dataset.ready = 'true';
      drawState();
      return;
    case 'state':
      state = m.state;
      drawState();
      if (m.state.adapted.length > 0) document.body.dataset.adapted = String(m.state.steps);
      return;
    case 'epoch':
      status.textContent = `One pass over T, G, F and their shifts: mean squared error ${fmt(m.loss)} (before each adaptation).`;
      return;
    case 'done':
      return;
    case 'error':
      status.textContent = `Error: ${m.message}`;
      return;
  }
}

const worker = startWorker(onMessage);
drawSwitches();
setDesired(patterns[0].target);
drawMeter(undefined);
init();
