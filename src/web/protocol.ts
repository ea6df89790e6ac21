/**
 * Messages between a panel page and its simulation worker. The worker owns the machine (built by
 * engine-adapter.ts); the page only draws what the worker reports and sends the operator's actions.
 */
import type { EpochDiagnostics } from '../backprop/diagnostics.js';
import type { WeightsJson } from '../machines/types.js';
import type { PanelRunConfig } from './engine-adapter.js';

/** Hardware clock speeds: simulated seconds per wall second (Infinity: as fast as possible). */
export const SPEEDS = [1, 10, 100, Infinity] as const;

export type ToWorker =
  /** Build (or rebuild: Reset) the machine; `test` is a held-out deck (CSV text) scored after every epoch. */
  | { type: 'init'; config: PanelRunConfig; test?: { text: string; file: string }; init?: WeightsJson }
  /** Show a pattern and read the response, without learning. */
  | { type: 'present'; x: number[] }
  /** Show a pattern with the desired responses; the teacher corrects the weights. */
  | { type: 'teach'; x: number[]; d: number[]; speed?: number }
  /** Train on the run's deck for `epochs` more epochs, at `speed`. */
  | { type: 'train'; epochs: number; speed: number }
  | { type: 'speed'; speed: number }
  | { type: 'stop' }
  /** The playground: (re)build the perceptron and the MLP on these points. */
  | { type: 'pg-init'; setup: PlaygroundSetup }
  | { type: 'pg-train' };

/** The square the playground's regions are drawn over, each way from 0 (its data lie in about ±1). */
export const PLAYGROUND_EXTENT = 1.25;

/** The playground's data and network, as its controls set them. */
export interface PlaygroundSetup {
  readonly seed: number;
  readonly points: [number, number][];
  /** 0 or 1 per point. */
  readonly labels: number[];
  readonly hidden: number[];
  /** A hidden activation by its `--activation` name. */
  readonly activation: string;
  readonly lr: number;
  readonly batch: number;
  /** Cells per side of the sampled decision regions. */
  readonly grid: number;
}

/** What the machine looks like now. */
export interface MachineState {
  /** A-unit outputs (Mark I: 1 lit, 0 dark; MADALINE: its ADALINEs' ±1); empty for an ADALINE. */
  readonly lamps: number[];
  readonly sums: number[];
  readonly outputs: number[];
  readonly weights: WeightsJson;
  readonly hardwareSeconds: number;
  /** Presentations since the machine was built. */
  readonly steps: number;
  /** The pattern index in the deck of the last training step, or -1. */
  readonly pattern: number;
  /** Units the last step corrected, as "layer:unit". */
  readonly adapted: string[];
  /**
   * Mark I, at a clock of ×10 or slower: how the motors moved the pots during the last step, as
   * [seconds from the step's start, R-unit, A-unit, wiper position], and the step's length.
   */
  readonly motion?: { seconds: number; moves: [number, number, number, number][] };
}

export type FromWorker =
  | {
      type: 'ready';
      inputs: number;
      outputs: number;
      classes: string[];
      /** Mark I's plugboard: per A-unit, its excitatory and inhibitory retina cells. */
      plugboard?: { excitatory: number[][]; inhibitory: number[][] };
      state: MachineState;
    }
  | { type: 'state'; state: MachineState; presentationsPerSecond: number }
  | { type: 'epoch'; epoch: number; errors: number; loss: number; heldOut: number | null }
  | { type: 'done'; stopped: boolean }
  | { type: 'error'; message: string }
  | {
      type: 'pg-state';
      epoch: number;
      /** The MLP's output on the grid (row-major, top row first), its epoch loss, errors and diagnostics. */
      mlp: {
        grid: number[];
        loss: number | null;
        errors: number | null;
        diagnostics: EpochDiagnostics | null;
      };
      perceptron: { weights: [number, number]; bias: number; errors: number };
    };
