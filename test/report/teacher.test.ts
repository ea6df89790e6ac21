// The report as a teacher shows it (issue 18): a Mark I's weights drawn back onto the retina through
// its plugboard (only when the wiring is the traced machine's), the player's class names and inputs,
// class keys that name their values, and the page checks every experiment's report must pass.
import { describe, expect, it } from 'vitest';
import { createDenseMachine } from '../../src/machines/create-dense.js';
import type { Mark1Structure } from '../../src/machines/mark1-params.js';
import type { ExperimentReport } from '../../src/experiments/run.js';
import type { Series } from '../../src/experiments/types.js';
import { renderRunReport } from '../../src/report/html/index.js';
import { buildPlayerData } from '../../src/report/html/player-data.js';
import { withLearner } from '../../src/report/html/learner.js';
import { heatMap } from '../../src/report/html/svg.js';
import { labelInWords } from '../../src/report/html/escape.js';
import { Rng } from '../../src/rng.js';
import type { TraceHeader, TraceStep } from '../../src/trace/format.js';
import { hashDescription } from '../../src/trace/writer.js';
import { INTERNAL_KEY, pageProblems } from './page-audit.js';

/** A 4×4-retina Mark I with 8 A-units and 2 R-units, and a player over one made-up step. */
function tinyMark1() {
  const engine = createDenseMachine('mark1', {
    inputs: 16,
    outputs: 2,
    rule: 'fixed',
    lr: 1,
    mark1: {
      retinaWidth: 4,
      retinaHeight: 4,
      aUnits: 8,
      excitatory: 2,
      inhibitory: 1,
      maxFanOut: 8,
      theta: 1,
    },
    rng: Rng.fromSeed(3).fork('machine'),
  });
  const fixed = engine.fixedConfig();
  const header = {
    model: 'mark1',
    circuitHash: hashDescription({ model: 'mark1', fixed }),
    initial: engine.weights(),
    inputShape: { width: 4, height: 4 },
    patterns: null,
  } as unknown as TraceHeader;
  const step = {
    step: 1,
    epoch: 1,
    pattern: 1,
    sums: [0, 0],
    outputs: [-1, -1],
    desired: [-1, 1],
    mistake: true,
    // R-unit 1's weight from A-unit 2 becomes 3.
    changes: [[0, 1, 2, 3]],
  } as unknown as TraceStep;
  const player = buildPlayerData(header, 1, () => [step]);
  const board = fixed.plugboard as { excitatory: number[][]; inhibitory: number[][] };
  const structure = fixed.structure as Mark1Structure;
  return { player, fixed, board, structure };
}

const patterns = [Array(16).fill(0), Array.from({ length: 16 }, (_, i) => i % 2)];

describe('the Mark I drawn onto the retina, with class names and inputs', () => {
  it('projects each R-unit through the plugboard and names it by class', () => {
    const { player, fixed, board, structure } = tinyMark1();
    expect(structure.aUnits).toBe(8);
    const out = withLearner(player, { model: 'mark1', fixed, unitNames: ['E', 'F'], patterns });
    const L = out.layer0!;
    expect(L.projected).toBe(true);
    expect(L.shape).toEqual([4, 4]);
    expect(L.unitNames).toEqual(['E', 'F']);
    // Cell by cell: +3 where A-unit 2 has an excitatory connection, −3 where an inhibitory one.
    const want = Array<number>(16).fill(0);
    for (const s of board.excitatory[2]) want[s] += 3;
    for (const s of board.inhibitory[2]) want[s] -= 3;
    expect(L.final[1]).toEqual(want);
    expect(L.final[0]).toEqual(Array(16).fill(0));
    expect(out.data.unitNames).toEqual(['E', 'F']);
    expect(out.data.inputs).toEqual({ 1: '0101010101010101' });
    expect(out.data.notes.join(' ')).not.toMatch(/does not keep its input patterns/);
  });

  it("does not project through a plugboard that is not the traced machine's", () => {
    const { player, fixed, board } = tinyMark1();
    const other = {
      ...fixed,
      plugboard: { ...board, excitatory: board.excitatory.map((a) => a.map((s) => (s + 1) % 16)) },
    };
    const out = withLearner(player, { model: 'mark1', fixed: other });
    expect(out.layer0!.projected).toBeUndefined();
    expect(out.layer0!.shape).not.toEqual([4, 4]);
  });
});

describe('class maps, labels and the page checks', () => {
  it("a class map's key names the values it holds", () => {
    const svg = heatMap(
      { title: 'map', width: 2, height: 1, values: [0, 2], scale: 'classes' },
      { classNames: ['no point', 'class 0', 'class 1'] },
    );
    expect(svg).toContain('>no point<');
    expect(svg).toContain('>class 1<');
    expect(svg).not.toContain('>class 0<');
  });

  it('labels show identifiers as words', () => {
    expect(labelInWords('fraction recalled (alphaEqual)')).toBe('fraction recalled (alpha equal)');
    expect(INTERNAL_KEY.test(labelInWords('by machine: trialsPerMachine'))).toBe(false);
  });

  it('the page checks name an empty section, a missing or keyed caption, an error and a blank page', () => {
    const fine = {
      errors: [],
      sections: [{ id: 'results', filled: true }],
      captions: ['loss by epoch'],
      colours: 200,
    };
    expect(pageProblems(fine)).toEqual([]);
    expect(
      pageProblems({
        errors: ['pageerror: x is not defined'],
        sections: [{ id: 'curves', filled: false }],
        captions: ['', 'by machine: trialsPerMachine'],
        colours: 3,
      }),
    ).toEqual([
      'pageerror: x is not defined',
      'section #curves is empty',
      'figure 1 has no caption',
      'figure 2\'s caption shows the internal key trialsPerMachine: "by machine: trialsPerMachine"',
      'the screenshot is (nearly) blank: 3 colours',
    ]);
  });

  it('lines whose x ranges differ tenfold get a panel each; no series, no Curves section', () => {
    const line = (n: number): Series => ({
      x: Array.from({ length: n }, (_, i) => i),
      y: Array.from({ length: n }, () => 1),
      xLabel: 'iteration',
      yLabel: 'loss',
    });
    const report = (series: Record<string, Series>) =>
      ({
        experiment: 'x',
        title: 't',
        year: 2016,
        citation: 'c',
        question: 'q?',
        seed: 1,
        full: false,
        config: {},
        results: [],
        series,
        notes: [],
        timing: { wallSeconds: 1, hardwareSeconds: null },
        measurement: { values: {} },
      }) as unknown as ExperimentReport;
    const charts = (series: Record<string, Series>) =>
      renderRunReport(report(series), { argv: ['run', 'x'] }).split('<figure class="chart-wide">').length - 1;
    expect(charts({ linearLoss: line(200), netLoss: line(10_000) })).toBe(2);
    expect(charts({ linearLoss: line(2000), netLoss: line(10_000) })).toBe(1);
    expect(renderRunReport(report({}), { argv: ['run', 'x'] })).not.toContain('id="curves"');
  });
});
