/**
 * The backprop playground's side of the worker: a perceptron (the event-engine machine, through
 * engine-adapter.ts) and an MLP (src/backprop, as `train --model mlp` builds and trains it: seed
 * forks 'weights' and 'order') on the same points and seed, trained epoch by epoch side by side,
 * with the decision regions sampled on a grid and the backprop path's own diagnostics.
 */
import { parseActivation } from '../backprop/activations.js';
import { Mlp } from '../backprop/mlp.js';
import { makeDataset, trainAsync } from '../backprop/train.js';
import type { EpochDiagnostics } from '../backprop/diagnostics.js';
import { Rng } from '../rng.js';
import { prepareRun, trainRunEpochs } from './engine-adapter.js';
import type { PanelRun } from './engine-adapter.js';
import { PLAYGROUND_EXTENT } from './protocol.js';
import type { FromWorker, PlaygroundSetup } from './protocol.js';

/** The longest the worker computes before it reports and lets messages in (ms). */
const FRAME_MS = 16;
/** Epochs a Train press runs at most (Stop ends it sooner). */
export const PLAYGROUND_MAX_EPOCHS = 100_000;

/** The points as the CSV file `train --data` would read: x, y, class. */
export function pointsCsv(points: readonly (readonly number[])[], labels: readonly number[]): string {
  return points.map((p, i) => `${p[0]},${p[1]},${labels[i]}`).join('\n') + '\n';
}

export class PlaygroundWorker {
  private net: Mlp | null = null;
  private orderRng: Rng | null = null;
  private perceptron: PanelRun | null = null;
  private setup: PlaygroundSetup | null = null;
  private epoch = 0;
  private stopAsked = false;
  private training = false;

  constructor(
    private readonly post: (m: FromWorker) => void,
    private readonly now: () => number,
  ) {}

  init(s: PlaygroundSetup): void {
    if (this.training) this.stopAsked = true;
    this.setup = s;
    const root = Rng.fromSeed(s.seed);
    this.net = Mlp.create(
      {
        inputs: 2,
        hidden: s.hidden,
        outputs: 1,
        hiddenActivation: s.hidden.length === 0 ? undefined : parseActivation(s.activation),
      },
      root.fork('weights'),
    );
    this.orderRng = root.fork('order');
    this.perceptron = prepareRun({
      model: 'perceptron',
      seed: s.seed,
      csv: { text: pointsCsv(s.points, s.labels), file: 'playground.csv' },
    });
    this.epoch = 0;
    this.report(null, null, null);
  }

  stop(): void {
    this.stopAsked = true;
  }

  async train(): Promise<void> {
    const s = this.setup;
    const net = this.net;
    if (!s || !net || !this.perceptron || this.training) return;
    this.training = true;
    this.stopAsked = false;
    const data = makeDataset(s.points, s.labels);
    let last = this.now();
    let latest: { loss: number; errors: number | null; diag: EpochDiagnostics | null } | null = null;
    const result = await trainAsync(net, data, {
      learningRate: s.lr,
      maxEpochs: PLAYGROUND_MAX_EPOCHS,
      batchSize: s.batch,
      shuffle: true,
      rng: this.orderRng as Rng,
      diagnostics: true,
      task: 'classification',
      shouldStop: () => this.stopAsked,
      onEpoch: (record, diag) => {
        if (record.epoch === 0) return;
        this.epoch++;
        trainRunEpochs(this.perceptron as PanelRun, 1);
        latest = { loss: record.loss, errors: record.errors, diag: diag ?? null };
      },
      pause: () => {
        const t = this.now();
        if (t - last < FRAME_MS) return undefined;
        last = t;
        if (latest) this.report(latest.loss, latest.errors, latest.diag);
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    this.training = false;
    if (latest) {
      const l = latest as { loss: number; errors: number | null; diag: EpochDiagnostics | null };
      this.report(l.loss, l.errors, l.diag);
    }
    this.post({ type: 'done', stopped: result.interrupted || result.stopped });
  }

  private report(loss: number | null, errors: number | null, diag: EpochDiagnostics | null): void {
    const s = this.setup as PlaygroundSetup;
    const net = this.net as Mlp;
    const n = s.grid;
    const mlp = new Array<number>(n * n);
    const x = new Float64Array(2);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        x[0] = -PLAYGROUND_EXTENT + (2 * PLAYGROUND_EXTENT * (i + 0.5)) / n;
        x[1] = PLAYGROUND_EXTENT - (2 * PLAYGROUND_EXTENT * (j + 0.5)) / n;
        mlp[j * n + i] = net.predict(x)[0];
      }
    }
    const pw = (this.perceptron as PanelRun).engine.weights().layers[0];
    let perceptronErrors = 0;
    const run = this.perceptron as PanelRun;
    for (let k = 0; k < run.x.length; k++) {
      // The machine's own response, as `train` scores its final accuracy.
      if (run.engine.respond(run.x[k]).outputs[0] !== run.d[k][0]) perceptronErrors++;
    }
    this.post({
      type: 'pg-state',
      epoch: this.epoch,
      mlp: { grid: mlp, loss, errors, diagnostics: diag },
      perceptron: {
        weights: [pw.weights[0][0], pw.weights[0][1]],
        bias: pw.bias[0],
        errors: perceptronErrors,
      },
    });
  }
}
