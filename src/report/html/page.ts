/**
 * The page around a report: one HTML file with its styles and script inline, no request of any kind
 * (system fonts only, no images but inline SVG), light and dark by `prefers-color-scheme`, and a
 * print style that hides the controls and keeps figures whole.
 */
import { esc } from './escape.js';

const CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1c1c21; --muted: #5d5d6b; --line: #d6d6de; --grid: #ececf1; --panel: #f6f6f9;
  --ok: #1a7f37; --bad: #c62828; --neutral: #6e6e7a;
  --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7; --c4: #e69f00; --c5: #56b4e9; --c6: #7a5c00; --c7: #444455;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15151a; --fg: #e6e6ee; --muted: #a3a3b3; --line: #3a3a46; --grid: #2a2a33; --panel: #1e1e25;
    --ok: #56d364; --bad: #ff7b72; --neutral: #9a9aa8;
    --c0: #56b4e9; --c1: #ff8a3d; --c2: #2fd0a0; --c3: #e59ccc; --c4: #f0c040; --c5: #9ad0f5; --c6: #d8b04a; --c7: #c0c0d0;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 64px; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02em; margin: 18px 0 6px; }
p { margin: 6px 0; }
code, pre, .num { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
pre { background: var(--panel); border: 1px solid var(--line); padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.muted, .note { color: var(--muted); }
.note { font-size: 0.92em; }
nav.toc { font-size: 0.92em; margin: 12px 0; }
nav.toc a { color: var(--c0); margin-right: 12px; text-decoration: none; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.93em; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { font-weight: 600; background: var(--panel); }
td.num, th.num { text-align: right; white-space: nowrap; }
table.compact td, table.compact th { padding: 2px 8px; }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict-reproduced, .ok { color: var(--ok); }
.verdict-differs, .bad { color: var(--bad); }
.verdict-none { color: var(--neutral); font-weight: 400; }
.gallery { display: flex; flex-wrap: wrap; gap: 14px 18px; align-items: flex-start; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 0.85em; color: var(--muted); max-width: 320px; }
svg.chart { display: block; max-width: 100%; height: auto; overflow: visible; }
figure.chart-wide { flex: 1 1 480px; max-width: 100%; }
figure.chart-wide svg.chart { width: 100%; }
figure.chart-wide figcaption { max-width: none; }
svg text { fill: var(--fg); font-family: inherit; }
svg .tick { font-size: 11px; fill: var(--muted); }
svg .legend { font-size: 12px; }
svg .axis-label { font-size: 12px; }
svg .axis { stroke: var(--fg); stroke-width: 1; fill: none; }
svg .grid { stroke: var(--grid); stroke-width: 1; fill: none; }
svg .frame { fill: none; stroke: var(--muted); stroke-width: 1; }
svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg .dot { stroke: none; }
${Array.from({ length: 8 }, (_, i) => `svg .s${i} { stroke: var(--c${i}); } svg .dot.s${i} { fill: var(--c${i}); }`).join('\n')}
svg .d1 { stroke-dasharray: 6 3; } svg .d2 { stroke-dasharray: 2 3; }
.player { border: 1px solid var(--line); background: var(--panel); padding: 12px 14px; border-radius: 6px; }
.player:focus { outline: 2px solid var(--c0); }
.player-controls { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.player-controls button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); border-radius: 4px; cursor: pointer; }
.player-controls input[type=range] { flex: 1; min-width: 200px; }
.player-step { font-weight: 600; margin: 8px 0; }
.player-body { display: flex; flex-wrap: wrap; gap: 18px; }
.player-body figure { min-width: 160px; }
.player-layer { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-start; margin-bottom: 8px; }
.player-layer > p { flex-basis: 100%; margin: 4px 0 0; font-size: 0.88em; }
.player-unit figcaption { font-size: 0.8em; }
ul.moves { margin: 4px 0; padding-left: 18px; font-size: 0.88em; }
footer { margin-top: 40px; font-size: 0.85em; color: var(--muted); }
@media print {
  :root { color-scheme: light; --bg: #fff; --fg: #000; --muted: #444; --panel: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .no-print, nav.toc { display: none !important; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .player { border: none; padding: 0; }
  pre { white-space: pre-wrap; }
}
`;

export interface PageParts {
  readonly title: string;
  /** Sections as [id, heading, html]; empty html leaves the section out. */
  readonly sections: ReadonlyArray<readonly [string, string, string]>;
  /** HTML under the title (citation, question, summary line). */
  readonly lead: string;
  /** Inline script, or none. */
  readonly script?: string;
  readonly footer: string;
}

export function page(p: PageParts): string {
  const sections = p.sections.filter(([, , html]) => html.trim() !== '');
  const toc = sections.map(([id, h]) => `<a href="#${esc(id)}">${esc(h)}</a>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even a stray reference could not load anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="perceptron-sim">`,
    `<title>${esc(p.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(p.title)}</h1>${p.lead}</header>`,
    `<nav class="toc">${toc}</nav>`,
    ...sections.map(([id, h, html]) => `<section id="${esc(id)}"><h2>${esc(h)}</h2>\n${html}\n</section>`),
    `<footer>${p.footer}</footer>`,
    p.script ? `<script>${p.script}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
