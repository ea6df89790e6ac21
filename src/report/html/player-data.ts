/**
 * The trace player's data: the steps to embed in a report and the weights at each of them, kept
 * small enough for a file one can mail (a `mark1-letters` report stays well under 5 MB).
 *
 * The page rebuilds the weights after any embedded step from the initial weights plus, per embedded
 * step, the net change since the previous embedded step (each weight's last value; exact, like the
 * trace's own changes). When a trace has more steps than fit, the first steps are embedded one by
 * one (where learning is fastest) and the rest at even intervals, and the report says so.
 *
 * Pure: it sees the trace's header and its steps, not the file (see trace-source.ts).
 */
import type { InputShape, TraceHeader, TraceStep } from '../../trace/format.js';
import type { LineSeries } from './svg.js';

/** Default number of steps embedded in a player. */
export const DEFAULT_PLAYER_STEPS = 1500;
/** Default limit of (weight, value) pairs of all embedded changes together (about 10 bytes each). */
export const DEFAULT_PLAYER_CHANGE_BUDGET = 250_000;
/** Weights beyond this are not drawn in the player (a large MLP); the steps still are. */
export const PLAYER_MAX_WEIGHTS = 30_000;
/** Significant digits of embedded weights and sums (display only; the trace keeps exact doubles). */
export const PLAYER_DIGITS = 6;
/** Traces with at most this many weights also get a chart of every weight over the steps. */
export const WEIGHT_CHART_MAX = 40;
const WEIGHT_CHART_POINTS = 600;

export interface PlayerLayer {
  readonly units: number;
  readonly inputs: number;
  /** Grid shape of one unit's inputs (the retina for a machine's first layer), or null: a row. */
  readonly shape: readonly [number, number] | null;
}

/** What is embedded in the page as JSON (short keys: it is the bulk of a report). */
export interface PlayerData {
  /** Steps in the trace. */
  readonly total: number;
  /** Embedded step numbers, ascending. */
  readonly step: number[];
  readonly epoch: number[];
  /** Pattern index presented (the first of a batch), -1 when unknown. */
  readonly pattern: number[];
  /** 1 mistake, 0 right, -1 not recorded. */
  readonly mistake: number[];
  readonly sums: number[][];
  readonly outputs: number[][];
  readonly desired: number[][];
  /** Weights are drawn when layers is not empty. Flat order: layer, unit, inputs then bias. */
  readonly layers: PlayerLayer[];
  readonly initial: number[];
  /** Per embedded step: [index, value, index, value, …] of the weights changed since the one before. */
  readonly diffs: number[][];
  /** Inputs by pattern index: a string of '-', '0', '1' for ternary patterns, else numbers. */
  readonly inputs: Record<string, string | number[]>;
  readonly inputShape: InputShape | null;
  /** Largest |weight| per layer over the embedded steps (the colour scale). */
  readonly maxAbs: number[];
  readonly notes: string[];
  /** Names of the output units (the classes), when known; else they are numbered. */
  readonly unitNames?: readonly string[];
}

export interface PlayerBuild {
  readonly data: PlayerData;
  /** Every weight over the steps, when there are few (the ADALINE's 17 gains); else null. */
  readonly weightSeries: LineSeries[] | null;
  /** The first layer's weights per unit before the first step and after the last, laid out as a grid. */
  readonly layer0: {
    readonly initial: number[][];
    readonly final: number[][];
    readonly shape: readonly [number, number];
    /** True when the grid is the retina (the inputs are its cells). */
    readonly retina: boolean;
    /** True when the maps are a Mark I's A→R weights drawn back onto the retina through its plugboard. */
    readonly projected?: boolean;
    /** One name per unit, when known. */
    readonly unitNames?: readonly string[];
  } | null;
  /** The trace header's model and circuit hash (to check a learner view against). */
  readonly model: string | null;
  readonly circuitHash: string | null;
}

export interface PlayerOptions {
  readonly maxSteps?: number;
  readonly changeBudget?: number;
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(PLAYER_DIGITS)) : 0);

/** The steps chosen for `max` slots out of `total`: the first half in a row, the rest evenly spread. */
export function chooseSteps(total: number, max: number): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i + 1);
  const head = Math.floor(max / 2);
  const rest = max - head;
  const out = Array.from({ length: head }, (_, i) => i + 1);
  for (let k = 1; k <= rest; k++) out.push(head + Math.round((k * (total - head)) / rest));
  return [...new Set(out)].sort((a, b) => a - b);
}

function layout(header: TraceHeader): { layers: PlayerLayer[]; offsets: number[]; size: number } {
  const layers: PlayerLayer[] = [];
  const offsets: number[] = [];
  let size = 0;
  header.initial.layers.forEach((L, l) => {
    const inputs = L.weights[0]?.length ?? 0;
    const s = header.inputShape;
    let shape: [number, number] | null = null;
    if (l === 0 && s && s.width * s.height === inputs) shape = [s.width, s.height];
    else if (inputs > 24) {
      const w = Math.ceil(Math.sqrt(inputs * 2));
      shape = [w, Math.ceil(inputs / w)];
    }
    layers.push({ units: L.weights.length, inputs, shape });
    offsets.push(size);
    size += L.weights.length * (inputs + 1);
  });
  return { layers, offsets, size };
}

function flatInitial(header: TraceHeader): number[] {
  const out: number[] = [];
  for (const L of header.initial.layers) {
    L.weights.forEach((row, u) => {
      for (const v of row) out.push(v);
      out.push(L.bias[u] ?? 0);
    });
  }
  return out;
}

export function encodeInput(values: readonly number[]): string | number[] {
  if (values.every((v) => v === -1 || v === 0 || v === 1))
    return values.map((v) => (v === -1 ? '-' : String(v))).join('');
  return values.map(round);
}

/**
 * Choose and pack the steps of a trace for the player. `steps()` gives the trace's steps in order
 * (it is called again, with fewer steps embedded, when the changes would not fit the budget).
 */
export function buildPlayerData(
  header: TraceHeader,
  total: number,
  steps: () => Iterable<TraceStep>,
  options: PlayerOptions = {},
): PlayerBuild {
  const { layers, offsets, size } = layout(header);
  const drawWeights = size > 0 && size <= PLAYER_MAX_WEIGHTS;
  const budget = options.changeBudget ?? DEFAULT_PLAYER_CHANGE_BUDGET;
  let max = Math.max(1, options.maxSteps ?? DEFAULT_PLAYER_STEPS);
  const initial = flatInitial(header);
  const chartSteps = new Set(chooseSteps(total, WEIGHT_CHART_POINTS));
  const wantChart = size > 0 && size <= WEIGHT_CHART_MAX;

  for (;;) {
    const chosen = chooseSteps(total, max);
    const w = initial.slice();
    const maxAbs = layers.map((_, l) => {
      let m = 0;
      for (let i = offsets[l]; i < (offsets[l + 1] ?? size); i++) m = Math.max(m, Math.abs(initial[i]));
      return m;
    });
    const dirty = new Map<number, number>();
    const data = {
      step: [] as number[],
      epoch: [] as number[],
      pattern: [] as number[],
      mistake: [] as number[],
      sums: [] as number[][],
      outputs: [] as number[][],
      desired: [] as number[][],
      diffs: [] as number[][],
    };
    const chart: number[][] = wantChart ? initial.map((v) => [v]) : [];
    const chartX: number[] = wantChart ? [0] : [];
    let used = 0;
    let next = 0;
    let over = false;
    for (const s of steps()) {
      if (next >= chosen.length) break;
      for (const c of s.changes) {
        const [l, u, i, after, piece] = c;
        if ((piece ?? 0) !== 0 || l < 0 || i < -1 || !layers[l]) continue;
        const idx = offsets[l] + u * (layers[l].inputs + 1) + (i === -1 ? layers[l].inputs : i);
        w[idx] = after;
        if (drawWeights) dirty.set(idx, round(after));
        if (Math.abs(after) > maxAbs[l]) maxAbs[l] = Math.abs(after);
      }
      if (wantChart && chartSteps.has(s.step)) {
        chartX.push(s.step);
        w.forEach((v, k) => chart[k].push(v));
      }
      if (s.step !== chosen[next]) continue;
      next++;
      const diff: number[] = [];
      for (const [k, v] of dirty) diff.push(k, v);
      dirty.clear();
      used += diff.length / 2;
      if (used > budget && max > 20) {
        over = true;
        break;
      }
      data.step.push(s.step);
      data.epoch.push(s.epoch);
      data.pattern.push(typeof s.pattern === 'number' ? s.pattern : (s.pattern[0] ?? -1));
      data.mistake.push(s.mistake === null ? -1 : s.mistake ? 1 : 0);
      data.sums.push(s.sums.map(round));
      data.outputs.push(s.outputs.map(round));
      data.desired.push(s.desired.map(round));
      data.diffs.push(diff);
    }
    if (over) {
      max = Math.max(20, Math.floor(max / 2));
      continue;
    }
    const inputs: Record<string, string | number[]> = {};
    for (const p of data.pattern) {
      const values = header.patterns?.[p];
      if (values && inputs[p] === undefined) inputs[p] = encodeInput(values);
    }
    const notes: string[] = [];
    if (data.step.length < total) {
      const head = Math.floor(max / 2);
      notes.push(
        `The trace has ${total} steps; the player holds ${data.step.length} of them: steps 1 to ${head} one by one, then every ` +
          `${Math.round((total - head) / (data.step.length - head || 1))}th or so up to step ${data.step[data.step.length - 1]}. ` +
          'The weights shown at each are exact (all changes in between are applied); use perceptron-sim replay --show for any other step.',
      );
    }
    if (!drawWeights && size > 0)
      notes.push(`The network has ${size} weights, more than the player draws (${PLAYER_MAX_WEIGHTS}).`);
    if (!header.patterns)
      notes.push('The trace does not keep its input patterns (large data sets), so inputs are not shown.');
    if (header.initial.layers.some((L) => L.slopes || L.extraPieces) || header.initial.direct)
      notes.push('PReLU slopes, maxout pieces and direct weights are not drawn.');
    notes.push(
      `Weights and sums are shown to ${PLAYER_DIGITS} significant digits; the trace holds the exact values.`,
    );
    const L0 = layers[0];
    const unitRows = (flat: readonly number[]) =>
      Array.from({ length: L0.units }, (_, u) =>
        flat.slice(u * (L0.inputs + 1), u * (L0.inputs + 1) + L0.inputs),
      );
    const layer0 =
      L0 && L0.inputs > 0
        ? {
            initial: unitRows(initial),
            final: unitRows(w),
            shape: L0.shape ?? ([L0.inputs, 1] as const),
            retina: !!header.inputShape && header.inputShape.width * header.inputShape.height === L0.inputs,
          }
        : null;
    const weightSeries = wantChart
      ? chart.map((y, k) => ({ name: weightLabel(layers, offsets, k), x: chartX, y }))
      : null;
    return {
      data: {
        total,
        ...data,
        layers: drawWeights ? layers : [],
        initial: drawWeights ? initial.map(round) : [],
        inputs,
        inputShape: header.inputShape,
        maxAbs: maxAbs.map(round),
        notes,
      },
      weightSeries,
      layer0,
      model: header.model,
      circuitHash: header.circuitHash,
    };
  }
}

/** Name of a weight by flat index: `w3` (one unit), `u1 w3`, `bias`, `L1 u0 bias`. */
export function weightLabel(layers: readonly PlayerLayer[], offsets: readonly number[], k: number): string {
  let l = layers.length - 1;
  while (l > 0 && offsets[l] > k) l--;
  const L = layers[l];
  const u = Math.floor((k - offsets[l]) / (L.inputs + 1));
  const i = (k - offsets[l]) % (L.inputs + 1);
  const what = i === L.inputs ? 'bias' : `w${i}`;
  return `${layers.length > 1 ? `L${l} ` : ''}${L.units > 1 ? `u${u} ` : ''}${what}`;
}
