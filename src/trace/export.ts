/**
 * `export`: a trace as CSV (one row per step, for spreadsheets and pandas) or as a VCD of the
 * learning signals over simulated time (errors, outputs, sums and chosen weights, for GTKWave or
 * Surfer). Both read the trace twice (once to check it and size the columns, once to write), stream,
 * and write their output whole or not at all.
 */
import { UserError } from '../errors.js';
import { AtomicFileWriter } from '../util/atomic-file.js';
import { PROGRAM_NAME, VERSION } from '../version.js';
import { BIAS_INPUT, SLOPE_INPUT } from './format.js';
import type { ChangeTuple, TraceHeader, TraceStep } from './format.js';
import { TraceReader, refuseTampered } from './reader.js';
import type { TraceCheck } from './reader.js';
import { WeightsState } from './rebuild.js';
import { VcdWriter, vcdTimescale } from './vcd.js';
import type { VcdSignal } from './vcd.js';

interface Shape {
  header: TraceHeader;
  check: TraceCheck;
  units: number;
  hasLoss: boolean;
  hasMistake: boolean;
}

/** Pass 1: validate the whole trace (refusing a tampered one) and find the widest step. */
function scan(file: string): Shape {
  const r = new TraceReader(file);
  let units = 0;
  let hasLoss = false;
  let hasMistake = false;
  for (let rec = r.next(); rec !== null; rec = r.next()) {
    if (rec.type !== 'step') continue;
    const s = rec.step;
    units = Math.max(units, s.sums.length, s.outputs.length, s.desired.length, s.errors.length);
    if (s.loss !== null) hasLoss = true;
    if (s.mistake !== null) hasMistake = true;
  }
  const check = r.check();
  refuseTampered(file, check);
  return { header: r.header, check, units, hasLoss, hasMistake };
}

/** A number as CSV text: the shortest round-trip decimal, -0 kept, NaN/Infinity by name. */
function csvNumber(v: number | undefined): string {
  if (v === undefined) return '';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Write `file` as CSV to `out`. Returns what the check of the trace found. */
export function exportCsv(file: string, out: string): TraceCheck {
  const shape = scan(file);
  const { units } = shape;
  const cols = ['step', 'epoch', 'time', 'pattern'];
  for (const name of ['sum', 'output', 'desired', 'error']) {
    for (let u = 0; u < units; u++) cols.push(`${name}_${u}`);
  }
  if (shape.hasMistake) cols.push('mistake');
  if (shape.hasLoss) cols.push('loss');
  cols.push('changed');
  const w = new AtomicFileWriter(out, 'CSV file');
  const r = new TraceReader(file);
  try {
    w.write(cols.join(',') + '\n');
    for (let rec = r.next(); rec !== null; rec = r.next()) {
      if (rec.type !== 'step') continue;
      const s = rec.step;
      const row = [String(s.step), String(s.epoch), csvNumber(s.time)];
      row.push(typeof s.pattern === 'number' ? String(s.pattern) : s.pattern.join(';'));
      for (const arr of [s.sums, s.outputs, s.desired, s.errors]) {
        for (let u = 0; u < units; u++) row.push(csvNumber(arr[u]));
      }
      if (shape.hasMistake) row.push(s.mistake === null ? '' : s.mistake ? '1' : '0');
      if (shape.hasLoss) row.push(s.loss === null ? '' : csvNumber(s.loss));
      row.push(String(s.changes.length));
      w.write(row.join(',') + '\n');
    }
    w.commit();
  } catch (err) {
    w.abort();
    throw err;
  } finally {
    r.close();
  }
  return shape.check;
}

/** A weight to follow in the VCD: `layer:unit:input`, input a number, `bias` (-1) or `slope` (-2). */
export function parseWeightList(text: string): ChangeTuple[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => {
      const m = /^(-?\d+):(\d+):(-?\d+|bias|b|slope)(?::(\d+))?$/.exec(t);
      if (!m) {
        throw new UserError(
          `--weights: '${t}' is not layer:unit:input`,
          'e.g. --weights 0:0:bias,0:0:3 (input may be a number, bias or slope; layer -1 is the direct weights)',
        );
      }
      const input =
        m[3] === 'bias' || m[3] === 'b' ? BIAS_INPUT : m[3] === 'slope' ? SLOPE_INPUT : Number(m[3]);
      const c: ChangeTuple = [Number(m[1]), Number(m[2]), input, 0];
      if (m[4] !== undefined && Number(m[4]) > 0) c.push(Number(m[4]));
      return c;
    });
}

function defaultWeights(header: TraceHeader): ChangeTuple[] {
  const L = header.initial.layers[0];
  if (!L || L.weights.length === 0) return [];
  const out: ChangeTuple[] = [[0, 0, BIAS_INPUT, 0]];
  const n = Math.min(3, L.weights[0].length);
  for (let i = 0; i < n; i++) out.push([0, 0, i, 0]);
  return out;
}

function weightSignalName(c: ChangeTuple): string {
  const [l, u, i] = c;
  const piece = c[4] ? `_p${c[4]}` : '';
  const what = i === BIAS_INPUT ? 'bias' : i === SLOPE_INPUT ? 'slope' : `w${i}`;
  return `${l === -1 ? 'direct' : `l${l}`}_u${u}${piece}_${what}`;
}

export interface VcdExportOptions {
  /** Weights to follow; default: layer 0 unit 0's bias and first three inputs. */
  readonly weights?: readonly ChangeTuple[];
  /** Seconds per VCD tick for timed traces (default 1 µs). */
  readonly tickSeconds?: number;
}

/**
 * Write the learning signals of `file` as VCD to `out`. Time is the steps' simulated time, rounded
 * to `tickSeconds`; a trace with no simulated time (the MLP, machines without a timing model) gets
 * one time unit per step.
 */
export function exportVcd(file: string, out: string, options: VcdExportOptions = {}): TraceCheck {
  const shape = scan(file);
  const { header, units } = shape;
  const chosen = options.weights ?? defaultWeights(header);
  const probe = new WeightsState(header.initial);
  for (const c of chosen) {
    const v = probe.get(c);
    if (typeof v === 'string') throw new UserError(`--weights: ${v}`);
  }
  const tick = options.tickSeconds ?? 1e-6;
  if (!(tick > 0) || !Number.isFinite(tick))
    throw new UserError(`--tick must be a positive duration, got ${tick}`);
  try {
    vcdTimescale(tick);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`--tick: ${err.message}`);
    throw err;
  }
  const byStep = !(shape.check.time > 0);

  const signals: VcdSignal[] = [
    { scope: 'learning', name: 'step' },
    { scope: 'learning', name: 'epoch' },
    { scope: 'learning', name: 'pattern' },
  ];
  if (shape.hasMistake) signals.push({ scope: 'learning', name: 'mistake' });
  if (shape.hasLoss) signals.push({ scope: 'learning', name: 'loss' });
  const unitBase = signals.length;
  for (let u = 0; u < units; u++) {
    for (const name of ['sum', 'output', 'desired', 'error']) signals.push({ scope: `unit${u}`, name });
  }
  const weightBase = signals.length;
  for (const c of chosen) signals.push({ scope: 'weights', name: weightSignalName(c) });

  const w = new AtomicFileWriter(out, 'VCD file');
  const r = new TraceReader(file);
  try {
    const vcd = new VcdWriter((t) => w.write(t), signals, {
      tickSeconds: byStep ? 1 : tick,
      version: `${PROGRAM_NAME} ${VERSION} export of ${header.kind} trace (${header.model ?? '-'}, ${header.rule ?? '-'})`,
      comment: byStep
        ? 'time axis: one unit per learning step (the trace records no simulated time)'
        : undefined,
    });
    const initial = new Array<number>(signals.length).fill(0);
    chosen.forEach((c, k) => (initial[weightBase + k] = probe.get(c) as number));
    vcd.dumpInitial(0, initial);
    let last = 0;
    const watch = new Map<string, number>();
    chosen.forEach((c, k) => watch.set(`${c[0]}:${c[1]}:${c[2]}:${c[4] ?? 0}`, weightBase + k));
    const emit = (s: TraceStep) => {
      const t = byStep ? s.step : Math.round(s.time / tick);
      if (t < last) throw new UserError(`${file}: step ${s.step}: simulated time goes backwards`);
      last = t;
      let i = 0;
      vcd.change(t, i++, s.step);
      vcd.change(t, i++, s.epoch);
      vcd.change(t, i++, typeof s.pattern === 'number' ? s.pattern : (s.pattern[0] ?? -1));
      if (shape.hasMistake) vcd.change(t, i++, s.mistake ? 1 : 0);
      if (shape.hasLoss) vcd.change(t, i++, s.loss ?? NaN);
      for (let u = 0; u < units; u++) {
        const b = unitBase + 4 * u;
        vcd.change(t, b, s.sums[u] ?? NaN);
        vcd.change(t, b + 1, s.outputs[u] ?? NaN);
        vcd.change(t, b + 2, s.desired[u] ?? NaN);
        vcd.change(t, b + 3, s.errors[u] ?? NaN);
      }
      for (const c of s.changes) {
        const idx = watch.get(`${c[0]}:${c[1]}:${c[2]}:${c[4] ?? 0}`);
        if (idx !== undefined) vcd.change(t, idx, c[3]);
      }
    };
    for (let rec = r.next(); rec !== null; rec = r.next()) if (rec.type === 'step') emit(rec.step);
    vcd.finish(last);
    w.commit();
  } catch (err) {
    w.abort();
    throw err;
  } finally {
    r.close();
  }
  return shape.check;
}
