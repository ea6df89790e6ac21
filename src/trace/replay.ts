/**
 * What `replay` shows: a summary of a trace (what ran, when it converged, the learning curve), the
 * weights at any step rebuilt from the recorded changes alone, and terminal frames of single steps.
 */
import { UserError } from '../errors.js';
import { formatNumber } from '../report/table.js';
import { weightName } from './format.js';
import type { TraceHeader, TraceStep, TraceWeights } from './format.js';
import { TraceReader, refuseTampered } from './reader.js';
import type { TraceCheck } from './reader.js';

export interface EpochSummary {
  readonly epoch: number;
  readonly steps: number;
  /** Mistakes (null when the steps do not say). */
  readonly errors: number | null;
  readonly loss: number | null;
  /** True for an epoch cut short (interrupted or truncated): no summary line, figures from its steps. */
  readonly partial: boolean;
}

export interface TraceSummary {
  readonly file: string;
  readonly header: TraceHeader;
  readonly check: TraceCheck;
  readonly epochs: EpochSummary[];
  /** First complete epoch with no mistakes, and the step that ended it; null if none. */
  readonly converged: { epoch: number; step: number } | null;
  readonly steps: number;
  /** Simulated seconds at the end of the last step. */
  readonly time: number;
  readonly weightsChanged: number;
}

/** Read a trace once and summarise it. A tampered trace is refused (UserError). */
export function summarizeTrace(file: string): TraceSummary {
  const r = new TraceReader(file);
  const epochs: EpochSummary[] = [];
  let steps = 0;
  let mistakes = 0;
  let sawMistake = false;
  let lossSum = 0;
  let lossTerms = 0;
  let weightsChanged = 0;
  let lastStepOfEpoch = 0;
  let converged: { epoch: number; step: number } | null = null;
  let openEpoch = 0;
  for (let rec = r.next(); rec !== null; rec = r.next()) {
    if (rec.type === 'step') {
      const s = rec.step;
      openEpoch = s.epoch;
      steps++;
      weightsChanged += s.changes.length;
      if (s.mistake !== null) {
        sawMistake = true;
        if (s.mistake) mistakes++;
      }
      if (s.loss !== null) lossSum += s.loss;
      else for (const e of s.errors) lossSum += (e * e) / 2;
      lossTerms += s.loss !== null ? 1 : s.errors.length;
      lastStepOfEpoch = s.step;
    } else if (rec.type === 'epoch') {
      const e = rec.epoch;
      epochs.push({ epoch: e.epoch, steps: e.steps, errors: e.errors, loss: e.loss, partial: false });
      if (e.epoch > 0 && e.errors === 0 && converged === null)
        converged = { epoch: e.epoch, step: lastStepOfEpoch };
      steps = 0;
      mistakes = 0;
      sawMistake = false;
      lossSum = 0;
      lossTerms = 0;
      openEpoch = 0;
    }
  }
  const check = r.check();
  refuseTampered(file, check);
  if (openEpoch !== 0 && steps > 0) {
    epochs.push({
      epoch: openEpoch,
      steps,
      errors: sawMistake ? mistakes : null,
      loss: lossTerms === 0 ? null : lossSum / lossTerms,
      partial: true,
    });
  }
  return {
    file,
    header: r.header,
    check,
    epochs,
    converged,
    steps: check.steps,
    time: check.time,
    weightsChanged,
  };
}

/** The weights after `step` steps (0: the initial weights), rebuilt from the recorded changes. */
export function weightsAt(
  file: string,
  step: number,
): { weights: TraceWeights; epoch: number; check: TraceCheck } {
  if (!Number.isSafeInteger(step) || step < 0)
    throw new UserError(`--at expects a step number ≥ 0, got ${step}`);
  const r = new TraceReader(file);
  let weights: TraceWeights | null = step === 0 ? r.weights.snapshot() : null;
  let epoch = 0;
  for (let rec = r.next(); rec !== null; rec = r.next()) {
    if (rec.type === 'step' && rec.step.step === step) {
      weights = r.weights.snapshot();
      epoch = rec.step.epoch;
    }
  }
  const check = r.check();
  refuseTampered(file, check);
  if (weights === null) {
    const why =
      check.integrity === 'truncated'
        ? `it is truncated after step ${check.steps}`
        : `it ${check.status === 'interrupted' ? 'was interrupted after' : 'has'} ${check.steps} step${check.steps === 1 ? '' : 's'}`;
    throw new UserError(`${file}: no step ${step}: ${why}`, `use --at 0 … ${check.steps}`);
  }
  return { weights, epoch, check };
}

/** The weights as text: one block per layer, one row per unit (bias first). */
export function renderWeights(w: TraceWeights): string {
  const out: string[] = [];
  w.layers.forEach((L, l) => {
    const inputs = L.weights[0]?.length ?? 0;
    out.push(`layer ${l}: ${L.weights.length} units × ${inputs} inputs`);
    L.weights.forEach((row, u) => {
      const extra = L.slopes ? `  slope ${formatNumber(L.slopes[u])}` : '';
      out.push(`  unit ${u}: bias ${formatNumber(L.bias[u])}${extra}  w ${row.map(formatNumber).join(' ')}`);
    });
    L.extraPieces?.forEach((p, k) => {
      p.weights.forEach((row, u) =>
        out.push(
          `  unit ${u} piece ${k + 1}: bias ${formatNumber(p.bias[u])}  w ${row.map(formatNumber).join(' ')}`,
        ),
      );
    });
  });
  if (w.direct) {
    out.push('direct input→output weights:');
    w.direct.weights.forEach((row, u) => out.push(`  unit ${u}: w ${row.map(formatNumber).join(' ')}`));
  }
  return out.join('\n') + '\n';
}

const SHADES = [' ', '░', '▒', '▓', '█'];

/** A pattern as shaded blocks, `width` cells per row (each cell two characters wide). */
export function renderPattern(values: readonly number[], width: number, height: number): string[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x];
      const level =
        v === undefined || !Number.isFinite(v)
          ? 0
          : span > 0
            ? Math.round(((v - lo) / span) * 4)
            : v > 0
              ? 4
              : 0;
      row += SHADES[level].repeat(2);
    }
    rows.push(`│${row}│`);
  }
  const edge = '─'.repeat(width * 2);
  return [`┌${edge}┐`, ...rows, `└${edge}┘`];
}

const MOVES_SHOWN = 12;

function signed(v: number): string {
  const s = formatNumber(v);
  return v > 0 ? `+${s}` : s;
}

/** One step as a terminal frame. `before` holds the weights' values before the step's changes. */
export function renderFrame(header: TraceHeader, s: TraceStep, before: readonly number[]): string {
  const lines: string[] = [];
  const pat = typeof s.pattern === 'number' ? `pattern ${s.pattern}` : `patterns ${s.pattern.join(',')}`;
  const time = s.time > 0 ? ` · t = ${formatNumber(s.time)} s` : '';
  const title = `── step ${s.step} · epoch ${s.epoch} · ${pat}${time} `;
  lines.push(title + '─'.repeat(Math.max(3, 72 - title.length)));
  const index = typeof s.pattern === 'number' ? s.pattern : s.pattern[0];
  const values = header.patterns?.[index];
  if (values) {
    const shape = header.inputShape ?? { width: values.length, height: 1 };
    if (shape.width * shape.height === values.length && shape.width <= 64) {
      lines.push(...renderPattern(values, shape.width, shape.height).map((r) => `  ${r}`));
    } else {
      lines.push(`  input: ${values.map(formatNumber).join(' ')}`);
    }
  } else {
    // Say so rather than leave the reader wondering: large training sets are not copied into traces.
    lines.push(`  input: pattern ${index} of the training data (not kept in this trace)`);
  }
  const units = Math.max(s.sums.length, s.outputs.length, s.desired.length);
  for (let u = 0; u < units; u++) {
    const y = s.outputs[u];
    const d = s.desired[u];
    const mark = y === d ? '✓' : '✗';
    lines.push(
      `  unit ${u}: sum ${formatNumber(s.sums[u] ?? NaN)}  output ${formatNumber(y ?? NaN)}  desired ${formatNumber(d ?? NaN)} ${mark}` +
        `  error ${formatNumber(s.errors[u] ?? NaN)}`,
    );
  }
  if (s.mistake !== null)
    lines.push(`  ${s.mistake ? 'mistake: the machine is corrected' : 'right: no mistake'}`);
  if (s.loss !== null) lines.push(`  loss ${formatNumber(s.loss)}`);
  if (s.changes.length === 0) {
    lines.push('  no weight moved');
  } else {
    const moves = s.changes.map((c, i) => ({ c, before: before[i], delta: c[3] - before[i] }));
    const shown = [...moves].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, MOVES_SHOWN);
    lines.push(
      `  ${s.changes.length} weight${s.changes.length === 1 ? '' : 's'} moved${s.changes.length > MOVES_SHOWN ? ` (largest ${MOVES_SHOWN} shown)` : ''}:`,
    );
    for (const m of shown) {
      const [l, u, i] = m.c;
      const name = weightName(l, u, i, m.c[4] ?? 0).replace(` input ${i}`, ` w${i}`);
      lines.push(`    ${name}: ${formatNumber(m.before)} → ${formatNumber(m.c[3])} (${signed(m.delta)})`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Write the frames of steps `from`…`to` (inclusive). Checks the whole trace first; refuses a tampered one. */
export function showSteps(
  file: string,
  from: number,
  to: number,
  write: (text: string) => void,
): { check: TraceCheck; shown: number } {
  const first = new TraceReader(file);
  const check = first.check();
  refuseTampered(file, check);
  if (from > check.steps) {
    throw new UserError(
      `${file}: --from ${from}: the trace has ${check.steps} step${check.steps === 1 ? '' : 's'}`,
    );
  }
  const r = new TraceReader(file);
  let shown = 0;
  try {
    for (let rec = r.next(); rec !== null; rec = r.next()) {
      if (rec.type !== 'step') continue;
      if (rec.step.step > to) break;
      if (rec.step.step >= from) {
        write(renderFrame(r.header, rec.step, r.lastBefore));
        shown++;
      }
    }
  } finally {
    r.close();
  }
  return { check, shown };
}

/** A small bar chart of a series, one row per entry, at most `maxRows` rows (evenly sampled). */
export function renderCurve(epochs: readonly EpochSummary[], maxRows = 30, width = 40): string {
  const rows = epochs.filter((e) => e.epoch > 0 || e.errors !== null || e.loss !== null);
  if (rows.length === 0) return '';
  const useErrors = rows.some((e) => e.errors !== null);
  const value = (e: EpochSummary) => (useErrors ? (e.errors ?? 0) : (e.loss ?? 0));
  const max = Math.max(...rows.map(value), 0);
  const pick =
    rows.length <= maxRows
      ? rows
      : Array.from({ length: maxRows }, (_, i) => rows[Math.round((i * (rows.length - 1)) / (maxRows - 1))]);
  const out = [`  epoch  ${useErrors ? 'errors' : '  loss'}  ${useErrors ? 'loss' : ''}`];
  for (const e of pick) {
    const v = value(e);
    const n = max > 0 && Number.isFinite(v) ? Math.round((v / max) * width) : 0;
    const bar = '█'.repeat(n) || (v > 0 ? '▏' : '');
    const errs = e.errors === null ? '     -' : String(e.errors).padStart(6);
    const loss = e.loss === null ? '-' : formatNumber(e.loss);
    out.push(
      `  ${String(e.epoch).padStart(5)}  ${useErrors ? `${errs}  ${loss.padEnd(10)}` : loss.padStart(6)}  ${bar}${e.partial ? ' (partial)' : ''}`,
    );
  }
  if (pick.length < rows.length) out.push(`  (${pick.length} of ${rows.length} epochs shown)`);
  return out.join('\n') + '\n';
}

/** Flatten a config object into `key = value` lines (nested keys dotted). */
function configLines(config: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      out.push(...configLines(v as Record<string, unknown>, key));
    } else {
      const text = JSON.stringify(v);
      out.push(`  ${key} = ${text.length > 80 ? text.slice(0, 77) + '…' : text}`);
    }
  }
  return out;
}

export function renderSummary(s: TraceSummary): string {
  const h = s.header;
  const lines: string[] = [];
  lines.push(
    `trace    ${s.file} (${h.format} ${h.version}, written by ${h.program.name} ${h.program.version})`,
  );
  lines.push(`state    ${s.check.message}`);
  lines.push(`command  ${[h.program.name, ...h.command].join(' ')}`);
  lines.push(`model    ${h.model ?? '-'}   rule ${h.rule ?? '-'}   kind ${h.kind}`);
  lines.push(
    `seed     ${h.seed === null ? '-' : String(h.seed)} (${h.rng})${h.circuitHash ? `   circuit sha256 ${h.circuitHash.slice(0, 16)}…` : ''}`,
  );
  const full = s.epochs.filter((e) => e.epoch > 0 && !e.partial).length;
  const partial = s.epochs.some((e) => e.partial) ? ' + 1 partial' : '';
  lines.push(
    `steps    ${s.steps} in ${full} epoch${full === 1 ? '' : 's'}${partial}; ${s.weightsChanged} weight changes` +
      (s.time > 0 ? `; ${formatNumber(s.time)} s of simulated time` : ''),
  );
  lines.push(
    s.converged
      ? `converged in epoch ${s.converged.epoch} (no mistakes; the epoch ended at step ${s.converged.step})`
      : `converged  no: no epoch without mistakes`,
  );
  lines.push('config');
  lines.push(...configLines(h.config));
  const curve = renderCurve(s.epochs);
  if (curve) lines.push('learning curve', curve.trimEnd());
  return lines.join('\n') + '\n';
}

/** The summary as JSON for `replay --json`. */
export function summaryJson(s: TraceSummary): Record<string, unknown> {
  const h = s.header;
  return {
    file: s.file,
    format: h.format,
    version: h.version,
    program: h.program,
    command: h.command,
    kind: h.kind,
    model: h.model,
    rule: h.rule,
    seed: h.seed,
    rng: h.rng,
    circuitHash: h.circuitHash,
    config: h.config,
    integrity: s.check.integrity,
    status: s.check.status,
    message: s.check.message,
    steps: s.steps,
    time: s.time,
    converged: s.converged,
    epochs: s.epochs,
  };
}
