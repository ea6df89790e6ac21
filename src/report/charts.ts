/**
 * Pictures in the terminal: line charts (asciichart) and shaded-block grids (retinas, weight maps,
 * decision regions). Plain text, so they survive pipes and logs; colour only through report/style.
 */
import asciichart from 'asciichart';
import type { ChalkInstance } from 'chalk';

export interface ChartSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

const SERIES_COLOURS = [
  asciichart.blue,
  asciichart.red,
  asciichart.green,
  asciichart.magenta,
  asciichart.cyan,
  asciichart.yellow,
];

/**
 * A line chart of one or more series over a shared x range, resampled to `width` columns (the
 * value at each column is the last point at or before it), with a legend and x-axis labels.
 */
export function lineChart(
  series: readonly ChartSeries[],
  options: { width?: number; height?: number; xLabel?: string; yLabel?: string; colour?: boolean } = {},
): string {
  const width = options.width ?? 60;
  const height = options.height ?? 10;
  const usable = series.filter((s) => s.x.length > 0);
  if (usable.length === 0) return '(no data)\n';
  // Without colour, overlaid lines cannot be told apart: one small chart per series then.
  if (!options.colour && usable.length > 1) {
    return usable
      .map((s) =>
        lineChart([s], {
          ...options,
          height: Math.max(3, Math.round(height / 2)),
          yLabel: `${s.name}: ${options.yLabel ?? ''}`,
        }),
      )
      .join('');
  }
  const xMin = Math.min(...usable.map((s) => s.x[0]));
  const xMax = Math.max(...usable.map((s) => s.x[s.x.length - 1]));
  const columns = usable.map((s) => resample(s, xMin, xMax, width));
  const finite = columns.flat().filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const plot = asciichart.plot(columns, {
    height,
    min: lo,
    max: hi === lo ? lo + 1 : hi,
    colors: options.colour ? SERIES_COLOURS.slice(0, columns.length) : undefined,
    format: (v: number) => formatTick(v).padStart(9),
  });
  const pad = ' '.repeat(11);
  const axis = `${pad}${formatTick(xMin)}${' '.repeat(Math.max(1, width - formatTick(xMin).length - formatTick(xMax).length))}${formatTick(xMax)}`;
  const lines = [options.yLabel ? `${options.yLabel}` : '', plot, axis];
  if (options.xLabel) lines.push(`${pad}${options.xLabel}`);
  if (usable.length > 1 || options.colour) {
    lines.push(
      `${pad}${usable
        .map(
          (s, i) =>
            (options.colour
              ? asciichart.colored('──', SERIES_COLOURS[i % SERIES_COLOURS.length])
              : `[${i + 1}]`) + ` ${s.name}`,
        )
        .join('   ')}`,
    );
  }
  return lines.filter((l, i) => i > 0 || l).join('\n') + '\n';
}

function resample(s: ChartSeries, xMin: number, xMax: number, width: number): number[] {
  const out: number[] = [];
  let j = 0;
  for (let c = 0; c < width; c++) {
    const x = width === 1 ? xMax : xMin + ((xMax - xMin) * c) / (width - 1);
    while (j + 1 < s.x.length && s.x[j + 1] <= x) j++;
    out.push(s.x[j] <= x || c === 0 ? s.y[j] : NaN);
  }
  return out;
}

function formatTick(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

const SHADES = [' ', '░', '▒', '▓', '█'];

/**
 * A grid of values as shaded blocks, two characters per cell so cells look square. `unsigned`
 * values shade from blank (0) to full (max); `signed` values shade by magnitude, positive in one
 * colour and negative in another when colour is on, and negative cells drawn with `-` marks when not.
 */
export function shadedGrid(
  values: readonly number[],
  width: number,
  height: number,
  options: { scale?: 'signed' | 'unsigned'; style?: ChalkInstance; title?: string } = {},
): string {
  const scale = options.scale ?? 'unsigned';
  const max = Math.max(1e-300, ...values.map((v) => Math.abs(v)));
  const lines: string[] = [];
  if (options.title) lines.push(options.title);
  lines.push('┌' + '─'.repeat(2 * width) + '┐');
  for (let r = 0; r < height; r++) {
    let line = '│';
    for (let c = 0; c < width; c++) {
      const v = values[r * width + c];
      const level = Math.min(4, Math.round((Math.abs(v) / max) * 4));
      let cell = SHADES[level].repeat(2);
      if (scale === 'signed' && v < 0) {
        cell =
          options.style && options.style.level > 0
            ? options.style.red(cell)
            : level === 0
              ? '  '
              : level >= 3
                ? '--'
                : '- ';
      } else if (scale === 'signed' && options.style && options.style.level > 0)
        cell = options.style.blue(cell);
      line += cell;
    }
    lines.push(line + '│');
  }
  lines.push('└' + '─'.repeat(2 * width) + '┘');
  if (scale === 'signed')
    lines.push(
      `  scale: |w| ≤ ${max.toPrecision(3)}; ${options.style && options.style.level > 0 ? 'blue +, red −' : 'blocks +, dashes −'}`,
    );
  return lines.join('\n') + '\n';
}
