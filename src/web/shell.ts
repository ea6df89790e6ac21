/**
 * The page around a front panel: one self-contained HTML file with the panel's script and its
 * simulation worker inline. Nothing is loaded from anywhere: the Content-Security-Policy allows only
 * the inline script, inline styles, data: images and a worker made from a blob: URL (the worker's
 * code sits in the page as text), and forbids every connection. 'wasm-unsafe-eval' lets the backprop
 * kernels compile their WebAssembly SIMD module from bytes the bundle holds (src/backprop/simd.ts);
 * it loads nothing. Light and dark by
 * `prefers-color-scheme`, as the HTML report (src/report/html/page.ts).
 */
import { esc, scriptJson } from '../report/html/escape.js';
import { PANEL_ABOUT, PANEL_TITLES } from './about.js';
import type { PanelMachine } from './about.js';

export const PANEL_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; " +
  "worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'";

const CSS = `
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1c1c21; --muted: #5d5d6b; --line: #c9c9d3; --panel: #f3f3f7; --accent: #0072b2;
  --lamp-off: #3a3a40; --lamp-on: #ffb300; --pos: #0072b2; --neg: #d55e00; --ok: #1a7f37; --bad: #c62828; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #15151a; --fg: #e6e6ee; --muted: #a3a3b3; --line: #3a3a46; --panel: #1e1e25; --accent: #56b4e9;
  --lamp-off: #2a2a30; --lamp-on: #ffc83d; --pos: #56b4e9; --neg: #ff8a3d; --ok: #56d364; --bad: #ff7b72; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 12px 18px 32px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.35em; margin: 0 0 6px; }
h2 { font-size: 1.02em; margin: 0 0 6px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; align-items: start; }
.box { border: 1px solid var(--line); background: var(--panel); border-radius: 6px; padding: 10px 12px; }
.row { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 4px 0; }
select, input[type=file] { max-width: 100%; }
button, select, input { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 3px 8px; }
button { cursor: pointer; }
button[aria-pressed=true] { background: var(--accent); color: var(--bg); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
canvas { display: block; max-width: 100%; image-rendering: pixelated; touch-action: none; }
.num { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.muted, .note { color: var(--muted); }
.note { font-size: 0.9em; }
.lamp { display: inline-block; width: 18px; height: 18px; border-radius: 50%; background: var(--lamp-off); border: 1px solid var(--line); vertical-align: middle; }
.lamp.on { background: var(--lamp-on); box-shadow: 0 0 8px var(--lamp-on); }
.meter { position: relative; height: 14px; background: var(--bg); border: 1px solid var(--line); border-radius: 3px; min-width: 120px; flex: 1; }
.meter > span { position: absolute; top: 0; bottom: 0; background: var(--accent); }
.meter::after { content: ""; position: absolute; left: 50%; top: -2px; bottom: -2px; border-left: 1px solid var(--fg); }
details.about { margin: 6px 0 12px; max-width: 1100px; }
details.about summary { cursor: pointer; font-weight: 600; }
svg text { fill: var(--fg); font: 11px system-ui, sans-serif; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export interface PanelPageParts {
  readonly machine: PanelMachine;
  readonly seed: number;
  /** The panel's bundled script (dist/panel/<machine>.js). */
  readonly script: string;
  /** The simulation worker's bundled script (dist/panel/worker.js). */
  readonly worker: string;
  readonly version: string;
}

export function panelPage(p: PanelPageParts): string {
  for (const [name, code] of [
    ['panel script', p.script],
    ['worker script', p.worker],
  ])
    if (/<\/script|<!--/i.test(code))
      throw new Error(`the ${name} contains "</script" or "<!--" and cannot be inlined`);
  const title = PANEL_TITLES[p.machine];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${PANEL_CSP}">`,
    `<meta name="generator" content="perceptron-sim ${esc(p.version)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(title)}</h1>`,
    `<details class="about"><summary>What am I looking at?</summary>${PANEL_ABOUT[p.machine]}</details></header>`,
    '<main id="app" aria-live="off"><p class="muted">Starting the simulator…</p></main>',
    `<footer class="note">perceptron-sim ${esc(p.version)}, seed ${p.seed}. Everything runs in this page; nothing is sent anywhere.</footer>`,
    `<script type="application/json" id="panel-config">${scriptJson({ machine: p.machine, seed: p.seed })}</script>`,
    // The worker's code as text: the page makes a blob: URL of it (CSP worker-src blob:).
    `<script type="text/plain" id="worker-source">${p.worker}</script>`,
    `<script>${p.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
