/**
 * The HTML report of `run`, `compare` and `replay --report FILE.html`: one self-contained file
 * (see page.ts) with the results, SVG charts and, for a trace, a player that scrubs through its steps.
 *
 * Every renderer takes the results and the command line that produced them (`argv`, the arguments
 * after the program name), so that the page can say exactly how to reproduce itself.
 */
import type { EpochDiagnostics } from '../../backprop/diagnostics.js';
import type { CompareReport, CompareTask } from '../../experiments/compare.js';
import type { ExperimentReport } from '../../experiments/run.js';
import type { LearnerView, ParamValues, Picture, Series } from '../../experiments/types.js';
import type { TraceSummary } from '../../trace/replay.js';
import { formatHardwareSeconds, formatSeconds } from '../../util/duration.js';
import { PROGRAM_NAME, VERSION } from '../../version.js';
import { esc, inWords, labelInWords, num, shellLine } from './escape.js';
import { withLearner } from './learner.js';
import { page } from './page.js';
import { PLAYER_SCRIPT, playerSection } from './player.js';
import type { PlayerBuild } from './player-data.js';
import { heatMap, lineChart, maxAbs } from './svg.js';
import type { Grid, LineSeries } from './svg.js';

export { buildPlayerData } from './player-data.js';
export type { PlayerBuild, PlayerData } from './player-data.js';

export interface RunReportExtras {
  /** The command line after the program name, as typed. */
  readonly argv: readonly string[];
  /** The trace player, when the run recorded a trace (`run --trace`). */
  readonly player?: PlayerBuild;
  /** Backprop diagnostics per epoch, by learner name (dead and saturated fractions, gradient norms). */
  readonly diagnostics?: Readonly<Record<string, readonly EpochDiagnostics[]>>;
}

const command = (argv: readonly string[]) => `${PROGRAM_NAME} ${shellLine(argv)}`;

function footer(): string {
  return `Made by ${esc(PROGRAM_NAME)} ${esc(VERSION)}. This file is self-contained: it loads nothing from anywhere; print it or open it offline.`;
}

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[] = [],
): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  const thead = head.some((h) => h !== '') ? `<thead><tr>${th}</tr></thead>` : '';
  return `<table>${thead}<tbody>\n${body}\n</tbody></table>`;
}

function figure(svg: string, caption: string): string {
  return svg ? `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>` : '';
}

/** Series with the same axes drawn on one chart (e.g. the machine and each MLP). */
function seriesCharts(series: Readonly<Record<string, Series>>): string {
  const groups = new Map<string, { xLabel: string; yLabel: string; lines: LineSeries[] }>();
  for (const [name, s] of Object.entries(series)) {
    const key = `${s.yLabel}\u0000${s.xLabel}`;
    // Labels are drawn and captioned in words (some name a series by its key: value-gain-rules).
    const g = groups.get(key) ?? {
      xLabel: labelInWords(s.xLabel),
      yLabel: labelInWords(s.yLabel),
      lines: [],
    };
    g.lines.push({ name, x: s.x, y: s.y });
    groups.set(key, g);
  }
  // Lines whose x ranges differ more than tenfold (spiral: 200 iterations of the linear classifier
  // against 10,000 of the net) get a panel each: on one axis the short one is an invisible stub.
  for (const [key, g] of [...groups]) {
    const spans = g.lines.map((l) => Math.max(0, ...l.x.filter(Number.isFinite)));
    const lo = Math.min(...spans);
    if (g.lines.length > 1 && lo >= 0 && Math.max(...spans) > 10 * Math.max(lo, 1)) {
      groups.delete(key);
      for (const l of g.lines) groups.set(`${key}\u0000${l.name}`, { ...g, lines: [l] });
    }
  }
  if (groups.size === 0) return '';
  const out: string[] = [];
  for (const g of groups.values()) {
    const svg = lineChart(g.lines, { xLabel: g.xLabel, yLabel: g.yLabel });
    out.push(
      svg
        ? `<figure class="chart-wide">${svg}<figcaption>${esc(g.yLabel)} by ${esc(g.xLabel)}: ${esc(g.lines.map((l) => inWords(l.name)).join(', '))}</figcaption></figure>`
        : `<p class="muted">${esc(g.yLabel)}: no finite values to draw.</p>`,
    );
  }
  return `<div class="gallery">${out.join('\n')}</div>`;
}

type PictureKind = 'input' | 'weights' | 'regions';

/** Decision regions hold class indices; weights are signed; the rest are inputs (retinas, cards). */
export function pictureKind(p: Picture): PictureKind {
  if (p.kind) return p.kind;
  if (p.scale === 'signed') return 'weights';
  if (/class|region|decision/i.test(p.title) && p.values.every((v) => Number.isInteger(v))) return 'regions';
  return 'input';
}

function gallery(pictures: readonly Picture[], kind: PictureKind): string {
  const chosen = pictures.filter((p) => pictureKind(p) === kind);
  if (chosen.length === 0) return '';
  // Weight maps of the same shape share one colour scale, so their strengths can be compared.
  const shared = kind === 'weights' ? maxAbs(chosen.flatMap((p) => p.values)) : undefined;
  const maps = chosen.map((p) => {
    const g: Grid = { ...p, scale: kind === 'regions' ? 'classes' : p.scale };
    const max =
      kind === 'weights' && chosen.every((q) => q.width === p.width && q.height === p.height)
        ? shared
        : undefined;
    // Retinas (20 wide) at 6 px a cell; small cards (the ADALINE's 4×4) at the default size.
    const cell = kind === 'input' && p.width > 8 && p.width <= 20 ? 6 : undefined;
    return figure(heatMap(g, { max, cell, classNames: p.classNames }), p.title);
  });
  const lead =
    kind === 'weights'
      ? '<p class="note">Red negative, blue positive, white zero; maps of one shape share one colour scale.</p>'
      : kind === 'regions'
        ? '<p class="note">Each cell coloured by the class the model predicts there.</p>'
        : '';
  return `${lead}<div class="gallery">${maps.join('\n')}</div>`;
}

function configTable(config: Readonly<Record<string, unknown>>): string {
  const rows = flatten(config).map(([k, v]) => [`<code>${esc(k)}</code>`, `<code>${esc(v)}</code>`]);
  return rows.length ? table(['parameter', 'value'], rows) : '<p class="muted">no parameters</p>';
}

function flatten(obj: Readonly<Record<string, unknown>>, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0)
      out.push(...flatten(v as Record<string, unknown>, key));
    else {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      out.push([key, text === undefined ? 'undefined' : text.length > 400 ? `${text.slice(0, 397)}…` : text]);
    }
  }
  return out;
}

function reproduce(argv: readonly string[], seed: number | string | null, extra = ''): string {
  return [
    `<p>The exact command that reproduces this report (same program version, same seed${seed === null ? '' : ` ${esc(seed)}`}):</p>`,
    `<pre id="command">${esc(command(argv))}</pre>`,
    extra,
  ].join('\n');
}

function diagnosticsCharts(diag: Readonly<Record<string, readonly EpochDiagnostics[]>>): string {
  const dead: LineSeries[] = [];
  const sat: LineSeries[] = [];
  const grad: LineSeries[] = [];
  for (const [name, history] of Object.entries(diag)) {
    const x = history.map((h) => h.epoch);
    if (history.some((h) => h.deadFraction !== null))
      dead.push({ name, x, y: history.map((h) => h.deadFraction ?? NaN) });
    if (history.some((h) => h.saturatedFraction !== null))
      sat.push({ name, x, y: history.map((h) => h.saturatedFraction ?? NaN) });
    const layers = Math.max(0, ...history.map((h) => h.gradientNorm?.length ?? 0));
    for (let l = 0; l < layers; l++)
      grad.push({ name: `${name} layer ${l}`, x, y: history.map((h) => h.gradientNorm?.[l] ?? NaN) });
  }
  return [
    figure(
      lineChart(dead, { xLabel: 'epoch', yLabel: 'dead fraction of hidden ReLU-family units' }),
      'dead units over epochs',
    ),
    figure(
      lineChart(sat, { xLabel: 'epoch', yLabel: 'saturated fraction of hidden sigmoid/tanh units' }),
      'saturated units over epochs',
    ),
    figure(
      lineChart(grad, { xLabel: 'epoch', yLabel: 'mean gradient L2 norm per layer', logY: true }),
      'gradient norm per layer (log scale)',
    ),
  ].join('\n');
}

function verdictCell(v: string): string {
  const cls =
    v === 'reproduced' ? 'verdict-reproduced' : v === 'differs' ? 'verdict-differs' : 'verdict-none';
  return `<span class="verdict ${cls}">${esc(v)}</span>`;
}

function traceSections(player: PlayerBuild | undefined): Array<[string, string, string]> {
  if (!player) return [];
  const out: Array<[string, string, string]> = [];
  if (player.weightSeries)
    out.push([
      'weights-over-time',
      'Weights over the steps',
      figure(
        lineChart(player.weightSeries, { xLabel: 'step', yLabel: 'weight (gain)', height: 360 }),
        `every weight after each step (${player.weightSeries.length} weights, e.g. the ADALINE's 16 gains and its bias)`,
      ),
    ]);
  out.push(['initial-final', 'Weights before and after training', initialFinal(player)]);
  out.push(['player', 'Trace player', playerSection(player.data)]);
  return out;
}

/**
 * The first layer's weights per unit (at most 8), after training and, when they did not all start at
 * zero, before it: a Mark I's as what each R-unit "sees" on the retina (its A→R weights drawn back
 * through the plugboard), named by class when the run knows the classes.
 */
function initialFinal(player: PlayerBuild): string {
  const L = player.layer0;
  if (!L) return '';
  const units = Math.min(8, L.initial.length);
  const startsAtZero = L.initial.every((row) => row.every((v) => v === 0));
  const max = maxAbs([...L.initial.flat(), ...L.final.flat()]);
  const name = (u: number) => (L.unitNames?.[u] !== undefined ? `${L.unitNames[u]}` : `unit ${u}`);
  const maps = (when: 'before' | 'after', rows: readonly (readonly number[])[]) =>
    Array.from({ length: units }, (_, u) =>
      figure(
        heatMap(
          {
            title: `${name(u)} ${when} training`,
            width: L.shape[0],
            height: L.shape[1],
            values: padTo(rows[u], L.shape[0] * L.shape[1]),
            scale: 'signed',
          },
          { max },
        ),
        `${L.projected ? 'R-unit ' : ''}${name(u)}, ${when} training`,
      ),
    ).join('\n');
  const which = L.initial.length > units ? `the first ${units} of ${L.initial.length} units` : 'each unit';
  const lead = L.projected
    ? `What each R-unit "sees": its weights from the A-units drawn back onto the ${L.shape[0]}×${L.shape[1]} retina through the plugboard (per retina cell, the sum over A-units of the weight times the A-unit's excitatory minus inhibitory connections from that cell); blue cells push the unit on, red ones off. One colour scale for all maps (red −, white 0, blue +).`
    : `First layer, ${which}, inputs laid out ${L.shape[0]}×${L.shape[1]}${L.retina ? ' as on the retina' : ''}; one colour scale (red −, white 0, blue +); biases not drawn.`;
  const zero = startsAtZero
    ? '<p class="note">All these weights start at zero, so only the weights after training are drawn.</p>'
    : '';
  const before = startsAtZero
    ? ''
    : `<h3>Before training</h3><div class="gallery">${maps('before', L.initial)}</div><h3>After training</h3>`;
  return `<p class="note">${esc(lead)}</p>${zero}${before}<div class="gallery">${maps('after', L.final)}</div>`;
}

function padTo(values: readonly number[], n: number): number[] {
  const out = values.slice(0, n);
  while (out.length < n) out.push(NaN);
  return out;
}

/** The report of `run <experiment>`. */
export function renderRunReport(report: ExperimentReport, extras: RunReportExtras): string {
  const r = report;
  const pictures = r.measurement.pictures ?? [];
  const player = extras.player && withLearner(extras.player, r.measurement.learner);
  const counts = { reproduced: 0, differs: 0, 'by construction': 0 };
  for (const row of r.results) if (row.verdict in counts) counts[row.verdict as keyof typeof counts]++;
  const results = table(
    ['result', 'measured', 'published', 'tolerance', 'verdict', 'source'],
    r.results.map((row) => [
      esc(row.description),
      esc(num(row.measured) + (row.unit ? ` ${row.unit}` : '')),
      row.published === null
        ? '—'
        : esc(
            typeof row.published === 'number'
              ? num(row.published) + (row.unit ? ` ${row.unit}` : '')
              : row.published,
          ),
      esc(row.tolerance ?? ''),
      verdictCell(row.verdict),
      esc(row.source ?? ''),
    ]),
    [false, true, true, false, false, false],
  );
  const lead = [
    `<p><strong>${esc(r.experiment)}</strong> · ${esc(r.year)} · ${esc(r.citation)}</p>`,
    `<p><em>${esc(r.question)}</em></p>`,
    `<p class="muted">seed ${esc(r.seed)}${r.full ? ' · full scale' : ''} · ${counts.reproduced} reproduced, ${counts.differs} differ${counts.differs === 1 ? 's' : ''}${counts['by construction'] > 0 ? `, ${counts['by construction']} by construction` : ''} · wall time ${esc(formatSeconds(r.timing.wallSeconds))}${r.timing.hardwareSeconds !== null ? ` · the historical hardware would have needed ${esc(formatHardwareSeconds(r.timing.hardwareSeconds))}` : ''}</p>`,
  ].join('\n');
  const notes = r.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n');
  const timing = table(
    ['what', 'value'],
    [
      ['wall time', esc(formatSeconds(r.timing.wallSeconds))],
      [
        'simulated hardware time',
        r.timing.hardwareSeconds === null ? '—' : esc(formatHardwareSeconds(r.timing.hardwareSeconds)),
      ],
      ['seed', esc(r.seed)],
      ['scale', r.full ? 'full (paper scale)' : 'default'],
    ],
  );
  return page({
    title: `${r.experiment}: ${r.title}`,
    lead,
    sections: [
      ['results', 'Results: published against measured', results],
      ['curves', 'Curves', seriesCharts(r.series)],
      ['inputs', 'Input patterns', gallery(pictures, 'input')],
      ['weights', 'Weights', gallery(pictures, 'weights')],
      ['regions', 'Decision regions', gallery(pictures, 'regions')],
      [
        'diagnostics',
        'Backprop diagnostics',
        extras.diagnostics ? diagnosticsCharts(extras.diagnostics) : '',
      ],
      ...traceSections(player),
      ['notes', 'Notes', notes],
      [
        'config',
        'Configuration and reproduction',
        reproduce(extras.argv, r.seed, `${timing}<h3>Parameters</h3>${configTable(r.config)}`),
      ],
    ],
    script: player ? PLAYER_SCRIPT : undefined,
    footer: footer(),
  });
}

export interface CompareReportInput {
  readonly experiment: {
    readonly id: string;
    readonly title: string;
    readonly year?: number;
    readonly citation?: string;
  };
  readonly report: CompareReport;
  /** The task's experiment parameters (`--set` applied). */
  readonly params: ParamValues;
  readonly argv: readonly string[];
  /** The task, for sample input patterns (one held-out pattern per class). */
  readonly task?: CompareTask;
  readonly diagnostics?: Readonly<Record<string, readonly EpochDiagnostics[]>>;
  /** The trace player, when the comparison recorded the machine's learning (`compare --trace`). */
  readonly player?: PlayerBuild;
  /** The compared machine as the player draws it (class names, inputs, plugboard). */
  readonly learner?: LearnerView;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');

/** One held-out pattern per class, drawn on the retina (when the task has one). */
export function samplePictures(task: CompareTask): Picture[] {
  if (!task.retina) return [];
  const { width, height } = task.retina;
  const split = task.test.x.length ? task.test : task.train;
  return task.classes.flatMap((name, k) => {
    const i = split.labels.indexOf(k);
    return i < 0
      ? []
      : [{ title: `a held-out ${name}`, width, height, values: split.x[i], scale: 'unsigned' as const }];
  });
}

/** The report of `compare <experiment>`. */
export function renderCompareReport(input: CompareReportInput): string {
  const { report: r, experiment: e } = input;
  const player = input.player && withLearner(input.player, input.learner);
  const c = r.config as { trainPatterns?: number; testPatterns?: number; classes?: string[] };
  const trainN = c.trainPatterns ?? 0;
  const rows = r.rows.map((row) => [
    row.kind === 'machine' ? `<strong>${esc(row.name)}</strong>` : esc(row.name),
    esc(row.training),
    esc(pct(row.trainAccuracy)),
    esc(pct(row.testAccuracy)),
    row.presentationsToCriterion === null
      ? esc(`> ${row.epochs * trainN}`)
      : esc(row.presentationsToCriterion),
    esc(row.epochs),
    esc(row.parameters),
    row.hardwareSeconds === null ? '—' : esc(formatHardwareSeconds(row.hardwareSeconds)),
    esc(formatSeconds(row.wallSeconds)),
  ]);
  const results =
    table(
      [
        'learner',
        'training',
        'train accuracy',
        'held-out accuracy',
        'presentations to criterion',
        'epochs',
        'parameters',
        'hardware time',
        'wall time',
      ],
      rows,
      [false, false, true, true, true, true, true, true, true],
    ) +
    '<p class="note">Criterion: the first epoch with no training errors; "&gt; N" means not reached within the epoch cap. Hardware time: what the historical machine would have needed (its timing model).</p>';
  const curves: Record<string, Series> = {};
  for (const [name, s] of Object.entries(r.series))
    curves[name] = { ...s, yLabel: 'training errors per epoch' };
  const pctCurves: Record<string, Series> = {};
  if (trainN > 0)
    for (const [name, s] of Object.entries(r.series))
      pctCurves[name] = { ...s, y: s.y.map((v) => (100 * v) / trainN), yLabel: 'training error rate %' };
  const samples = input.task ? samplePictures(input.task) : [];
  const lead = [
    `<p><strong>${esc(e.id)}</strong>${e.year ? ` · ${esc(e.year)}` : ''}${e.citation ? ` · ${esc(e.citation)}` : ''}</p>`,
    `<p class="muted">The historical machine and a backprop MLP per activation on the same data and seed ${esc(r.seed)}: ${esc((c.classes ?? []).length)} classes (${esc((c.classes ?? []).join(' '))}), ${esc(trainN)} training and ${esc(c.testPatterns ?? 0)} held-out patterns.</p>`,
  ].join('\n');
  return page({
    title: `compare ${e.id}: ${e.title}`,
    lead,
    sections: [
      ['results', 'Side by side', results],
      [
        'curves',
        'Learning curves',
        `<p class="note">Each learner's training errors per epoch until its first error-free epoch; the historical machine learns by its own rule, the MLPs by SGD.</p>${seriesCharts(curves)}${seriesCharts(pctCurves)}`,
      ],
      ['inputs', 'Input patterns', samples.length ? gallery(samples, 'input') : ''],
      ['diagnostics', 'Backprop diagnostics', input.diagnostics ? diagnosticsCharts(input.diagnostics) : ''],
      ...traceSections(player),
      [
        'config',
        'Configuration and reproduction',
        reproduce(
          input.argv,
          r.seed,
          `<h3>Comparison</h3>${configTable(r.config)}<h3>Task parameters</h3>${configTable(input.params)}`,
        ),
      ],
    ],
    script: player ? PLAYER_SCRIPT : undefined,
    footer: footer(),
  });
}

export interface ReplayReportInput {
  readonly summary: TraceSummary;
  readonly player: PlayerBuild;
  readonly argv: readonly string[];
}

/** The report of `replay <trace>`: what ran, its learning curve, the weights, and the player. */
export function renderReplayReport(input: ReplayReportInput): string {
  const s = input.summary;
  const h = s.header;
  const full = s.epochs.filter((e) => e.epoch > 0 && !e.partial).length;
  const facts = table(
    ['', ''],
    [
      ['model · rule · kind', esc(`${h.model ?? '—'} · ${h.rule ?? '—'} · ${h.kind}`)],
      ['state', esc(s.check.message)],
      [
        'steps',
        esc(
          `${s.steps} in ${full} epoch${full === 1 ? '' : 's'}${s.epochs.some((e) => e.partial) ? ' + 1 partial' : ''}`,
        ),
      ],
      ['weight changes', esc(s.weightsChanged)],
      [
        'converged',
        s.converged
          ? esc(`in epoch ${s.converged.epoch} (no mistakes; it ended at step ${s.converged.step})`)
          : 'no: no epoch without mistakes',
      ],
      ['simulated time', s.time > 0 ? esc(formatSeconds(s.time)) : '—'],
      ['seed · generator', esc(`${h.seed ?? '—'} · ${h.rng}`)],
      ['circuit SHA-256', h.circuitHash ? `<code>${esc(h.circuitHash)}</code>` : '—'],
      [
        'trace',
        esc(`${s.file} (${h.format} ${h.version}, written by ${h.program.name} ${h.program.version})`),
      ],
    ],
  );
  const epochs = s.epochs.filter((e) => e.epoch > 0);
  const curves: Record<string, Series> = {};
  if (epochs.some((e) => e.errors !== null))
    curves.mistakes = {
      x: epochs.map((e) => e.epoch),
      y: epochs.map((e) => e.errors ?? NaN),
      xLabel: 'epoch',
      yLabel: 'mistakes per epoch',
    };
  if (epochs.some((e) => e.loss !== null))
    curves.loss = {
      x: epochs.map((e) => e.epoch),
      y: epochs.map((e) => e.loss ?? NaN),
      xLabel: 'epoch',
      yLabel: 'loss per epoch',
    };
  const recorded = [PROGRAM_NAME, ...h.command].join(' ');
  return page({
    title: `trace: ${h.model ?? h.kind}${h.rule ? ` · ${h.rule}` : ''}`,
    lead: `<p class="muted">${esc(s.file)} · ${esc(s.check.message)}</p>`,
    sections: [
      ['summary', 'Summary', facts],
      ['curves', 'Learning curve', seriesCharts(curves)],
      ...traceSections(input.player),
      [
        'config',
        'Configuration and reproduction',
        [
          `<p>The run was recorded by:</p><pre id="recorded-command">${esc(shellLine([PROGRAM_NAME, ...h.command]))}</pre>`,
          `<p class="note">${esc(recorded === PROGRAM_NAME ? 'The trace does not record its command.' : 'Re-running it with the same program version gives the same trace, byte for byte; replay --verify checks that step by step.')}</p>`,
          reproduce(input.argv, h.seed),
          `<h3>Recorded configuration</h3>${configTable(h.config)}`,
        ].join('\n'),
      ],
    ],
    script: PLAYER_SCRIPT,
    footer: footer(),
  });
}
