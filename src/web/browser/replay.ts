/**
 * A trace (`--trace FILE`) dropped onto a panel of its machine: scrub through it step by step on the
 * machine's own picture. The weights after step N are the header's initial weights with every
 * recorded change applied (src/trace/rebuild.ts, the same rebuild `replay` uses). The page does not
 * check the trace's digest or signature: `perceptron-sim replay --verify` does.
 */
import type { ChangeTuple, TraceWeights } from '../../trace/format.js';
import { WeightsState } from '../../trace/rebuild.js';
import type { WeightsJson } from '../../machines/types.js';
import { fmt, h, labelled } from './common.js';

/** Snapshots every this many steps, so a jump costs at most this many changes applied. */
const SNAPSHOT_EVERY = 64;

interface Step {
  step: number;
  epoch: number;
  pattern: number;
  sums: number[];
  outputs: number[];
  desired: number[];
  mistake: boolean | null;
  changes: ChangeTuple[];
}

interface Loaded {
  initial: TraceWeights;
  patterns: number[][] | null;
  steps: Step[];
  snapshots: TraceWeights[];
}

export function parseTrace(text: string, model: string): Loaded {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('the file is empty');
  const header = JSON.parse(lines[0]) as Record<string, unknown>;
  if (header.type !== 'header' || header.format !== 'perceptron-sim-trace')
    throw new Error('line 1: expected a perceptron-sim trace header');
  if (header.model !== model)
    throw new Error(`this trace is of a ${String(header.model)}; this panel is a ${model}`);
  const initial = header.initial as TraceWeights;
  const steps: Step[] = [];
  for (let i = 1; i < lines.length; i++) {
    const rec = JSON.parse(lines[i]) as Record<string, unknown>;
    if (rec.type !== 'step') continue;
    steps.push(rec as unknown as Step);
  }
  const state = new WeightsState(initial);
  const snapshots = [state.snapshot()];
  steps.forEach((s, i) => {
    for (const c of s.changes) state.apply(c);
    if ((i + 1) % SNAPSHOT_EVERY === 0) snapshots.push(state.snapshot());
  });
  return { initial, patterns: (header.patterns as number[][] | null) ?? null, steps, snapshots };
}

function weightsAfter(t: Loaded, n: number): TraceWeights {
  const k = Math.floor(n / SNAPSHOT_EVERY);
  const state = new WeightsState(t.snapshots[k]);
  for (let i = k * SNAPSHOT_EVERY; i < n; i++) for (const c of t.steps[i].changes) state.apply(c);
  return state.snapshot();
}

export interface ReplayView {
  readonly model: string;
  /** Show the weights after a step, and the step's input when the trace holds it. */
  show(weights: WeightsJson, input: number[] | null, step: Step | null): void;
}

export function setupReplay(root: HTMLElement, view: ReplayView): void {
  let trace: Loaded | null = null;
  const file = h('input', { id: 'trace-file', type: 'file', accept: '.jsonl,.json,.trace,text/plain' });
  const slider = h('input', {
    id: 'trace-step',
    type: 'range',
    min: 0,
    max: 0,
    value: 0,
    disabled: true,
    'aria-label': 'Trace step',
  });
  const info = h(
    'p',
    { id: 'trace-info', class: 'num', 'aria-live': 'polite' },
    'Drop a trace file here (train --model mark1 --trace FILE), or choose one.',
  );
  const drop = h('div', { class: 'box', id: 'trace-drop', tabindex: -1 }, info);
  const prev = h(
    'button',
    { type: 'button', id: 'trace-prev', 'aria-label': 'Previous step', disabled: true },
    '◀',
  );
  const next = h(
    'button',
    { type: 'button', id: 'trace-next', 'aria-label': 'Next step', disabled: true },
    '▶',
  );
  root.append(
    drop,
    h('div', { class: 'row' }, labelled('Trace file', file)),
    h('div', { class: 'row' }, prev, slider, next),
  );

  const go = (n: number): void => {
    if (!trace) return;
    const k = Math.max(0, Math.min(trace.steps.length, n));
    slider.value = String(k);
    const s = k > 0 ? trace.steps[k - 1] : null;
    const input = s && trace.patterns ? (trace.patterns[s.pattern] ?? null) : null;
    view.show(weightsAfter(trace, k) as WeightsJson, input, s);
    info.textContent =
      k === 0
        ? `step 0 of ${trace.steps.length}: the initial weights`
        : `step ${k} of ${trace.steps.length} (epoch ${s!.epoch}, pattern ${s!.pattern}): sum ${s!.sums.map((v) => fmt(v)).join(', ')}, ` +
          `response ${s!.outputs.join(', ')}, desired ${s!.desired.join(', ')}${s!.mistake ? ', a mistake' : ''}; ${s!.changes.length} weights changed`;
    root.dataset.step = String(k);
  };
  const load = async (f: File): Promise<void> => {
    try {
      trace = parseTrace(await f.text(), view.model);
    } catch (e) {
      trace = null;
      info.textContent = `${f.name}: ${(e as Error).message}`;
      return;
    }
    slider.max = String(trace.steps.length);
    for (const c of [slider, prev, next]) c.disabled = false;
    go(0);
  };
  file.addEventListener('change', () => {
    if (file.files?.[0]) void load(file.files[0]);
  });
  slider.addEventListener('input', () => go(Number(slider.value)));
  prev.addEventListener('click', () => go(Number(slider.value) - 1));
  next.addEventListener('click', () => go(Number(slider.value) + 1));
  // The whole page takes a dropped file, not only the box: a drop elsewhere would open the file.
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) void load(f);
  });
}
