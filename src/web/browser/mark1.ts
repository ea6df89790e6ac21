/**
 * The Mark I panel: the retina (draw with mouse, touch or keys), the card library, the plugboard,
 * the A-unit and R-unit lamps, the weights per R-unit, the operator's buttons and the hardware clock.
 * The machine itself runs in the worker (src/web/worker-core.ts), built as `train --model mark1
 * --engine event` builds it.
 */
import { LIBRARIES, deckCsv, seededDecks } from '../decks.js';
import type { Deck, Library } from '../decks.js';
import type { FromWorker, MachineState } from '../protocol.js';
import {
  Curve,
  box,
  download,
  fmt,
  h,
  labelled,
  readConfig,
  startWorker,
  weightColour,
  css,
} from './common.js';
import { setupReplay } from './replay.js';

const W = 20;
const CELL = 16;
const LAMP = 12;
const LAMP_COLUMNS = 32;

const config = readConfig();
const app = document.getElementById('app') as HTMLElement;
app.textContent = '';

let retina = new Array<number>(W * W).fill(0);
let cursor = 0;
let deck: Deck = { x: [], labels: [] };
let testDeck: Deck = { x: [], labels: [] };
let card = 0;
let classes: string[] = [];
let plugboard: { excitatory: number[][]; inhibitory: number[][] } | undefined;
let selectedA = -1;
let state: MachineState | null = null;
let training = false;
let sumScale = 1;

// ---- controls ----
const libSelect = h(
  'select',
  { id: 'library' },
  ...Object.entries(LIBRARIES).map(([k, v]) => h('option', { value: k }, v.name)),
);
const perClass = h('input', { id: 'per-class', type: 'number', min: 1, max: 50, value: 5, size: 3 });
const noiseInput = h('input', {
  id: 'noise',
  type: 'number',
  min: 0,
  max: 0.5,
  step: 0.01,
  value: 0.03,
  size: 4,
});
const jitterInput = h('input', { id: 'jitter', type: 'number', min: 0, max: 6, step: 1, value: 2, size: 3 });
const seedInput = h('input', { id: 'seed', type: 'number', min: 0, value: config.seed, size: 6 });
const epochsInput = h('input', { id: 'epochs', type: 'number', min: 1, max: 1000, value: 5, size: 4 });
const speedSelect = h(
  'select',
  { id: 'speed' },
  h('option', { value: '1' }, 'real time'),
  h('option', { value: '10' }, '×10'),
  h('option', { value: '100' }, '×100'),
  h('option', { value: 'Infinity', selected: true }, 'as fast as possible'),
);
const desiredSelect = h('select', { id: 'desired' });
const aUnitInput = h('input', { id: 'a-unit', type: 'number', min: -1, max: 511, value: -1, size: 4 });
const rUnitSelect = h('select', { id: 'r-unit' }, h('option', { value: '0' }, '0'));
const cardLabel = h('span', { id: 'card-label', class: 'num' }, '–');

const retinaCanvas = h('canvas', {
  id: 'retina',
  width: W * CELL,
  height: W * CELL,
  tabindex: 0,
  role: 'application',
  'aria-roledescription': 'retina',
  'aria-label':
    'Retina of 20 by 20 photocells. Draw with the mouse or a finger; with the keyboard, arrows move the cursor, Space lights or darkens a cell, Delete clears.',
});
const retinaStatus = h('p', { class: 'note', 'aria-live': 'polite', id: 'retina-status' }, '');
const lampCanvas = h('canvas', {
  id: 'a-lamps',
  width: LAMP_COLUMNS * LAMP,
  height: 16 * LAMP,
  'aria-label': 'A-unit lamps, 512 association units; click one to show its plugboard connections',
  role: 'img',
});
const weightCanvas = h('canvas', {
  id: 'weight-map',
  width: LAMP_COLUMNS * LAMP,
  height: 16 * LAMP,
  role: 'img',
  'aria-label':
    'Weight map: one square per A-unit potentiometer of the chosen R-unit, blue positive, orange negative',
});
const rUnits = h('div', { id: 'r-units' });
const clock = h('p', { class: 'num', id: 'clock', 'aria-live': 'off' }, 'hardware time 0 s');
const motors = h('p', { class: 'note num', id: 'motors' }, '');
const status = h('p', { id: 'status', role: 'status' }, 'Building the machine…');
const curve = new Curve('Learning curve: training mistakes per epoch and held-out accuracy', [
  'mistakes / card',
  'held-out accuracy',
]);
const heldOut = h('p', { id: 'held-out', class: 'num' }, 'held-out accuracy: –');

const btn = (id: string, text: string, onclick: () => void, label?: string): HTMLButtonElement =>
  h('button', { id, type: 'button', onclick, 'aria-label': label }, text);
const presentBtn = btn(
  'present',
  'Present',
  () => worker.send({ type: 'present', x: retina }),
  'Present the retina to the machine',
);
const teachBtn = btn(
  'teach',
  'Teach',
  () => teach(),
  'Teach: present with the desired response; the motors correct the weights',
);
const trainBtn = btn('train', 'Train', () => train(), 'Train on the whole deck');
const stopBtn = btn('stop', 'Stop', () => worker.send({ type: 'stop' }));
const resetBtn = btn(
  'reset',
  'Reset',
  () => reset(),
  'Reset: the same seed, the same plugboard, the initial weights',
);
const newDeckBtn = btn('new-deck', 'New deck', () => newDeck());
const prevBtn = btn('prev-card', '◀', () => showCard(card - 1), 'Previous card');
const nextBtn = btn('next-card', '▶', () => showCard(card + 1), 'Next card');
const clearBtn = btn('clear', 'Clear', () => setRetina(new Array<number>(W * W).fill(0)), 'Clear the retina');
const deckBtn = btn(
  'download-deck',
  'Deck (CSV)',
  () => download('mark1-deck.csv', deckCsv(deck), 'text/csv'),
  'Download the deck as CSV, for train --data',
);
const weightsBtn = btn(
  'download-weights',
  'Weights (JSON)',
  () =>
    state &&
    download(
      'mark1-weights.json',
      JSON.stringify({ layers: state.weights.layers }, null, 2) + '\n',
      'application/json',
    ),
  'Download the weights as train --save writes them',
);
stopBtn.disabled = true;

const replayBox = h('div', { id: 'replay' });

app.append(
  h(
    'div',
    { class: 'grid' },
    box(
      'Retina (S-units)',
      retinaCanvas,
      retinaStatus,
      h('div', { class: 'row' }, prevBtn, cardLabel, nextBtn, clearBtn),
      h('div', { class: 'row' }, labelled('Cards', libSelect)),
      h(
        'div',
        { class: 'row' },
        labelled('per class', perClass),
        labelled('noise', noiseInput),
        labelled('jitter', jitterInput),
      ),
      h('div', { class: 'row' }, labelled('seed', seedInput), newDeckBtn),
    ),
    box(
      'A-units and plugboard',
      lampCanvas,
      h('div', { class: 'row' }, labelled('show the plugboard of A-unit', aUnitInput)),
      h('p', { class: 'note' }, 'On the retina: green cells excite the chosen A-unit, red cells inhibit it.'),
      box('R-units', rUnits),
    ),
    box(
      'Operate',
      h('div', { class: 'row' }, presentBtn, labelled('desired', desiredSelect), teachBtn),
      h('div', { class: 'row' }, labelled('epochs', epochsInput), trainBtn, stopBtn, resetBtn),
      h('div', { class: 'row' }, labelled('hardware clock', speedSelect)),
      clock,
      status,
      curve.svg,
      heldOut,
      h('div', { class: 'row' }, 'Download: ', deckBtn, weightsBtn),
    ),
    box(
      'Potentiometers (A→R weights)',
      h('div', { class: 'row' }, labelled('R-unit', rUnitSelect)),
      weightCanvas,
      motors,
      h('p', { class: 'note' }, 'At real time and ×10 the motors turn the pots as the simulator moves them.'),
    ),
    box('Replay a trace', replayBox),
  ),
);

// ---- the retina ----
function drawRetina(): void {
  const g = retinaCanvas.getContext('2d') as CanvasRenderingContext2D;
  const on = css('--fg');
  const off = css('--bg');
  for (let s = 0; s < W * W; s++) {
    g.fillStyle = retina[s] > 0 ? on : off;
    g.fillRect((s % W) * CELL, Math.floor(s / W) * CELL, CELL, CELL);
  }
  g.strokeStyle = css('--line');
  g.lineWidth = 1;
  for (let i = 0; i <= W; i++) {
    g.beginPath();
    g.moveTo(i * CELL + 0.5, 0);
    g.lineTo(i * CELL + 0.5, W * CELL);
    g.moveTo(0, i * CELL + 0.5);
    g.lineTo(W * CELL, i * CELL + 0.5);
    g.stroke();
  }
  if (plugboard && selectedA >= 0) {
    g.lineWidth = 3;
    for (const [cells, colour] of [
      [plugboard.excitatory[selectedA], css('--ok')],
      [plugboard.inhibitory[selectedA], css('--bad')],
    ] as const) {
      g.strokeStyle = colour;
      for (const s of cells)
        g.strokeRect((s % W) * CELL + 2, Math.floor(s / W) * CELL + 2, CELL - 4, CELL - 4);
    }
  }
  if (document.activeElement === retinaCanvas) {
    g.strokeStyle = css('--accent');
    g.lineWidth = 2;
    g.strokeRect((cursor % W) * CELL + 1, Math.floor(cursor / W) * CELL + 1, CELL - 2, CELL - 2);
  }
  const lit = retina.filter((v) => v > 0).length;
  retinaStatus.textContent =
    `${lit} of ${W * W} photocells lit` + (selectedA >= 0 ? `; plugboard of A-unit ${selectedA} shown` : '');
}

function setRetina(values: number[]): void {
  retina = values.slice();
  drawRetina();
}

let paint: number | null = null;
function cellAt(e: PointerEvent): number {
  const r = retinaCanvas.getBoundingClientRect();
  const cx = Math.floor(((e.clientX - r.left) / r.width) * W);
  const cy = Math.floor(((e.clientY - r.top) / r.height) * W);
  return cx >= 0 && cx < W && cy >= 0 && cy < W ? cy * W + cx : -1;
}
retinaCanvas.addEventListener('pointerdown', (e) => {
  const s = cellAt(e);
  if (s < 0) return;
  // A stroke that starts on a lit cell erases; one that starts on a dark cell draws.
  paint = retina[s] > 0 ? 0 : 1;
  retina[s] = paint;
  retinaCanvas.setPointerCapture(e.pointerId);
  drawRetina();
});
retinaCanvas.addEventListener('pointermove', (e) => {
  if (paint === null) return;
  const s = cellAt(e);
  if (s >= 0 && retina[s] !== paint) {
    retina[s] = paint;
    drawRetina();
  }
});
const endStroke = (): void => {
  paint = null;
};
retinaCanvas.addEventListener('pointerup', endStroke);
retinaCanvas.addEventListener('pointercancel', endStroke);
retinaCanvas.addEventListener('focus', drawRetina);
retinaCanvas.addEventListener('blur', drawRetina);
retinaCanvas.addEventListener('keydown', (e) => {
  const x = cursor % W;
  const y = Math.floor(cursor / W);
  const moves: Record<string, number> = {
    ArrowLeft: x > 0 ? -1 : 0,
    ArrowRight: x < W - 1 ? 1 : 0,
    ArrowUp: y > 0 ? -W : 0,
    ArrowDown: y < W - 1 ? W : 0,
  };
  if (e.key in moves) cursor += moves[e.key];
  else if (e.key === ' ' || e.key === 'Enter') retina[cursor] = retina[cursor] > 0 ? 0 : 1;
  else if (e.key === 'Delete' || e.key === 'Backspace') retina.fill(0);
  else return;
  e.preventDefault();
  drawRetina();
});

// ---- the machine's picture ----
function drawLamps(): void {
  const g = lampCanvas.getContext('2d') as CanvasRenderingContext2D;
  const lamps = state?.lamps ?? [];
  g.fillStyle = css('--panel');
  g.fillRect(0, 0, lampCanvas.width, lampCanvas.height);
  const on = css('--lamp-on');
  const off = css('--lamp-off');
  for (let j = 0; j < lamps.length; j++) {
    g.fillStyle = lamps[j] > 0 ? on : off;
    g.beginPath();
    g.arc(
      (j % LAMP_COLUMNS) * LAMP + LAMP / 2,
      Math.floor(j / LAMP_COLUMNS) * LAMP + LAMP / 2,
      LAMP / 2 - 1.5,
      0,
      2 * Math.PI,
    );
    g.fill();
    if (j === selectedA) {
      g.strokeStyle = css('--accent');
      g.lineWidth = 2;
      g.stroke();
    }
  }
  lampCanvas.dataset.lit = String(lamps.filter((v) => v > 0).length);
}

/** The pots as the motors have turned them so far, while a correction plays; else null. */
let shown: number[][] | null = null;
let animation = 0;

/**
 * Replay a step's recorded motor movement (the simulator's own wiper positions, MachineState.motion)
 * at the clock's speed: each pot takes the positions the motor model gave it, at their times.
 */
function animateMotors(before: number[][], motion: NonNullable<MachineState['motion']>, speed: number): void {
  cancelAnimationFrame(animation);
  shown = before.map((r) => r.slice());
  const { moves, seconds } = motion;
  const turning = new Set(moves.map((m) => `${m[1]}:${m[2]}`)).size;
  const start = performance.now();
  let k = 0;
  const frame = (now: number): void => {
    const t = ((now - start) / 1000) * speed;
    while (k < moves.length && moves[k][0] <= t) {
      const [, u, j, v] = moves[k++];
      if (shown?.[u]) shown[u][j] = v;
    }
    if (t >= seconds) {
      shown = null;
      motors.textContent = '';
    } else {
      motors.textContent = `motors turning ${turning} potentiometer${turning === 1 ? '' : 's'}: ${fmt(t, 2)} of ${fmt(seconds, 3)} s`;
      animation = requestAnimationFrame(frame);
    }
    drawWeights();
  };
  animation = requestAnimationFrame(frame);
}

function drawWeights(): void {
  const g = weightCanvas.getContext('2d') as CanvasRenderingContext2D;
  const u = Number(rUnitSelect.value);
  const w = shown?.[u] ?? state?.weights.layers[0]?.weights[u] ?? [];
  const scale = Math.max(1e-9, ...w.map(Math.abs));
  g.fillStyle = css('--panel');
  g.fillRect(0, 0, weightCanvas.width, weightCanvas.height);
  for (let j = 0; j < w.length; j++) {
    g.fillStyle = weightColour(w[j], scale);
    g.fillRect((j % LAMP_COLUMNS) * LAMP + 1, Math.floor(j / LAMP_COLUMNS) * LAMP + 1, LAMP - 2, LAMP - 2);
  }
}

function drawRUnits(): void {
  const sums = state?.sums ?? [];
  const outputs = state?.outputs ?? [];
  sumScale = Math.max(sumScale, ...sums.map(Math.abs));
  rUnits.textContent = '';
  const n = state?.weights.layers[0]?.weights.length ?? 0;
  for (let u = 0; u < n; u++) {
    const s = sums[u];
    const lit = outputs[u] === 1;
    const half = s === undefined ? 0 : Math.min(50, (50 * Math.abs(s)) / sumScale);
    const bar = h('span', {});
    bar.style.left = `${s !== undefined && s < 0 ? 50 - half : 50}%`;
    bar.style.width = `${half}%`;
    const meaning =
      classes.length === 2 ? `+1 = ${classes[1]}, −1 = ${classes[0]}` : `+1 = ${classes[u] ?? u}`;
    rUnits.append(
      h(
        'div',
        { class: 'row', id: `r-unit-${u}` },
        h('span', {
          class: `lamp${lit ? ' on' : ''}`,
          role: 'img',
          'aria-label': `R-unit ${u} lamp ${lit ? 'on' : 'off'}`,
          'data-lit': lit,
        }),
        h('span', { class: 'num' }, `R${u}`),
        h(
          'span',
          {
            class: 'meter',
            role: 'meter',
            'aria-label': `R-unit ${u} sum`,
            'aria-valuenow': s ?? 0,
            'aria-valuemin': -sumScale,
            'aria-valuemax': sumScale,
          },
          bar,
        ),
        h('span', { class: 'num', 'data-sum': s ?? '' }, s === undefined ? '–' : fmt(s)),
        h('span', { class: 'note' }, meaning),
      ),
    );
  }
}

function drawState(rate = 0): void {
  drawLamps();
  drawWeights();
  drawRUnits();
  if (state) {
    clock.textContent =
      `hardware time ${fmt(state.hardwareSeconds, 4)} s · ${state.steps} presentations` +
      (rate > 0 ? ` · ${fmt(rate)} presentations/s` : '');
    if (training && state.pattern >= 0 && deck.x[state.pattern]) {
      card = state.pattern;
      retina = deck.x[card].slice();
      cardLabel.textContent = `card ${card + 1}/${deck.x.length}: ${deck.labels[card]}`;
      drawRetina();
    }
  }
}

function selectA(j: number): void {
  selectedA = plugboard && j >= 0 && j < plugboard.excitatory.length ? j : -1;
  aUnitInput.value = String(selectedA);
  drawLamps();
  drawRetina();
}
lampCanvas.addEventListener('click', (e) => {
  const r = lampCanvas.getBoundingClientRect();
  const cx = Math.floor(((e.clientX - r.left) / r.width) * LAMP_COLUMNS);
  const cy = Math.floor(((e.clientY - r.top) / r.height) * 16);
  selectA(cy * LAMP_COLUMNS + cx);
});
aUnitInput.addEventListener('change', () => selectA(Number(aUnitInput.value)));
rUnitSelect.addEventListener('change', drawWeights);

// ---- operating ----
function desiredFor(cls: string): number[] {
  // As train codes classes (csv.ts mapClasses): two classes, the larger is +1; more, one-vs-rest.
  return classes.length === 2 ? [cls === classes[1] ? 1 : -1] : classes.map((c) => (c === cls ? 1 : -1));
}

function teach(): void {
  worker.send({
    type: 'teach',
    x: retina,
    d: desiredFor(desiredSelect.value),
    speed: Number(speedSelect.value),
  });
}

function setBusy(busy: boolean): void {
  training = busy;
  for (const b of [presentBtn, teachBtn, trainBtn, resetBtn, newDeckBtn]) b.disabled = busy;
  stopBtn.disabled = !busy;
}

function train(): void {
  setBusy(true);
  status.textContent = 'Training…';
  worker.send({ type: 'train', epochs: Number(epochsInput.value), speed: Number(speedSelect.value) });
}
speedSelect.addEventListener('change', () =>
  worker.send({ type: 'speed', speed: Number(speedSelect.value) }),
);

function showCard(i: number): void {
  if (deck.x.length === 0) return;
  card = (i + deck.x.length) % deck.x.length;
  setRetina(deck.x[card]);
  cardLabel.textContent = `card ${card + 1}/${deck.x.length}: ${deck.labels[card]}`;
  desiredSelect.value = deck.labels[card];
}

function newDeck(): void {
  const seed = Number(seedInput.value);
  const lib = libSelect.value as Library;
  const n = Math.max(1, Math.min(50, Math.round(Number(perClass.value))));
  const decks = seededDecks(lib, n, Number(noiseInput.value), Math.round(Number(jitterInput.value)), seed);
  deck = decks.train;
  testDeck = decks.test;
  reset();
  showCard(0);
}

function reset(): void {
  setBusy(false);
  curve.reset();
  sumScale = 1;
  heldOut.textContent = 'held-out accuracy: –';
  status.textContent = 'Building the machine…';
  worker.send({
    type: 'init',
    config: {
      model: 'mark1',
      seed: Number(seedInput.value),
      csv: { text: deckCsv(deck), file: 'mark1-deck.csv' },
    },
    test: { text: deckCsv(testDeck), file: 'mark1-held-out.csv' },
  });
}

let pendingRate: number | null = null;

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'ready':
      classes = m.classes;
      plugboard = m.plugboard;
      state = m.state;
      aUnitInput.max = String((plugboard?.excitatory.length ?? 512) - 1);
      desiredSelect.replaceChildren(...classes.map((c) => h('option', { value: c }, c)));
      desiredSelect.value = deck.labels[card] ?? classes[0];
      rUnitSelect.replaceChildren(
        ...m.state.weights.layers[0].weights.map((_, u) => h('option', { value: String(u) }, String(u))),
      );
      status.textContent = `Ready: ${m.inputs} photocells, ${plugboard?.excitatory.length ?? '?'} A-units, ${m.outputs} R-unit${m.outputs === 1 ? '' : 's'}; seed ${seedInput.value}.`;
      document.body.dataset.ready = 'true';
      drawState();
      return;
    case 'state': {
      const before = state?.weights.layers[0]?.weights;
      state = m.state;
      const speed = Number(speedSelect.value);
      if (m.state.motion && m.state.motion.moves.length > 0 && before && Number.isFinite(speed))
        animateMotors(before, m.state.motion, speed);
      // The rate as measured, unrounded, for bench/panel.ts.
      if (m.presentationsPerSecond > 0) clock.dataset.rate = String(m.presentationsPerSecond);
      // Drawn once per animation frame, however fast the worker reports (a loaded machine must not
      // queue more drawing than it can do).
      if (pendingRate === null)
        requestAnimationFrame(() => {
          const rate = pendingRate ?? 0;
          pendingRate = null;
          drawState(rate);
        });
      pendingRate = m.presentationsPerSecond;
      return;
    }
    case 'epoch':
      curve.push(0, m.errors / Math.max(1, deck.x.length));
      if (m.heldOut !== null) {
        curve.push(1, m.heldOut);
        heldOut.textContent = `held-out accuracy: ${fmt(100 * m.heldOut)} % on ${testDeck.x.length} cards (after epoch ${m.epoch})`;
      }
      status.textContent = `Epoch ${m.epoch}: ${m.errors} mistakes on ${deck.x.length} cards.`;
      return;
    case 'done':
      setBusy(false);
      status.textContent = (m.stopped ? 'Stopped. ' : 'Trained. ') + status.textContent;
      document.body.dataset.trained = String(Number(document.body.dataset.trained ?? 0) + 1);
      return;
    case 'error':
      setBusy(false);
      status.textContent = `Error: ${m.message}`;
      return;
  }
}

const worker = startWorker(onMessage);
setupReplay(replayBox, {
  model: 'mark1',
  show: (weights, input, step) => {
    if (!state) return;
    state = { ...state, weights, sums: step?.sums ?? [], outputs: step?.outputs ?? [] };
    if (input) setRetina(input);
    drawWeights();
    drawRUnits();
  },
});
newDeck();
