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
/**
 * The fastest clock at which the page is sent the motors' movement within each step (×10: a Mark I
 * correction then still takes tens of milliseconds on screen); faster, the page shows each step's end.
 */
export const MOTION_MAX_SPEED = 10;

export class PanelWorker {
  private run: PanelRun | null = null;
  private test: { x: Float64Array[]; d: number[][] } | null = null;
  private lampNets: number[] = [];
  private steps = 0;
  private epochs = 0;
  private lastPattern = -1;
  private adapted: string[] = [];
  private training = false;
  /** The potentiometer outputs' changes during the step being recorded: [ticks, unit, input, value]. */
  private motion: [number, number, number, number][] | null = null;
  private motionStart = 0;
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
          return this.teach(m.x, m.d, m.speed ?? Infinity);
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
    if (engine.model === 'mark1') this.probeMotors(engine);
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

  /**
   * Watch every Mark I potentiometer's output (w · A-unit output): while a motor turns an active
   * A-unit's pot, the output is the wiper's position, updated as the machine file's motor model
   * moves it. Recorded only while `motion` is set; the page replays it at the clock's speed.
   */
  private probeMotors(engine: PanelRun['engine']): void {
    const sim = engine.simulator;
    for (let u = 0; u < engine.outputs; u++) {
      for (let j = 0; ; j++) {
        const net = sim.netIndex(`w${u}_${j}.out`);
        if (net === undefined) {
          if (j >= this.lampNets.length) break;
          continue; // partitioned wiring: this A-unit has no pot to this R-unit
        }
        sim.probe(net, (t, v) => this.motion?.push([t, u, j, v]));
      }
    }
  }

  private startMotion(animate: boolean): void {
    this.motion = animate && this.lampNets.length > 0 && this.run?.engine.model === 'mark1' ? [] : null;
    this.motionStart = this.run ? this.run.engine.hardwareSeconds() : 0;
  }

  /** The recorded movement of the weights `s` changed, in seconds from the step's start. */
  private takeMotion(s: LearningStep): MachineState['motion'] {
    const rec = this.motion;
    this.motion = null;
    if (!rec || s.changes.length === 0) return undefined;
    const sim = this.need().engine.simulator;
    const moved = new Set(s.changes.map((c) => `${c.unit}:${c.input}`));
    const moves = rec
      .filter(([, u, j]) => moved.has(`${u}:${j}`))
      .map(
        ([t, u, j, v]) => [sim.seconds(t) - this.motionStart, u, j, v] as [number, number, number, number],
      );
    return { seconds: s.time - this.motionStart, moves };
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

  private teach(x: number[], d: number[], speed: number): void {
    this.steps++;
    this.startMotion(Number.isFinite(speed));
    const s = this.need().engine.present(x, d, { step: this.steps, epoch: 0, pattern: -1 });
    this.noteStep(s);
    this.post({
      type: 'state',
      state: { ...this.state(s), motion: this.takeMotion(s) },
      presentationsPerSecond: 0,
    });
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
    let lastMotion: MachineState['motion'];
    let epochErrors = 0;
    let epochLoss = 0;
    let epochDone = false;
    const rate = (): number => {
      const s = (this.now() - startWall) / 1000;
      return s > 0 ? (this.steps - startSteps) / s : 0;
    };
    const epochBase = this.epochs;
    const animate = (): boolean => Number.isFinite(this.speed) && this.speed <= MOTION_MAX_SPEED;
    this.startMotion(animate());
    const result = await trainRun(run, epochs, {
      onStep: (s) => {
        this.steps++;
        lastStep = s;
        lastMotion = this.takeMotion(s);
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
          this.post({
            type: 'state',
            state: { ...this.state(lastStep), motion: lastMotion },
            presentationsPerSecond: rate(),
          });
          lastMotion = undefined;
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
        // The next step's movement is recorded from here (after the held-out cards, if any).
        this.startMotion(animate());
        if (wait > 1 || t - lastYield >= YIELD_EVERY_MS) {
          lastYield = t;
          return new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
        }
        return undefined;
      },
    });
    this.epochs = epochBase + result.history.length;
    this.training = false;
    this.motion = null;
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
