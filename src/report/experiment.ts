/** The human-readable report of an experiment run, for the terminal. */
import type { ChalkInstance } from 'chalk';
import type { ExperimentReport, Verdict } from '../experiments/run.js';
import { lineChart, shadedGrid } from './charts.js';
import { formatNumber, renderTable } from './table.js';
import { formatHardwareSeconds, formatSeconds } from '../util/duration.js';

export function colourVerdict(v: Verdict, style: ChalkInstance): string {
  if (v === 'reproduced') return style.green(v);
  if (v === 'differs') return style.red(v);
  // Not evidence either way: shown plainly, neither green nor red.
  if (v === 'by construction') return style.cyan(v);
  return style.dim(v);
}

export function renderExperimentReport(
  r: ExperimentReport,
  style: ChalkInstance,
  options: { pictures?: boolean } = {},
): string {
  const out: string[] = [];
  out.push(style.bold(`${r.experiment}: ${r.title} (${r.year})`));
  out.push(`${r.citation}`);
  out.push(`Q: ${r.question}`);
  out.push(
    `seed ${r.seed}${r.full ? ', full scale' : ''}${r.mode === 'fast' ? ', fast mode (fewer runs, smaller sizes)' : ''}; ${Object.entries(
      r.config,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  out.push('');
  const rows = r.results.map((row) => [
    row.description,
    formatNumber(row.measured) + (row.unit ? ` ${row.unit}` : ''),
    row.published === null
      ? '—'
      : `${typeof row.published === 'number' ? formatNumber(row.published) : row.published}`,
    row.tolerance ?? '',
    colourVerdict(row.verdict, style),
    row.source ?? '',
  ]);
  out.push(
    renderTable(['result', 'measured', 'published', 'tolerance', 'verdict', 'source'], rows, {
      align: ['left', 'right', 'right', 'left', 'left', 'left'],
    }),
  );
  if (options.pictures !== false) {
    const groups = new Map<string, Array<{ name: string; x: number[]; y: number[] }>>();
    for (const [name, s] of Object.entries(r.series)) {
      const key = `${s.yLabel} vs ${s.xLabel}`;
      groups.set(key, [...(groups.get(key) ?? []), { name, x: s.x, y: s.y }]);
    }
    for (const [key, series] of groups) {
      const [yLabel, xLabel] = key.split(' vs ');
      // Without colour, overlaid lines cannot be told apart: one chart per series then.
      if (style.level > 0 || series.length === 1)
        out.push(lineChart(series, { xLabel, yLabel, colour: style.level > 0 }));
      else
        for (const s of series)
          out.push(lineChart([s], { xLabel, yLabel: `${s.name}: ${yLabel}`, height: 6 }));
    }
    for (const p of r.measurement.pictures ?? []) {
      out.push(shadedGrid(p.values, p.width, p.height, { scale: p.scale, style, title: p.title }));
    }
  }
  for (const note of r.notes) out.push(`note: ${note}`);
  const hw = r.timing.hardwareSeconds;
  out.push(
    `wall time ${formatSeconds(r.timing.wallSeconds)}${hw !== null ? `; the historical hardware would have needed ${formatHardwareSeconds(hw)}` : ''}`,
  );
  return out.join('\n') + '\n';
}
