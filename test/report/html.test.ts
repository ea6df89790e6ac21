// The HTML report without a browser: structure, no reference to anything outside the file, every
// chart with marks, escaping, the player's weights equal to the trace's, and the size of a
// mark1-letters report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentReport } from '../../src/experiments/run.js';
import { esc, scriptJson, shellLine } from '../../src/report/html/escape.js';
import { renderRunReport } from '../../src/report/html/index.js';
import { chooseSteps } from '../../src/report/html/player-data.js';
import type { PlayerData } from '../../src/report/html/player-data.js';
import { lineChart, niceTicks } from '../../src/report/html/svg.js';
import { loadTraceForReport } from '../../src/report/html/trace-source.js';
import { weightsAt } from '../../src/trace/replay.js';
import { tempDir } from '../helpers/cli.js';
import { makeReports } from './fixtures.js';
import type { ReportFiles } from './fixtures.js';
import { writeMark1LettersTrace } from './mark1-trace.js';

let files: ReportFiles;
const pages: Record<string, string> = {};

beforeAll(() => {
  files = makeReports();
  for (const [name, file] of Object.entries(files.html)) pages[name] = readFileSync(file, 'utf8');
}, 120_000);

/** Rebuild the weights after embedded step k as the page's script does. */
function pageWeights(d: PlayerData, k: number): number[] {
  const w = d.initial.slice();
  for (let s = 0; s <= k; s++)
    for (let j = 0; j < d.diffs[s].length; j += 2) w[d.diffs[s][j]] = d.diffs[s][j + 1];
  return w;
}

function playerData(html: string): PlayerData {
  const m = /<script type="application\/json" id="player-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]) as PlayerData;
}

describe('HTML report structure', () => {
  it('is one HTML document with its style inline and the sections of its kind', () => {
    for (const [name, html] of Object.entries(pages)) {
      expect(html.startsWith('<!DOCTYPE html>'), name).toBe(true);
      expect(html.match(/<html/g), name).toHaveLength(1);
      expect(html, name).toContain('<style>');
      expect(html, name).toContain('prefers-color-scheme: dark');
      expect(html, name).toContain('@media print');
      expect(html, name).toContain('id="command"');
    }
    expect(pages.run).toContain('Results: published against measured');
    expect(pages.run).toMatch(/verdict-(reproduced|differs)/);
    expect(pages.run).toContain('Input patterns');
    expect(pages.run).toContain('R-unit 1 (A): A→R weights mapped to the retina');
    expect(pages.spiral).toContain('Decision regions');
    expect(pages.compare).toContain('Learning curves');
    expect(pages.compare).toContain('mlp-relu');
    expect(pages.replay).toContain('id="player-slider"');
    expect(pages.runTrace).toContain('id="player-slider"');
    expect(pages.run).not.toContain('id="player-slider"');
    // The ADALINE-sized toy trace (18 weights) gets the chart of every weight over the steps.
    expect(pages.replayToy).toContain('Weights over the steps');
    expect(pages.replay).not.toContain('Weights over the steps');
  });

  it('refers to nothing outside the file: no URL in src, href or url(), no link, img, iframe or @import', () => {
    for (const [name, html] of Object.entries(pages)) {
      const refs = [
        ...html.matchAll(/\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?([^"'\s>]*)/gi),
      ].map((m) => m[1]);
      for (const r of refs) expect(r, `${name}: ${r}`).toMatch(/^#/);
      expect(html, name).not.toMatch(/url\(\s*["']?(?!#)/i);
      expect(html, name).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
      expect(html, name).not.toMatch(/@import/i);
      expect(html, name).not.toMatch(/\bfetch\(|XMLHttpRequest|new WebSocket|\.sendBeacon/);
    }
  });

  it('every SVG draws marks', () => {
    for (const [name, html] of Object.entries(pages)) {
      const svgs = [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);
      expect(svgs.length, name).toBeGreaterThan(0);
      for (const svg of svgs)
        expect(svg, `${name}: ${svg.slice(0, 120)}`).toMatch(/<(path|rect|circle)\b[^>]*\b(d|width|r)="/);
    }
  });

  it('line charts have axes, tick labels, axis labels with units and a legend', () => {
    const svg = lineChart(
      [
        { name: 'mark1', x: [1, 2, 3], y: [30, 10, 0] },
        { name: 'mlp-relu', x: [1, 2], y: [20, 0] },
      ],
      { xLabel: 'epoch', yLabel: 'training errors per epoch' },
    );
    expect(svg).toContain('class="axis"');
    expect(svg.match(/class="tick"/g)!.length).toBeGreaterThan(4);
    expect(svg).toContain('>training errors per epoch</text>');
    expect(svg).toContain('>epoch</text>');
    expect(svg).toContain('class="legend"');
    expect(svg).toContain('>mlp-relu</text>');
    expect(lineChart([{ name: 'none', x: [1], y: [NaN] }], { xLabel: 'x', yLabel: 'y' })).toBe('');
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('escapes every text that reaches the page', () => {
    expect(esc(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(scriptJson({ s: '</script><!--' })).not.toMatch(/<\/script|<!--/);
    expect(JSON.parse(scriptJson({ s: '</script>\u2028' }))).toEqual({ s: '</script>\u2028' });
    expect(shellLine(['run', 'x', '--set', "letters=A B'C"])).toBe(`run x --set 'letters=A B'\\''C'`);
    const evil = '<script>alert(1)</script>';
    const report: ExperimentReport = {
      experiment: 'evil',
      title: evil,
      year: 1960,
      citation: evil,
      question: evil,
      seed: 1,
      full: false,
      config: { letters: evil },
      results: [
        {
          name: 'n',
          description: evil,
          measured: 1,
          published: evil,
          unit: evil,
          source: evil,
          tolerance: evil,
          verdict: 'differs',
        },
      ],
      series: { [evil]: { x: [1, 2], y: [1, 2], xLabel: evil, yLabel: evil } },
      notes: [evil],
      timing: { wallSeconds: 1, hardwareSeconds: null },
      measurement: {
        values: {},
        pictures: [{ title: evil, width: 2, height: 1, values: [0, 1], scale: 'unsigned' }],
      },
    };
    const html = renderRunReport(report, { argv: ['run', evil] });
    expect(html).not.toContain(evil);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('trace player data', () => {
  it('rebuilds, at every embedded step, the weights the trace gives for that step', () => {
    const d = playerData(pages.replay);
    expect(d.step.length).toBe(d.total); // a small trace: every step embedded
    for (const k of [0, 1, 5, Math.floor(d.step.length / 2), d.step.length - 1]) {
      const { weights } = weightsAt(files.trace, d.step[k]);
      const flat = weights.layers.flatMap((L) => L.weights.flatMap((row, u) => [...row, L.bias[u]]));
      expect(pageWeights(d, k)).toEqual(flat.map((v) => Number(v.toPrecision(6))));
    }
  });

  it('chooses the first steps one by one and the rest evenly, ending at the last', () => {
    expect(chooseSteps(5, 10)).toEqual([1, 2, 3, 4, 5]);
    const c = chooseSteps(10_000, 100);
    expect(c).toHaveLength(100);
    expect(c.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(c[c.length - 1]).toBe(10_000);
    expect([...c].sort((a, b) => a - b)).toEqual(c);
  });

  it('keeps a mark1-letters report (the full default trace in the player) under 5 MB, with exact weights', () => {
    const trace = join(tempDir('psim-size-'), 'letters.trace.jsonl');
    const steps = writeMark1LettersTrace(trace);
    const { summary, player } = loadTraceForReport(trace);
    expect(summary.steps).toBe(steps);
    const html = renderRunReport(
      {
        experiment: 'mark1-letters',
        title: 't',
        year: 1960,
        citation: '',
        question: '',
        seed: 1,
        full: false,
        config: {},
        results: [],
        series: {},
        notes: [],
        timing: { wallSeconds: 0, hardwareSeconds: null },
        measurement: { values: {} },
      },
      { argv: ['run', 'mark1-letters', '--trace', trace, '--report', 'r.html'], player },
    );
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(5_000_000);
    const d = playerData(html);
    if (d.step.length < steps) expect(d.notes.join(' ')).toMatch(/the player holds \d+ of them/);
    const k = d.step.length - 1;
    const { weights } = weightsAt(trace, d.step[k]);
    expect(pageWeights(d, k)).toEqual(
      weights.layers[0].weights.flatMap((row, u) => [...row, weights.layers[0].bias[u]]),
    );
  }, 60_000);
});
