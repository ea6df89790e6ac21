/**
 * What the run knows about the learner a trace recorded and the trace itself does not keep (its
 * class names, its training inputs, a Mark I's plugboard), added to the trace player and to the
 * "before and after" weight maps. A Mark I's wiring is used only when it hashes to the trace's
 * circuit hash, so a view of another machine can never be drawn as this one's.
 */
import { createHash } from 'node:crypto';
import type { LearnerView } from '../../experiments/types.js';
import { canonicalJson } from '../../trace/format.js';
import { encodeInput } from './player-data.js';
import type { PlayerBuild } from './player-data.js';

/** The note the player shows when the trace keeps no inputs (replaced when the view gives them). */
const NO_INPUTS = /^The trace does not keep its input patterns/;

interface Wiring {
  readonly excitatory: readonly (readonly number[])[];
  readonly inhibitory: readonly (readonly number[])[];
  readonly cells: number;
  readonly width: number;
  readonly height: number;
}

/** The plugboard of a Mark I view, when it is the traced machine's (same circuit hash). */
function wiring(view: LearnerView, player: PlayerBuild): Wiring | null {
  const fixed = view.fixed as
    | {
        structure?: { retinaWidth: number; retinaHeight: number };
        plugboard?: { excitatory: number[][]; inhibitory: number[][] };
      }
    | undefined;
  if (view.model !== 'mark1' || !fixed?.plugboard || !fixed.structure || !player.circuitHash) return null;
  const hash = createHash('sha256')
    .update(canonicalJson({ model: view.model, fixed }))
    .digest('hex');
  if (hash !== player.circuitHash) return null;
  const { retinaWidth: width, retinaHeight: height } = fixed.structure;
  return { ...fixed.plugboard, cells: width * height, width, height };
}

/**
 * An R-unit's A→R weights drawn back onto the retina: per cell, the sum over A-units of the weight
 * times (excitatory − inhibitory connections from that cell), as mark1-common's weightMap.
 */
export function projectOntoRetina(weights: readonly number[], w: Wiring): number[] {
  const map = new Array<number>(w.cells).fill(0);
  for (let a = 0; a < w.excitatory.length; a++) {
    const v = weights[a];
    if (!v) continue;
    for (const s of w.excitatory[a]) map[s] += v;
    for (const s of w.inhibitory[a]) map[s] -= v;
  }
  return map;
}

/** The player and its weight maps with what the view adds; unchanged without a view. */
export function withLearner(player: PlayerBuild, view: LearnerView | undefined): PlayerBuild {
  if (!view) return player;
  let data = player.data;
  if (view.unitNames && view.unitNames.length === (data.sums[0]?.length ?? view.unitNames.length))
    data = { ...data, unitNames: view.unitNames };
  const patterns = view.patterns;
  if (patterns && Object.keys(data.inputs).length === 0) {
    const inputs: Record<string, string | number[]> = {};
    for (const p of data.pattern) if (p >= 0 && p < patterns.length) inputs[p] = encodeInput(patterns[p]);
    data = {
      ...data,
      inputs,
      inputShape: data.inputShape ?? view.inputShape ?? null,
      notes: [
        ...data.notes.filter((n) => !NO_INPUTS.test(n)),
        "The inputs shown are the run's training patterns, by the index the trace records (the trace does not keep them).",
      ],
    };
  }
  let layer0 = player.layer0;
  const w = layer0 && wiring(view, player);
  if (layer0 && w && layer0.initial[0]?.length === w.excitatory.length) {
    layer0 = {
      initial: layer0.initial.map((row) => projectOntoRetina(row, w)),
      final: layer0.final.map((row) => projectOntoRetina(row, w)),
      shape: [w.width, w.height],
      retina: true,
      projected: true,
    };
  }
  if (layer0 && data.unitNames) layer0 = { ...layer0, unitNames: data.unitNames };
  return { ...player, data, layer0 };
}
