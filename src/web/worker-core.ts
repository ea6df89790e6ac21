/**
 * The panels' simulation worker, without the worker plumbing (browser/worker.ts connects it to
 * `postMessage`): builds the machine through engine-adapter.ts, runs the operator's actions, and
 * paces training by the hardware clock. Pacing: after each presentation the worker waits until the
 * wall time since Train was pressed is the simulated hardware time divided by the speed, so at ×1
 * a Mark I presentation takes the seconds its assumed timings say (circuits/mark1.json).
 */
import { parseCsv } from '../data/csv.js';
import { lossKind, stepLoss } from '../machines/train.js';
import type { LearningStep, WeightsJson } from '../machines/types.js';
import { prepareRun, trainRun } from './engine-adapter.js';
import type { PanelRun } from './engine-adapter.js';
import { PlaygroundWorker } from './playground-core.js';
import type { FromWorker, MachineState, ToWorker } from './protocol.js';

/** The most often a training worker reports its state (ms): about one frame. */
const REPORT_EVERY_MS = 16;
/** The longest a training worker computes before it lets the page's messages in (ms). */
const YIELD_EVERY_MS = 12;

export class PanelWorker {
  private run: PanelRun | null = null;
  private test: { x: Float64Array[]; d: number[][] } | null = null;
  private lampNets: number[] = [];
  private steps = 0;
  private epochs = 0;
  private lastPattern = -1;
  private adapted: string[] = [];
  private training = false;
  private stopAsked = false;
  private speed = Infinity;
  private clock = { wall: 0, hardware: 0 };

  private readonly playground: PlaygroundWorker;

  constructor(
    private readonly post: (m: FromWorker) => void,
    private readonly now: () => number,
  ) {
    this.playground = new PlaygroundWorker(post, now);
  }

  async handle(m: ToWorker): Promise<void> {
    try {
      switch (m.type) {
        case 'init':
          return this.init(m);
        case 'present':
          return this.present(m.x);
        case 'teach':
          return this.teach(m.x, m.d);
        case 'train':
          return await this.train(m.epochs, m.speed);
        case 'speed':
          this.speed = m.speed;
          this.restartClock();
          return;
        case 'stop':
          this.stopAsked = true;
          this.playground.stop();
          return;
        case 'pg-init':
          return this.playground.init(m.setup);
        case 'pg-train':
          return await this.playground.train();
      }
    } catch (e) {
      this.training = false;
      this.post({ type: 'error', message: (e as Error).message });
    }
  }

  private init(m: Extract<ToWorker, { type: 'init' }>): void {
    if (this.training) this.stopAsked = true;
    this.run = prepareRun(m.init ? { ...m.config, init: m.init } : m.config);
    const engine = this.run.engine;
    this.steps = 0;
    this.epochs = 0;
    this.lastPattern = -1;
    this.adapted = [];
    if (m.test) {
      const t = parseCsv(m.test.text, m.test.file, {
        task: m.config.model === 'adaline' ? 'regression' : 'classification',
      });
      this.test = {
        x: t.features.map((r) => Float64Array.from(r)),
        d: t.task === 'regression' ? t.targets.map((v) => [v]) : t.targets,
      };
    } else this.test = null;
    // Mark I's A-units and a MADALINE's ADALINEs are both named a<j> in their circuits.
    this.lampNets = [];
    for (let j = 0; ; j++) {
      const net = engine.simulator.netIndex(`a${j}.out`);
      if (net === undefined) break;
      this.lampNets.push(net);
    }
    const fixed = engine.fixedConfig() as { plugboard?: { excitatory: number[][]; inhibitory: number[][] } };
    const data = this.run.data;
    this.post({
      type: 'ready',
      inputs: engine.inputs,
      outputs: engine.outputs,
      classes: data.task === 'classification' ? data.classes : [],
      plugboard: fixed.plugboard,
      state: this.state({ sums: [], outputs: [] }),
    });
  }

  private need(): PanelRun {
    if (!this.run) throw new Error('the machine is not built yet');
    return this.run;
  }

  private present(x: number[]): void {
    const r = this.need().engine.respond(x);
    this.steps++;
    this.adapted = [];
    this.post({ type: 'state', state: this.state(r), presentationsPerSecond: 0 });
  }

  private teach(x: number[], d: number[]): void {
    this.steps++;
    const s = this.need().engine.present(x, d, { step: this.steps, epoch: 0, pattern: -1 });
    this.noteStep(s);
    this.post({ type: 'state', state: this.state(s), presentationsPerSecond: 0 });
  }

  private noteStep(s: LearningStep): void {
    this.lastPattern = s.pattern;
    this.adapted = [...new Set(s.changes.map((c) => `${c.layer}:${c.unit}`))];
  }

  private restartClock(): void {
    this.clock = { wall: this.now(), hardware: this.run ? this.run.engine.hardwareSeconds() : 0 };
  }

  private async train(epochs: number, speed: number): Promise<void> {
    const run = this.need();
    if (this.training) return;
    this.training = true;
    this.stopAsked = false;
    this.speed = speed;
    this.restartClock();
    const startWall = this.now();
    const startSteps = this.steps;
    let lastReport = -Infinity;
    let lastYield = this.now();
    let lastStep: LearningStep | null = null;
    let epochErrors = 0;
    let epochLoss = 0;
    let epochDone = false;
    const rate = (): number => {
      const s = (this.now() - startWall) / 1000;
      return s > 0 ? (this.steps - startSteps) / s : 0;
    };
    const epochBase = this.epochs;
    const result = await trainRun(run, epochs, {
      onStep: (s) => {
        this.steps++;
        lastStep = s;
        this.noteStep(s);
        if (s.mistake) epochErrors++;
        epochLoss += stepLoss(lossKind(run.rule), s);
        // trainRun counts steps from 1 for this call: every n-th step ends an epoch.
        epochDone = s.step % run.x.length === 0;
      },
      shouldStop: () => this.stopAsked,
      pause: () => {
        const t = this.now();
        if (lastStep && t - lastReport >= REPORT_EVERY_MS) {
          lastReport = t;
          this.post({ type: 'state', state: this.state(lastStep), presentationsPerSecond: rate() });
        }
        if (epochDone && lastStep) {
          epochDone = false;
          this.reportEpoch(
            epochBase + lastStep.epoch,
            epochErrors,
            epochLoss / (run.x.length * run.engine.outputs),
            run,
          );
          epochErrors = 0;
          epochLoss = 0;
        }
        const wait = Number.isFinite(this.speed)
          ? ((run.engine.hardwareSeconds() - this.clock.hardware) / this.speed) * 1000 - (t - this.clock.wall)
          : 0;
        if (wait > 1 || t - lastYield >= YIELD_EVERY_MS) {
          lastYield = t;
          return new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
        }
        return undefined;
      },
    });
    this.epochs = epochBase + result.history.length;
    this.training = false;
    if (lastStep) this.post({ type: 'state', state: this.state(lastStep), presentationsPerSecond: rate() });
    this.post({ type: 'done', stopped: result.stopped });
  }

  /** Report an epoch's mistakes and mean loss (as `train` records them) and the held-out accuracy. */
  private reportEpoch(epoch: number, errors: number, loss: number, run: PanelRun): void {
    let heldOut: number | null = null;
    if (this.test) {
      let right = 0;
      for (let i = 0; i < this.test.x.length; i++) {
        const r = run.engine.respond(this.test.x[i]);
        if (r.outputs.every((y, k) => y === this.test!.d[i][k])) right++;
      }
      heldOut = right / this.test.x.length;
    }
    this.post({ type: 'epoch', epoch, errors, loss, heldOut });
  }

  private state(r: { sums: number[]; outputs: number[] }): MachineState {
    const engine = this.need().engine;
    const weights: WeightsJson = engine.weights();
    return {
      lamps: this.lampNets.map((n) => engine.simulator.netValue(n)),
      sums: r.sums,
      outputs: r.outputs,
      weights,
      hardwareSeconds: engine.hardwareSeconds(),
      steps: this.steps,
      pattern: this.lastPattern,
      adapted: this.adapted,
    };
  }
}
