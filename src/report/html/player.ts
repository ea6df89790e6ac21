/**
 * The trace player in the page: a slider, step buttons and the arrow keys scrub through the embedded
 * steps; for each it shows the input, the sums, outputs against desired, what changed, and the
 * weights after the step, rebuilt in the page from the initial weights and the embedded changes.
 *
 * The page's script keeps a copy of the weights every SNAPSHOT_EVERY embedded steps (made once, on
 * load), so a jump anywhere applies at most that many changes.
 */
import { esc, scriptJson } from './escape.js';
import type { PlayerData } from './player-data.js';

export const PLAYER_DATA_ID = 'player-data';

/** The player's markup and its data (the script is PLAYER_SCRIPT, added once per page). */
export function playerSection(data: PlayerData): string {
  const n = data.step.length;
  if (n === 0) return '<p class="muted">The trace has no steps to play.</p>';
  return [
    `<div class="player" id="player" tabindex="0" aria-label="trace player">`,
    `<div class="player-controls no-print">`,
    `<button type="button" data-go="first" title="first step (Home)">« first</button>`,
    `<button type="button" data-go="prev" title="previous step (←)">‹ prev</button>`,
    `<button type="button" data-go="play" title="play / pause (space)">▶ play</button>`,
    `<button type="button" data-go="next" title="next step (→)">next ›</button>`,
    `<button type="button" data-go="last" title="last step (End)">last »</button>`,
    `<input type="range" id="player-slider" min="0" max="${n - 1}" value="0" step="1" aria-label="embedded step">`,
    `</div>`,
    `<p class="player-step" id="player-step" aria-live="polite">step ${data.step[0]}</p>`,
    `<div class="player-body">`,
    `<figure class="player-input"><figcaption>input</figcaption><div id="player-input"></div></figure>`,
    `<figure class="player-units"><figcaption>sums (before the correction), outputs and desired</figcaption><div id="player-units"></div></figure>`,
    `<figure class="player-changes"><figcaption>weights this step moved (largest first)</figcaption><div id="player-changes"></div></figure>`,
    `</div>`,
    data.layers.length
      ? `<figure class="player-weights"><figcaption>weights after the step (colour scale per layer: red −, blue +; the same over all steps) <span id="player-readout" class="muted"></span></figcaption><div id="player-weights"></div></figure>`
      : '',
    data.notes.map((t) => `<p class="note">${esc(t)}</p>`).join(''),
    `<script type="application/json" id="${PLAYER_DATA_ID}">${scriptJson(data)}</script>`,
    `</div>`,
  ].join('\n');
}

/** The player's script: plain ES2017, no libraries, reads its data from the JSON block. */
export const PLAYER_SCRIPT = String.raw`
(function () {
  'use strict';
  var block = document.getElementById('player-data');
  if (!block) return;
  var D = JSON.parse(block.textContent);
  var N = D.step.length;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var SNAPSHOT_EVERY = 32;
  var size = D.initial.length;

  // Weights after embedded step k: snapshots[m] holds them before step m*SNAPSHOT_EVERY.
  var snapshots = [];
  (function () {
    var w = Float64Array.from(D.initial);
    for (var k = 0; k < N; k++) {
      if (k % SNAPSHOT_EVERY === 0) snapshots.push(w.slice());
      var d = D.diffs[k];
      for (var j = 0; j < d.length; j += 2) w[d[j]] = d[j + 1];
    }
  })();
  function weightsAfter(k) {
    var m = Math.floor(k / SNAPSHOT_EVERY);
    var w = snapshots[m].slice();
    for (var s = m * SNAPSHOT_EVERY; s <= k; s++) {
      var d = D.diffs[s];
      for (var j = 0; j < d.length; j += 2) w[d[j]] = d[j + 1];
    }
    return w;
  }

  function hex(c) { return '#' + c.map(function (v) { return Math.round(v).toString(16).padStart(2, '0'); }).join(''); }
  function mix(a, b, t) { return hex(a.map(function (v, i) { return v + (b[i] - v) * t; })); }
  var NEG = [178, 24, 43], MID = [247, 247, 247], POS = [33, 102, 172], PAPER = [255, 255, 255], INK = [24, 24, 32];
  function signedColour(v, max) {
    var t = max > 0 ? Math.min(1, Math.abs(v) / max) : 0;
    return v < 0 ? mix(MID, NEG, t) : mix(MID, POS, t);
  }
  // Output units by class name when the run knows them (the Mark I's R-units A–H), else numbered.
  function unitName(u) { return D.unitNames && D.unitNames[u] !== undefined ? D.unitNames[u] : 'unit ' + u; }
  function esc(t) { return String(t).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  // The class a step teaches: the unit whose desired response is the largest (when units are named).
  function taught(k) {
    if (!D.unitNames || D.desired[k].length !== D.unitNames.length || D.desired[k].length < 2) return '';
    var best = 0;
    for (var u = 1; u < D.desired[k].length; u++) if (D.desired[k][u] > D.desired[k][best]) best = u;
    return ' (' + D.unitNames[best] + ')';
  }
  function fmt(v) {
    if (typeof v !== 'number' || isNaN(v)) return '—';
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(4)));
  }
  function el(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function gridSvg(parent, cols, rows, cell, label) {
    var svg = el('svg', { width: cols * cell + 2, height: rows * cell + 2, viewBox: '0 0 ' + (cols * cell + 2) + ' ' + (rows * cell + 2), role: 'img', 'aria-label': label, 'class': 'chart' });
    var rects = [];
    for (var r = 0; r < rows; r++)
      for (var c = 0; c < cols; c++)
        rects.push(el('rect', { x: 1 + c * cell, y: 1 + r * cell, width: cell, height: cell, fill: '#f7f7f7' }, svg));
    el('rect', { 'class': 'frame', x: 0.5, y: 0.5, width: cols * cell + 1, height: rows * cell + 1 }, svg);
    parent.appendChild(svg);
    return rects;
  }

  // Input: the pattern as a grid when the trace gives its shape, else as numbers.
  var inputBox = document.getElementById('player-input');
  var inputRects = null;
  var shape = D.inputShape;
  function decode(p) {
    var v = D.inputs[p];
    if (v === undefined) return null;
    if (typeof v === 'string') return v.split('').map(function (ch) { return ch === '-' ? -1 : Number(ch); });
    return v;
  }
  var firstInput = decode(D.pattern[0]);
  if (firstInput && shape && shape.width * shape.height === firstInput.length) {
    var cell = Math.max(3, Math.min(18, Math.floor(160 / Math.max(shape.width, shape.height))));
    inputRects = gridSvg(inputBox, shape.width, shape.height, cell, 'input pattern');
  }
  function showInput(k) {
    var x = decode(D.pattern[k]);
    var head = 'pattern ' + (D.pattern[k] >= 0 ? D.pattern[k] : '?');
    if (!x) { inputBox.setAttribute('data-pattern', head); if (!inputRects) inputBox.textContent = head + ' (not kept in the trace)'; return; }
    if (inputRects) {
      var lo = Math.min.apply(null, x), hi = Math.max.apply(null, x);
      for (var i = 0; i < x.length; i++) {
        var t = hi > lo ? (x[i] - lo) / (hi - lo) : (x[i] > 0 ? 1 : 0);
        inputRects[i].setAttribute('fill', mix(PAPER, INK, t));
      }
      inputBox.setAttribute('data-pattern', head);
    } else {
      inputBox.textContent = head + ': ' + x.map(fmt).join(' ');
    }
  }

  // Weights: per layer, per unit a grid (the retina's shape when the inputs are the retina) and its bias.
  var weightRects = [];
  var weightsBox = document.getElementById('player-weights');
  var readout = document.getElementById('player-readout');
  var current = null;
  var MAX_UNITS_DRAWN = 16;
  if (weightsBox) {
    var offset = 0;
    D.layers.forEach(function (L, l) {
      var row = document.createElement('div');
      row.className = 'player-layer';
      var title = document.createElement('p');
      title.className = 'muted';
      title.textContent = (D.layers.length > 1 ? 'layer ' + l + ': ' : '') + L.units + ' unit' + (L.units === 1 ? '' : 's') + ' × ' + L.inputs + ' inputs + bias' + (L.units > MAX_UNITS_DRAWN ? ' (first ' + MAX_UNITS_DRAWN + ' units drawn)' : '') + '; |w| ≤ ' + fmt(D.maxAbs[l]);
      row.appendChild(title);
      var cols = L.shape ? L.shape[0] : L.inputs;
      var rows = L.shape ? L.shape[1] : 1;
      var cell = Math.max(2, Math.min(16, Math.floor(120 / Math.max(cols, rows))));
      for (var u = 0; u < Math.min(L.units, MAX_UNITS_DRAWN); u++) {
        var fig = document.createElement('figure');
        fig.className = 'player-unit';
        var cap = document.createElement('figcaption');
        cap.textContent = l === D.layers.length - 1 ? unitName(u) : 'unit ' + u;
        var rects = gridSvg(fig, cols, rows, cell, 'weights of layer ' + l + ' unit ' + u);
        var biasSvg = el('svg', { width: 40, height: 16, viewBox: '0 0 40 16', 'class': 'chart', role: 'img', 'aria-label': 'bias' });
        var b = el('rect', { x: 1, y: 1, width: 14, height: 14, fill: '#f7f7f7' }, biasSvg);
        var bt = el('text', { x: 19, y: 12, 'class': 'tick' }, biasSvg);
        bt.textContent = 'b';
        fig.appendChild(biasSvg);
        fig.appendChild(cap);
        row.appendChild(fig);
        var base = offset + u * (L.inputs + 1);
        for (var i = 0; i < L.inputs; i++) { rects[i].setAttribute('data-w', base + i); weightRects.push([rects[i], base + i, l]); }
        b.setAttribute('data-w', base + L.inputs);
        weightRects.push([b, base + L.inputs, l]);
      }
      offset += L.units * (L.inputs + 1);
      weightsBox.appendChild(row);
    });
    weightsBox.addEventListener('mouseover', function (e) {
      var t = e.target;
      if (!t || !t.getAttribute || t.getAttribute('data-w') === null || !current) return;
      readout.textContent = '— ' + weightName(Number(t.getAttribute('data-w'))) + ' = ' + fmt(current[Number(t.getAttribute('data-w'))]);
    });
  }
  function locate(k) {
    var offset = 0;
    for (var l = 0; l < D.layers.length; l++) {
      var L = D.layers[l], n = L.units * (L.inputs + 1);
      if (k < offset + n) { var u = Math.floor((k - offset) / (L.inputs + 1)), i = (k - offset) % (L.inputs + 1); return { l: l, u: u, i: i, bias: i === L.inputs }; }
      offset += n;
    }
    return null;
  }
  function weightName(k) {
    var p = locate(k);
    if (!p) return 'weight ' + k;
    var who = p.l === D.layers.length - 1 ? unitName(p.u) : 'unit ' + p.u;
    return (D.layers.length > 1 ? 'layer ' + p.l + ' ' : '') + who + ' ' + (p.bias ? 'bias' : 'input ' + p.i);
  }

  var unitsBox = document.getElementById('player-units');
  var changesBox = document.getElementById('player-changes');
  var label = document.getElementById('player-step');
  var slider = document.getElementById('player-slider');
  var shown = -1;

  function show(k) {
    k = Math.max(0, Math.min(N - 1, k));
    var before = k > 0 ? weightsAfter(k - 1) : Float64Array.from(D.initial);
    current = size ? weightsAfter(k) : null;
    shown = k;
    slider.value = String(k);
    var m = D.mistake[k];
    label.textContent = 'step ' + D.step[k] + ' of ' + D.total + ' · epoch ' + D.epoch[k] + ' · pattern ' + (D.pattern[k] >= 0 ? D.pattern[k] : '?') + taught(k) + (m === 1 ? ' · mistake: corrected' : m === 0 ? ' · right' : '');
    label.setAttribute('data-step', String(D.step[k]));
    showInput(k);
    var rows = ['<table class="compact"><thead><tr><th>unit</th><th>sum</th><th>output</th><th>desired</th><th></th></tr></thead><tbody>'];
    var units = Math.max(D.sums[k].length, D.outputs[k].length, D.desired[k].length);
    for (var u = 0; u < units; u++) {
      var ok = D.outputs[k][u] === D.desired[k][u];
      rows.push('<tr><td>' + esc(unitName(u)) + '</td><td class="num">' + fmt(D.sums[k][u]) + '</td><td class="num">' + fmt(D.outputs[k][u]) + '</td><td class="num">' + fmt(D.desired[k][u]) + '</td><td class="' + (ok ? 'ok' : 'bad') + '">' + (ok ? '✓' : '✗') + '</td></tr>');
    }
    rows.push('</tbody></table>');
    unitsBox.innerHTML = rows.join('');
    if (current) {
      var moved = [];
      for (var j = 0; j < D.diffs[k].length; j += 2) {
        var idx = D.diffs[k][j];
        moved.push([idx, before[idx], current[idx]]);
      }
      moved.sort(function (a, b) { return Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]); });
      var text = moved.length === 0 ? '<p class="muted">no weight moved</p>' : '<p class="muted">' + moved.length + ' weight' + (moved.length === 1 ? '' : 's') + ' moved' + (k > 0 && D.step[k] - D.step[k - 1] > 1 ? ' since step ' + D.step[k - 1] : '') + '</p><ul class="moves">' +
        moved.slice(0, 8).map(function (c) { return '<li>' + weightName(c[0]) + ': ' + fmt(c[1]) + ' → ' + fmt(c[2]) + '</li>'; }).join('') + '</ul>';
      changesBox.innerHTML = text;
      for (var r = 0; r < weightRects.length; r++) {
        var wr = weightRects[r], v = current[wr[1]];
        wr[0].setAttribute('fill', signedColour(v, D.maxAbs[wr[2]]));
        wr[0].setAttribute('data-v', String(v));
      }
    } else {
      changesBox.innerHTML = '<p class="muted">weights not drawn</p>';
    }
  }

  var timer = null;
  var playButton = document.querySelector('[data-go="play"]');
  function stop() { if (timer) { clearInterval(timer); timer = null; playButton.textContent = '▶ play'; } }
  function go(what) {
    if (what === 'play') {
      if (timer) return stop();
      playButton.textContent = '❚❚ pause';
      timer = setInterval(function () { if (shown >= N - 1) stop(); else show(shown + 1); }, 120);
      return;
    }
    stop();
    show(what === 'first' ? 0 : what === 'last' ? N - 1 : what === 'prev' ? shown - 1 : shown + 1);
  }
  document.querySelectorAll('[data-go]').forEach(function (b) { b.addEventListener('click', function () { go(b.getAttribute('data-go')); }); });
  slider.addEventListener('input', function () { stop(); show(Number(slider.value)); });
  document.addEventListener('keydown', function (e) {
    if (e.target === slider) return; // the slider moves itself with the arrows
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    var keys = { ArrowLeft: 'prev', ArrowRight: 'next', Home: 'first', End: 'last', ' ': 'play' };
    var what = keys[e.key];
    if (!what || (what === 'play' && e.target && e.target.tagName === 'BUTTON')) return;
    e.preventDefault();
    go(what);
  });
  show(0);
})();
`;
