/**
 * rosenblatt-pa: how often an A-unit fires, on the simulated plugboard vs Rosenblatt's formula.
 *
 * Rosenblatt (1958) gave the probability P_a that an A-unit with x excitatory and y inhibitory
 * connections and threshold θ fires when a fraction R of the retina is lit (REFERENCES.md §1.3,
 * formula secondary; R18). We wire the Mark I's plugboard (the same `wirePlugboard` both engines
 * use), show it random retinas in which each cell is lit independently with probability R, and
 * count the fraction of A-units that fire (Σexc − Σinh ≥ θ). Each A-unit's connections go to
 * distinct cells, so for any wiring the expected fraction is exactly P_a; the Monte Carlo must agree
 * within its standard error.
 */
import { associationResponses, wirePlugboard } from '../machines/plugboard.js';
import { MARK1_DEFAULTS } from '../machines/mark1-params.js';
import { rosenblattPa } from './lib/mark1-pa.js';
import { round } from './lib/mark1-common.js';
import type { Experiment, Series } from './types.js';

const R_VALUES = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export const rosenblattPaExperiment: Experiment = {
  id: 'rosenblatt-pa',
  title: 'A-unit firing probability: the simulated plugboard vs Rosenblatt’s P_a',
  year: 1958,
  citation:
    'Rosenblatt, "The perceptron", Psychological Review 65(6):386–408, 1958 (P_a; formula as quoted, secondary)',
  question:
    'Does the fraction of A-units that fire on the simulated plugboard match Rosenblatt’s 1958 formula P_a for the retina’s lit fraction R and the threshold θ?',
  group: 'mark1',
  params: {
    patterns: {
      kind: 'integer',
      default: 400,
      fast: 60,
      full: 4000,
      min: 2,
      doc: 'random retinas per (R, θ)',
    },
    thetas: {
      kind: 'string',
      default: '1,2,3,4',
      pattern: /^\d+(,\d+)*$/,
      patternDoc: 'comma-separated whole numbers, e.g. 1,2,3',
      doc: 'thresholds θ to try, comma-separated whole numbers',
    },
    excitatory: { kind: 'integer', default: 6, min: 0, doc: 'excitatory connections per A-unit (x)' },
    inhibitory: { kind: 'integer', default: 4, min: 0, doc: 'inhibitory connections per A-unit (y)' },
    aUnits: { kind: 'integer', default: 512, min: 1, doc: 'A-units' },
  },
  published: [
    {
      name: 'maxStandardError',
      description: 'largest |Monte Carlo − P_a| over all (R, θ), in Monte Carlo standard errors',
      value: 0,
      unit: 'standard errors',
      source: 'Rosenblatt 1958 (P_a, REFERENCES.md §1.3, R18)',
      tolerance: { kind: 'absolute', value: 4 },
      toleranceNote:
        'each Monte Carlo estimate has a standard error from the spread of the per-retina fractions over the independent retinas; with 44 (R, θ) cases the chance that any lies beyond 4 standard errors by luck alone is about 0.3 %, so more than 4 means the formula and the simulation disagree.',
    },
  ],
  run({ params, rng, progress }) {
    const x = params.excitatory as number;
    const y = params.inhibitory as number;
    const patterns = params.patterns as number;
    const thetas = String(params.thetas)
      .split(',')
      .map((t) => Number(t.trim()));
    for (const t of thetas)
      if (!Number.isInteger(t))
        throw new RangeError(`thetas: '${params.thetas}' is not a list of whole numbers`);
    const sUnits = MARK1_DEFAULTS.retinaWidth * MARK1_DEFAULTS.retinaHeight;
    const aUnits = params.aUnits as number;
    const board = wirePlugboard(
      {
        sUnits,
        aUnits,
        excitatory: x,
        inhibitory: y,
        maxFanOut: Math.max(MARK1_DEFAULTS.maxFanOut, Math.ceil((aUnits * (x + y)) / sUnits) + 1),
      },
      rng.fork('plugboard'),
    );
    const retinaRng = rng.fork('retinas');
    const series: Record<string, Series> = {};
    const extra: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    let maxZ = 0;
    let maxAbs = 0;
    const retina = new Float64Array(sUnits);
    const out = new Float64Array(aUnits);
    thetas.forEach((theta, ti) => {
      const mc: number[] = [];
      const formula: number[] = [];
      for (const r of R_VALUES) {
        let sum = 0;
        let sumSq = 0;
        for (let p = 0; p < patterns; p++) {
          for (let s = 0; s < sUnits; s++) retina[s] = retinaRng.next() < r ? 1 : 0;
          associationResponses(board, retina, theta, out);
          let fired = 0;
          for (let a = 0; a < aUnits; a++) fired += out[a];
          const f = fired / aUnits;
          sum += f;
          sumSq += f * f;
        }
        const mean = sum / patterns;
        const variance = Math.max(0, (sumSq - patterns * mean * mean) / (patterns - 1));
        const pa = rosenblattPa(x, y, theta, r);
        // Where firing is so rare that no retina fired a unit the sample spread is 0; the standard
        // error is then at least that of patterns × aUnits independent units, √(P_a(1 − P_a)/n).
        const se = Math.max(Math.sqrt(variance / patterns), Math.sqrt((pa * (1 - pa)) / (patterns * aUnits)));
        const diff = Math.abs(mean - pa);
        maxAbs = Math.max(maxAbs, diff);
        const z = se > 0 ? diff / se : diff > 0 ? Infinity : 0;
        maxZ = Math.max(maxZ, z);
        mc.push(round(mean, 6));
        formula.push(round(pa, 6));
      }
      series[`monteCarlo_theta${theta}`] = {
        x: R_VALUES,
        y: mc,
        xLabel: 'lit fraction R',
        yLabel: `fraction of A-units firing, θ = ${theta} (simulated)`,
      };
      series[`formula_theta${theta}`] = {
        x: R_VALUES,
        y: formula,
        xLabel: 'lit fraction R',
        yLabel: `P_a, θ = ${theta} (Rosenblatt 1958)`,
      };
      const i = R_VALUES.indexOf(0.2);
      extra[`pa_theta${theta}_R0.2`] = formula[i];
      extra[`mc_theta${theta}_R0.2`] = mc[i];
      descriptions[`pa_theta${theta}_R0.2`] = `P_a at R = 0.2, θ = ${theta} (formula)`;
      descriptions[`mc_theta${theta}_R0.2`] = `fraction firing at R = 0.2, θ = ${theta} (simulated)`;
      progress((ti + 1) / thetas.length);
    });
    return {
      values: { maxStandardError: round(maxZ, 3) },
      extra: { maxAbsDifference: round(maxAbs, 6), ...extra },
      units: { maxStandardError: 'standard errors' },
      descriptions: { maxAbsDifference: 'largest |Monte Carlo − P_a| over all (R, θ)', ...descriptions },
      series,
      notes: [
        `Plugboard: ${aUnits} A-units, x = ${x} excitatory and y = ${y} inhibitory connections each to distinct cells of the 20×20 retina, fan-out ≤ 40; ${patterns} random retinas per (R, θ), each cell lit independently with probability R.`,
        'P_a = Σ_{e=θ..x} Σ_{i=0..min(y,e−θ)} C(x,e)R^e(1−R)^(x−e) · C(y,i)R^i(1−R)^(y−i), computed term by term.',
        'Raising θ lowers the curves; with inhibition (y > 0) P_a flattens and falls again at large R, as R58 describes.',
      ],
    };
  },
};
