/**
 * Hand-written SVG for the HTML report: line charts with axes, ticks, units and a legend; heat maps
 * of grids (retinas, weight maps, decision regions) with a colour scale.
 *
 * Colours of lines and text come from CSS classes and variables of the page (so they follow light and
 * dark mode); heat-map cells carry their own fills, since their colours are data.
 */
import { esc, inWords, num } from './escape.js';

export interface LineSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export interface LineChartOptions {
  readonly title?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
  /** Plot log10(y) (only positive values are drawn). */
  readonly logY?: boolean;
  /** Most points drawn per series; longer series are thinned evenly (first and last kept). */
  readonly maxPoints?: number;
  /**
   * Draw points only, not lines joining them: for results per machine, per seed or per run, where
   * nothing lies between one and the next. Default: when the x axis is labelled as such a count.
   */
  readonly pointsOnly?: boolean;
}

/** x-axis labels whose values are separate things (machine 3, seed 7), never a continuum. */
const CATEGORICAL_X = /^(machine|seed|run|trial|card|letter|net|learner)s?( \(.*\))?$/i;

/**
 * The drawing's own width in SVG units; on the page a chart fills its row (CSS), so this sets the
 * proportions and the size of the text relative to the plot.
 */
export const DEFAULT_CHART_WIDTH = 900;

/** Colours of the line classes .s0 … .s7 (defined in the page's CSS as --c0 … --c7). */
export const SERIES_CLASSES = 8;

/** "Nice" tick values (1, 2, 5 × 10^k steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function thin(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return [...new Set(out)];
}

const f1 = (v: number) => String(Math.round(v * 10) / 10);

/**
 * A line chart of one or more series on shared axes; a legend names each line. Returns an empty
 * string when no series has a finite point (the caller then says so in words).
 */
export function lineChart(series: readonly LineSeries[], o: LineChartOptions): string {
  const W = o.width ?? DEFAULT_CHART_WIDTH;
  const H = o.height ?? 300;
  const tf = (y: number) => (o.logY ? (y > 0 ? Math.log10(y) : NaN) : y);
  const pts = series.map((s) =>
    thin(Math.min(s.x.length, s.y.length), o.maxPoints ?? 1500).map((i) => [s.x[i], tf(s.y[i])] as const),
  );
  const xs = pts.flat().filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (xs.length === 0) return '';
  let xLo = Math.min(...xs.map((p) => p[0]));
  let xHi = Math.max(...xs.map((p) => p[0]));
  let yLo = Math.min(...xs.map((p) => p[1]));
  let yHi = Math.max(...xs.map((p) => p[1]));
  if (!o.logY && yLo > 0 && yLo < 0.5 * yHi) yLo = 0; // counts and accuracies read best from zero
  if (xHi === xLo) {
    xLo -= 1;
    xHi += 1;
  }
  if (yHi === yLo) {
    const pad = Math.abs(yLo) * 0.1 || 1;
    yLo -= pad;
    yHi += pad;
  }
  const legendRows = Math.ceil(series.length / 3);
  const left = 64;
  const right = 16;
  const top = 12 + (series.length > 1 ? legendRows * 18 : 0);
  const bottom = 48;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const sx = (x: number) => left + ((x - xLo) / (xHi - xLo)) * pw;
  const sy = (y: number) => top + ph - ((y - yLo) / (yHi - yLo)) * ph;

  const out: string[] = [];
  const label = `${o.title ? o.title + ': ' : ''}${o.yLabel} against ${o.xLabel}`;
  out.push(
    `<svg class="chart line-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">`,
    `<title>${esc(label)}</title>`,
  );
  // Grid and ticks; whole-number x values get whole-number ticks only (never "2.5 machines").
  const wholeX = xs.every((p) => Number.isInteger(p[0]));
  const pointsOnly = o.pointsOnly ?? (wholeX && CATEGORICAL_X.test(o.xLabel.trim()));
  const xt = niceTicks(xLo, xHi, 6).filter((t) => !wholeX || Number.isInteger(t));
  const yt = niceTicks(yLo, yHi, 5);
  const grid: string[] = [];
  for (const t of yt) grid.push(`M${left} ${f1(sy(t))}H${left + pw}`);
  out.push(`<path class="grid" d="${grid.join('')}"/>`);
  out.push(`<path class="axis" d="M${left} ${top}V${top + ph}H${left + pw}"/>`);
  const tickMarks: string[] = [];
  for (const t of xt) {
    tickMarks.push(`M${f1(sx(t))} ${top + ph}v5`);
    out.push(
      `<text class="tick" x="${f1(sx(t))}" y="${top + ph + 17}" text-anchor="middle">${esc(num(t))}</text>`,
    );
  }
  for (const t of yt) {
    tickMarks.push(`M${left} ${f1(sy(t))}h-5`);
    const text = o.logY ? `1e${num(t)}` : num(t);
    out.push(`<text class="tick" x="${left - 8}" y="${f1(sy(t) + 4)}" text-anchor="end">${esc(text)}</text>`);
  }
  out.push(`<path class="axis" d="${tickMarks.join('')}"/>`);
  out.push(
    `<text class="axis-label" x="${left + pw / 2}" y="${H - 8}" text-anchor="middle">${esc(o.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${top + ph / 2}) rotate(-90)" text-anchor="middle">${esc((o.logY ? 'log₁₀ ' : '') + o.yLabel)}</text>`,
  );
  // Lines (a NaN breaks the line), and dots when there are few points.
  pts.forEach((p, i) => {
    const cls = `s${i % SERIES_CLASSES}`;
    let d = '';
    let pen = false;
    let drawn = 0;
    for (const [x, y] of p) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${f1(sx(x))} ${f1(sy(y))}`;
      pen = true;
      drawn++;
    }
    if (drawn > 1 && !pointsOnly)
      out.push(`<path class="line ${cls}" d="${d}"><title>${esc(inWords(series[i].name))}</title></path>`);
    if (drawn > 0 && (drawn <= 40 || pointsOnly)) {
      for (const [x, y] of p) {
        if (Number.isFinite(x) && Number.isFinite(y))
          out.push(
            `<circle class="dot ${cls}" cx="${f1(sx(x))}" cy="${f1(sy(y))}" r="${pointsOnly ? 4 : 2.5}"/>`,
          );
      }
    }
  });
  // Legend.
  if (series.length > 1) {
    series.forEach((s, i) => {
      const x = left + (i % 3) * Math.floor(pw / 3);
      const y = 8 + Math.floor(i / 3) * 18;
      out.push(
        `<path class="line s${i % SERIES_CLASSES}" d="M${x} ${y + 6}h22"/>`,
        `<text class="legend" x="${x + 28}" y="${y + 10}">${esc(inWords(s.name))}</text>`,
      );
    });
  }
  out.push('</svg>');
  return out.join('');
}

/** A grid of values to draw (the shape of an experiment's `Picture`). */
export interface Grid {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly values: readonly number[];
  readonly scale: 'signed' | 'unsigned' | 'classes';
}

/** Class colours for decision regions (colour-blind-safe, Okabe–Ito). */
export const CLASS_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#999999',
];

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const NEG = [178, 24, 43];
const MID = [247, 247, 247];
const POS = [33, 102, 172];
const PAPER = [255, 255, 255];
const INK = [24, 24, 32];

/** The fill of one value: signed values diverge around 0 (red −, blue +); unsigned go paper to ink. */
export function cellColour(v: number, scale: Grid['scale'], max: number): string {
  if (!Number.isFinite(v)) return '#808080';
  if (scale === 'classes') return CLASS_COLOURS[Math.abs(Math.round(v)) % CLASS_COLOURS.length];
  const t = max > 0 ? Math.min(1, Math.abs(v) / max) : 0;
  if (scale === 'unsigned') return mix(PAPER, INK, t);
  return v < 0 ? mix(MID, NEG, t) : mix(MID, POS, t);
}

/** Largest |value|, for a colour scale shared by several maps. */
export function maxAbs(values: readonly number[]): number {
  let m = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

export interface HeatMapOptions {
  /** Pixels per cell side; default to make the map about 160 px wide. */
  readonly cell?: number;
  /** Value drawn at full colour (default: the map's own largest |value|). */
  readonly max?: number;
  /** Class names for the legend of a `classes` map. */
  readonly classNames?: readonly string[];
  /** Draw the colour scale under the map (default true). */
  readonly legend?: boolean;
}

/** A heat map: one rectangle per run of equal colours in a row, a frame, and a colour scale. */
export function heatMap(g: Grid, o: HeatMapOptions = {}): string {
  const cell = o.cell ?? Math.max(2, Math.min(16, Math.floor(160 / Math.max(g.width, g.height))));
  const max = o.max ?? maxAbs(g.values);
  const w = g.width * cell;
  const h = g.height * cell;
  const legend = o.legend !== false;
  const legendH = legend ? 30 : 0;
  const W = Math.max(w, legend ? Math.max(150, classKeyWidth(g, o.classNames)) : 0) + 2;
  const H = h + 2 + legendH;
  const out: string[] = [
    `<svg class="chart heat-map" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(g.title)}">`,
    `<title>${esc(g.title)}</title>`,
  ];
  for (let r = 0; r < g.height; r++) {
    let c = 0;
    while (c < g.width) {
      const fill = cellColour(g.values[r * g.width + c], g.scale, max);
      let run = 1;
      while (c + run < g.width && cellColour(g.values[r * g.width + c + run], g.scale, max) === fill) run++;
      out.push(
        `<rect x="${1 + c * cell}" y="${1 + r * cell}" width="${run * cell}" height="${cell}" fill="${fill}"/>`,
      );
      c += run;
    }
  }
  out.push(`<rect class="frame" x="0.5" y="0.5" width="${w + 1}" height="${h + 1}"/>`);
  if (legend) out.push(colourScale(g.scale, max, h + 8, o.classNames, g.values));
  out.push('</svg>');
  return out.join('');
}

/** The class values a map holds (at most 6 are named in its key). */
function classesPresent(values: readonly number[]): number[] {
  return [...new Set(values.filter(Number.isFinite).map((v) => Math.abs(Math.round(v))))]
    .sort((a, b) => a - b)
    .slice(0, 6);
}

/** Width of a class map's key (swatch and name per class), so that the drawing holds it. */
function classKeyWidth(g: Grid, classNames: readonly string[] | undefined): number {
  if (g.scale !== 'classes') return 0;
  return classesPresent(g.values).reduce((x, k) => x + 24 + 6 * (classNames?.[k] ?? String(k)).length, 0);
}

/**
 * The key under a heat map: a strip of swatches with the values at its ends (and 0 for signed maps);
 * for a class map, one swatch per class value present in the map, named by `classNames`.
 */
function colourScale(
  scale: Grid['scale'],
  max: number,
  y: number,
  classNames: readonly string[] | undefined,
  values: readonly number[],
): string {
  const out: string[] = [];
  if (scale === 'classes') {
    const present = classesPresent(values);
    // Names as wide as they are: each swatch starts after the previous name.
    let x = 1;
    for (const k of present) {
      const name = classNames?.[k] ?? String(k);
      out.push(
        `<rect x="${x}" y="${y}" width="10" height="10" fill="${CLASS_COLOURS[k % CLASS_COLOURS.length]}"/>`,
      );
      out.push(`<text class="tick" x="${x + 12}" y="${y + 9}">${esc(name)}</text>`);
      x += 24 + 6 * name.length;
    }
    return out.join('');
  }
  const steps = 11;
  for (let k = 0; k < steps; k++) {
    const v = scale === 'signed' ? -max + (2 * max * k) / (steps - 1) : (max * k) / (steps - 1);
    out.push(`<rect x="${1 + k * 10}" y="${y}" width="10" height="8" fill="${cellColour(v, scale, max)}"/>`);
  }
  const lo = scale === 'signed' ? -max : 0;
  out.push(`<text class="tick" x="1" y="${y + 20}">${esc(num(lo))}</text>`);
  if (scale === 'signed') out.push(`<text class="tick" x="56" y="${y + 20}" text-anchor="middle">0</text>`);
  out.push(`<text class="tick" x="111" y="${y + 20}" text-anchor="end">${esc(num(max))}</text>`);
  return out.join('');
}
