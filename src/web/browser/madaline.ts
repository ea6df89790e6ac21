/**
 * The MADALINE panel: several ADALINEs into a fixed AND, OR or majority element (MRI) or an adaptive
 * output layer (MRII), the XNOR task of WL90 Fig. 8 preloaded, and, at every step, which ADALINE the
 * rule chose to adapt. The machine is `train --model madaline --engine event`, in the worker.
 */
import type { FromWorker, MachineState } from '../protocol.js';
import { box, fmt, h, labelled, readConfig, startWorker } from './common.js';

/** XNOR on ±1 inputs (WL90 Fig. 8: two ADALINEs into AND realise it). */
const XNOR: readonly (readonly [number, number, number])[] = [
  [-1, -1, 1],
  [-1, 1, -1],
  [1, -1, -1],
  [1, 1, 1],
];

const config = readConfig();
const app = document.getElementById('app') as HTMLElement;
app.textContent = '';
const csv = XNOR.map((r) => r.join(',')).join('\n') + '\n';

let state: MachineState | null = null;
let next = 0;
let steps = 0;

const ruleSelect = h(
  'select',
  { id: 'rule' },
  h('option', { value: 'mri' }, 'MRI'),
  h('option', { value: 'mrii' }, 'MRII'),
);
const elementSelect = h(
  'select',
  { id: 'element' },
  h('option', { value: 'and' }, 'AND'),
  h('option', { value: 'or' }, 'OR'),
  h('option', { value: 'maj' }, 'majority'),
);
const countInput = h('input', { id: 'adalines', type: 'number', min: 1, max: 9, value: 2, size: 3 });
const epochsInput = h('input', { id: 'epochs', type: 'number', min: 1, max: 1000, value: 10, size: 4 });
const units = h('div', { id: 'adaline-units' });
const outLamp = h('span', { class: 'lamp', id: 'output-lamp', role: 'img', 'aria-label': 'output off' });
const status = h('p', { id: 'status', role: 'status' }, 'Building…');
const log = h('ol', { id: 'log', 'aria-live': 'polite', class: 'num note' });
const patternText = h('p', { id: 'pattern', class: 'num' }, '');
const stepBtn = h('button', { type: 'button', id: 'step', onclick: () => step() }, 'Step (next pattern)');
const trainBtn = h('button', { type: 'button', id: 'train', onclick: () => train() }, 'Train');
const resetBtn = h('button', { type: 'button', id: 'reset', onclick: () => init() }, 'Reset');

app.append(
  h(
    'div',
    { class: 'grid' },
    box(
      'Network and task',
      h('p', {}, 'Task: XNOR of two ±1 inputs (the four patterns in turn).'),
      h(
        'div',
        { class: 'row' },
        labelled('rule', ruleSelect),
        labelled('output element (MRI)', elementSelect),
      ),
      h('div', { class: 'row' }, labelled('ADALINEs', countInput), labelled('epochs', epochsInput)),
      h('div', { class: 'row' }, stepBtn, trainBtn, resetBtn),
      patternText,
      status,
    ),
    box(
      'ADALINEs',
      units,
      h('div', { class: 'row' }, 'output ', outLamp),
      h(
        'p',
        { class: 'note' },
        'Lamps: the responses now, after the last correction; the log gives the output before it.',
      ),
    ),
    box('Steps: which ADALINE the rule adapted', log),
  ),
);

function draw(): void {
  if (!state) return;
  const L = state.weights.layers[0];
  const adapted = new Set(state.adapted);
  units.replaceChildren(
    ...L.weights.map((w, j) => {
      const on = state!.lamps[j] === 1;
      const chosen = adapted.has(`0:${j}`);
      return h(
        'div',
        { class: 'row', id: `adaline-${j}`, 'data-adapted': chosen },
        h('span', {
          class: `lamp${on ? ' on' : ''}`,
          role: 'img',
          'aria-label': `ADALINE ${j + 1} ${on ? '+1' : '−1'}`,
        }),
        h('b', {}, `ADALINE ${j + 1}`),
        h('span', { class: 'num' }, `w = (${w.map((v) => fmt(v)).join(', ')}), b = ${fmt(L.bias[j])}`),
        chosen ? h('span', { class: 'bad' }, '◀ adapted') : '',
      );
    }),
  );
  const on = state.outputs[0] === 1;
  outLamp.classList.toggle('on', on);
  outLamp.setAttribute('aria-label', `output ${on ? '+1' : '−1'}`);
}

function init(): void {
  next = 0;
  steps = 0;
  log.replaceChildren();
  status.textContent = 'Building…';
  worker.send({
    type: 'init',
    config: {
      model: 'madaline',
      seed: config.seed,
      csv: { text: csv, file: 'xnor.csv' },
      rule: ruleSelect.value as 'mri' | 'mrii',
      madaline: {
        adalines: Math.max(1, Math.round(Number(countInput.value))),
        element: elementSelect.value as 'and',
      },
    },
  });
}

function step(): void {
  const [a, b, d] = XNOR[next];
  patternText.textContent = `pattern (${a}, ${b}), desired ${d}`;
  worker.send({ type: 'teach', x: [a, b], d: [d] });
  next = (next + 1) % XNOR.length;
}

function train(): void {
  trainBtn.disabled = stepBtn.disabled = resetBtn.disabled = true;
  worker.send({ type: 'train', epochs: Number(epochsInput.value), speed: Infinity });
}

function note(s: MachineState, text: string): void {
  steps++;
  const who =
    s.adapted.length === 0
      ? 'no adaptation'
      : `adapted ${s.adapted.map((k) => `ADALINE ${Number(k.split(':')[1]) + 1}${k.startsWith('1:') ? ' (output layer)' : ''}`).join(', ')}`;
  log.append(h('li', {}, `${text}: output ${s.outputs[0]} → ${who}`));
  while (log.children.length > 40) log.firstElementChild?.remove();
  if (steps > 0) document.body.dataset.steps = String(steps);
}

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'ready':
      state = m.state;
      status.textContent = `Ready: ${m.state.weights.layers[0].weights.length} ADALINEs, ${ruleSelect.value.toUpperCase()}, seed ${config.seed}.`;
      document.body.dataset.ready = 'true';
      draw();
      return;
    case 'state':
      state = m.state;
      draw();
      if (m.state.pattern === -1 && m.state.adapted !== undefined)
        note(m.state, patternText.textContent ?? '');
      return;
    case 'epoch':
      status.textContent = `Epoch ${m.epoch}: ${m.errors} of 4 wrong (before each step).`;
      return;
    case 'done':
      trainBtn.disabled = stepBtn.disabled = resetBtn.disabled = false;
      document.body.dataset.trained = String(Number(document.body.dataset.trained ?? 0) + 1);
      return;
    case 'error':
      status.textContent = `Error: ${m.message}`;
      return;
  }
}

for (const c of [ruleSelect, elementSelect, countInput]) c.addEventListener('change', () => init());
const worker = startWorker(onMessage);
init();
