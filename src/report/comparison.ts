/** The side-by-side table of `compare`, for the terminal. */
import type { ChalkInstance } from 'chalk';
import type { CompareReport } from '../experiments/compare.js';
import type { Experiment, ParamValues } from '../experiments/types.js';
import { formatHardwareSeconds, formatSeconds } from '../util/duration.js';
import { lineChart } from './charts.js';
import { renderTable } from './table.js';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');

export function renderComparison(
  exp: Experiment,
  r: CompareReport,
  params: ParamValues,
  style: ChalkInstance,
): string {
  const c = r.config as {
    trainPatterns: number;
    testPatterns: number;
    classes: string[];
    hidden: number;
    epochs: number;
  };
  const out: string[] = [];
  out.push(style.bold(`compare ${exp.id}: ${exp.title}`));
  out.push(
    `seed ${r.seed}; ${c.classes.length} classes (${c.classes.join(' ')}); ${c.trainPatterns} training and ${c.testPatterns} test patterns; ` +
      Object.entries(params)
        // The cap (--epochs, by default the experiment's own epochs) is shown once, below.
        .filter(([k]) => k !== 'epochs')
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') +
      `; at most ${c.epochs} epochs per learner (--epochs)`,
  );
  out.push('');
  const rows = r.rows.map((row) => [
    row.kind === 'machine' ? style.bold(row.name) : row.name,
    row.training,
    pct(row.trainAccuracy),
    pct(row.testAccuracy),
    row.presentationsToCriterion === null
      ? `> ${row.epochs * c.trainPatterns}`
      : String(row.presentationsToCriterion),
    String(row.parameters),
    row.hardwareSeconds === null ? '—' : formatHardwareSeconds(row.hardwareSeconds),
    formatSeconds(row.wallSeconds),
  ]);
  out.push(
    renderTable(
      [
        'learner',
        'training',
        'train acc',
        'test acc',
        'presentations to criterion',
        'parameters',
        'hardware time',
        'wall time',
      ],
      rows,
      { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'] },
    ),
  );
  out.push(
    lineChart(
      Object.entries(r.series).map(([name, s]) => ({ name, x: s.x, y: s.y })),
      { xLabel: 'epoch', yLabel: 'training errors per epoch', colour: style.level > 0 },
    ),
  );
  out.push(
    'criterion: the first epoch with no training errors; "> N" means not reached within --epochs. ' +
      'Hardware time: what the historical machine would have needed (its timing model).',
  );
  return out.join('\n') + '\n';
}
