/**
 * What every panel page shares: its configuration, its simulation worker (made from the code the
 * page carries as text, through a blob: URL), small DOM helpers, a learning-curve chart and downloads.
 */
import type { FromWorker, ToWorker } from '../protocol.js';

export interface PanelConfig {
  readonly machine: string;
  readonly seed: number;
}

export function readConfig(): PanelConfig {
  const node = document.getElementById('panel-config');
  return JSON.parse(node?.textContent ?? '{}') as PanelConfig;
}

export interface Worker2 {
  send(m: ToWorker): void;
}

/** Start the page's simulation worker; `on` receives everything it reports. */
export function startWorker(on: (m: FromWorker) => void): Worker2 {
  const code = document.getElementById('worker-source')?.textContent ?? '';
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const w = new Worker(url);
  w.onmessage = (e: MessageEvent<FromWorker>) => on(e.data);
  w.onerror = (e) => showError(e.message);
  return { send: (m) => w.postMessage(m) };
}

type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

/** `h('button', { onclick: f, 'aria-label': 'Present' }, 'Present')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.replace(/^on/, ''), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...children);
  return e;
}

/** A labelled control: `<label>text <control></label>`. */
export function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  return h('label', {}, `${text} `, control);
}

export function box(title: string, ...children: (Node | string)[]): HTMLElement {
  const id = `h-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'box', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function showError(message: string): void {
  const app = document.getElementById('app');
  const p = h('p', { class: 'bad', role: 'alert' }, `Error: ${message}`);
  app?.prepend(p);
}

/** Offer `text` as a file to save (a blob: URL; nothing leaves the page). */
export function download(name: string, text: string, type: string): void {
  const a = h('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

export function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** A blue-to-orange colour for a weight relative to `scale` (the largest magnitude shown). */
export function weightColour(w: number, scale: number): string {
  const t = scale > 0 ? Math.max(-1, Math.min(1, w / scale)) : 0;
  const c = t >= 0 ? css('--pos') : css('--neg');
  return `color-mix(in srgb, ${c} ${Math.round(Math.abs(t) * 100)}%, ${css('--bg')})`;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small line chart of up to two series (values in 0…max), redrawn whole. */
export class Curve {
  readonly svg: SVGSVGElement;
  private readonly series: { name: string; colour: string; values: number[] }[];

  constructor(
    label: string,
    names: readonly [string, string?],
    private readonly width = 300,
    private readonly height = 120,
  ) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute('aria-label', label);
    this.svg.style.width = '100%';
    this.svg.style.maxWidth = `${width}px`;
    this.series = names
      .filter((n): n is string => n !== undefined)
      .map((name, i) => ({ name, colour: i === 0 ? '--pos' : '--neg', values: [] }));
  }

  reset(): void {
    for (const s of this.series) s.values = [];
    this.draw();
  }

  /** What the last point stands for, under the axis (default: its epoch, counting from 1). */
  xLabel: ((points: number) => string) | null = null;

  push(i: number, v: number): void {
    this.series[i].values.push(v);
    this.draw();
  }

  private draw(): void {
    const { width: W, height: H } = this;
    const all = this.series.flatMap((s) => s.values);
    const n = Math.max(2, ...this.series.map((s) => s.values.length));
    const max = Math.max(1e-9, ...all);
    const px = (i: number): number => 30 + ((W - 40) * i) / (n - 1);
    const py = (v: number): number => H - 18 - ((H - 30) * v) / max;
    const parts = [
      `<line x1="30" y1="${H - 18}" x2="${W - 10}" y2="${H - 18}" stroke="currentColor" stroke-opacity="0.5"/>`,
      `<text x="2" y="12">${fmt(max)}</text><text x="2" y="${H - 18}">0</text>`,
      `<text x="${W - 10}" y="${H - 4}" text-anchor="end">${this.xLabel ? this.xLabel(n) : `epoch ${Math.max(...this.series.map((s) => s.values.length))}`}</text>`,
    ];
    this.series.forEach((s, k) => {
      if (s.values.length === 0) return;
      const d = s.values
        .map((v, i) => `${i === 0 ? 'M' : 'L'}${px(i).toFixed(1)},${py(v).toFixed(1)}`)
        .join('');
      parts.push(`<path d="${d}" fill="none" stroke="var(${s.colour})" stroke-width="2"/>`);
      parts.push(`<text x="${40 + k * 130}" y="12" fill="var(${s.colour})">— ${s.name}</text>`);
    });
    this.svg.innerHTML = parts.join('');
  }
}

export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001)
    ? v.toExponential(2)
    : Number(v.toPrecision(digits)).toString();
}
