/**
 * The learning-trace writer: streams JSON Lines into a temporary file in the target's folder (renamed
 * into place by `finish`), hashing every byte as it goes.
 *
 * Deterministic: the same header and steps give byte-identical files (no wall times, fixed key
 * order in step lines, canonical JSON elsewhere). Every line after the header carries `chain`, the
 * first hex digits of the SHA-256 of all bytes before it, so that a reader can name the first line
 * that cannot be trusted; the closing line carries the full digest.
 *
 * Stopping: `requestStop()` (called by the interrupt handlers of ./interrupt.ts) only raises a flag;
 * the training loop polls `stopRequested` between steps and then calls `finish()`, which closes the
 * trace as `interrupted` at the last complete step.
 */
import { createHash, type Hash, type KeyObject } from 'node:crypto';
import { signatureFields } from './sign.js';
import { AtomicFileWriter } from '../util/atomic-file.js';
import { PROGRAM_NAME, VERSION } from '../version.js';
import { RNG_ALGORITHM } from '../rng.js';
import {
  CHAIN_HEX_DIGITS,
  TRACE_FORMAT,
  TRACE_VERSION,
  canonicalJson,
  numberArrayText,
  numberText,
} from './format.js';
import type { InputShape, TraceStatus, TraceWeights } from './format.js';

/** What the caller knows before the first step; the writer adds format, version, program and RNG. */
export interface TraceHeaderInput {
  /** The command line as typed (`process.argv.slice(2)`), for the record. */
  readonly command: readonly string[];
  /** Which registered re-run reproduces the trace: `machine`, `mlp` (src/trace/verify.ts). */
  readonly kind: string;
  readonly model: string | null;
  readonly rule: string | null;
  /** The full effective configuration, every default explicit: enough for the re-run. */
  readonly config: Record<string, unknown>;
  readonly seed: number | string | null;
  /** SHA-256 (hex) of the circuit or machine description (`hashDescription`), or null. */
  readonly circuitHash: string | null;
  readonly initial: TraceWeights;
  /** 2-D shape of the input (the retina), for drawing patterns in `replay --show`. */
  readonly inputShape?: InputShape | null;
  /** The patterns' inputs, when small enough to keep (see docs/trace-format.md); else null. */
  readonly patterns?: readonly ArrayLike<number>[] | null;
}

/** A weight a step changed. `LearningStep.changes` fits (its `before` is not recorded). */
export interface TraceChangeInput {
  readonly layer: number;
  readonly unit: number;
  /** Input index; -1 the bias, -2 a PReLU slope. */
  readonly input: number;
  readonly after: number;
  /** Maxout piece (0 or absent: the first). */
  readonly piece?: number;
}

/** One step as the training loop reports it; `LearningStep` fits, and so does an MLP update. */
export interface TraceStepInput {
  readonly step: number;
  readonly epoch: number;
  /** Simulated seconds at the end of the step (0 when the model has no timing). */
  readonly time: number;
  /** Pattern index, or the indices of a mini-batch. */
  readonly pattern: number | readonly number[];
  readonly sums: ArrayLike<number>;
  readonly outputs: ArrayLike<number>;
  readonly desired: ArrayLike<number>;
  readonly errors: ArrayLike<number>;
  readonly mistake?: boolean;
  /** The step's own loss (MLP); machines leave it out. */
  readonly loss?: number;
  readonly changes: readonly TraceChangeInput[];
}

export interface TraceEpochInput {
  readonly epoch: number;
  /** Mistakes in the epoch; default: the steps with `mistake` true (null when no step says). */
  readonly errors?: number | null;
  /** Default: the mean of `stepLoss` over the epoch's steps and output units. */
  readonly loss?: number | null;
}

/** Where the bytes go: the atomic file, or memory in tests. */
export interface TraceSink {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

export interface TraceWriterOptions {
  /**
   * A step's contribution to the epoch loss, summed over its output units (the default epoch loss
   * divides the sum by steps × units). Default: `loss` if the step has one, else Σ errors² / 2.
   * Pass the training loop's own definition so epoch lines agree with its history.
   */
  readonly stepLoss?: (s: TraceStepInput) => number;
  /** An Ed25519 private key: the closing line is signed (see ./sign.ts) and the version is 1.1. */
  readonly sign?: KeyObject;
}

export interface TraceResult {
  readonly path: string | null;
  readonly steps: number;
  readonly epochs: number;
  readonly status: TraceStatus;
  readonly digest: string;
}

/** SHA-256 (hex) of a circuit or machine description: text as it is, anything else as canonical JSON. */
export function hashDescription(description: unknown): string {
  const text = typeof description === 'string' ? description : canonicalJson(description);
  return createHash('sha256').update(text).digest('hex');
}

function defaultStepLoss(s: TraceStepInput): number {
  if (s.loss !== undefined) return s.loss;
  let sum = 0;
  for (let i = 0; i < s.errors.length; i++) sum += s.errors[i] * s.errors[i];
  return sum / 2;
}

export class TraceWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly stepLoss: (s: TraceStepInput) => number;
  private stepCount = 0;
  private epochLines = 0;
  /** Epoch of the steps being collected (0: none open). */
  private openEpoch = 0;
  /** Highest epoch with a summary line written (0 also when none). */
  private closedThrough = 0;
  private epochSteps = 0;
  private epochMistakes = 0;
  private epochHasMistakeField = false;
  private epochLoss = 0;
  private epochTerms = 0;
  private finished = false;
  private stopFlag = false;
  private signal: NodeJS.Signals | null = null;
  private readonly signKey: KeyObject | null;

  constructor(
    private readonly sink: TraceSink,
    header: TraceHeaderInput,
    options: TraceWriterOptions = {},
    readonly path: string | null = null,
  ) {
    this.stepLoss = options.stepLoss ?? defaultStepLoss;
    this.signKey = options.sign ?? null;
    const version = TRACE_VERSION;
    const patterns = header.patterns ? header.patterns.map((p) => Array.from(p)) : null;
    const head =
      `{"type":"header","format":${JSON.stringify(TRACE_FORMAT)},"version":${JSON.stringify(version)}` +
      `,"program":${canonicalJson({ name: PROGRAM_NAME, version: VERSION })}` +
      `,"command":${canonicalJson(header.command)},"kind":${JSON.stringify(header.kind)}` +
      `,"model":${canonicalJson(header.model)},"rule":${canonicalJson(header.rule)}` +
      `,"seed":${canonicalJson(header.seed)},"rng":${JSON.stringify(RNG_ALGORITHM)}` +
      `,"circuitHash":${canonicalJson(header.circuitHash)},"inputShape":${canonicalJson(header.inputShape ?? null)}` +
      `,"config":${canonicalJson(header.config)},"initial":${canonicalJson(header.initial)}` +
      `,"patterns":${canonicalJson(patterns)}}`;
    this.line(head, false);
  }

  /** Open a trace file: checks the folder (UserError, exit 2) and creates the temporary file. */
  static create(path: string, header: TraceHeaderInput, options: TraceWriterOptions = {}): TraceWriter {
    const file = new AtomicFileWriter(path, 'trace file');
    try {
      return new TraceWriter(file, header, options, path);
    } catch (err) {
      file.abort();
      throw err;
    }
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Ask the run to stop after the current step (signal handlers call this). */
  requestStop(signal?: NodeJS.Signals): void {
    this.stopFlag = true;
    if (signal && this.signal === null) this.signal = signal;
  }

  /** The training loop's `shouldStop`. */
  get stopRequested(): boolean {
    return this.stopFlag;
  }

  /** The signal that asked for the stop, if any. */
  get stopSignal(): NodeJS.Signals | null {
    return this.signal;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  private line(json: string, chained = true): void {
    let text = `${json}\n`;
    if (chained) {
      const body = `${json.slice(0, -1)},"chain":"${this.hash.copy().digest('hex').slice(0, CHAIN_HEX_DIGITS)}"`;
      // The seal (1.2) covers every byte before the line and the line itself, so the last complete
      // line of a trace cut short is covered too (the chain only covers what came before it).
      const seal = this.hash
        .copy()
        .update(body + '}')
        .digest('hex')
        .slice(0, CHAIN_HEX_DIGITS);
      text = `${body},"seal":"${seal}"}\n`;
    }
    this.hash.update(text);
    this.sink.write(text);
  }

  private checkOpen(): void {
    if (this.finished) throw new Error(`trace ${this.path ?? ''}: write after finish`);
  }

  /** Record one learning step. Steps must come numbered 1, 2, 3, … with non-decreasing epochs. */
  step(s: TraceStepInput): void {
    this.checkOpen();
    if (s.step !== this.stepCount + 1) {
      throw new Error(`trace: step ${s.step} recorded after step ${this.stepCount}`);
    }
    if (s.epoch !== this.openEpoch) {
      if (this.openEpoch !== 0 && s.epoch > this.openEpoch) this.closeEpoch({ epoch: this.openEpoch });
      if (s.epoch !== this.closedThrough + 1) {
        throw new Error(`trace: step ${s.step} is in epoch ${s.epoch} after epoch ${this.closedThrough}`);
      }
      this.openEpoch = s.epoch;
    }
    let changes = '[';
    for (let i = 0; i < s.changes.length; i++) {
      const c = s.changes[i];
      changes +=
        (i === 0 ? '[' : ',[') +
        `${c.layer},${c.unit},${c.input},${numberText(c.after)}` +
        (c.piece ? `,${c.piece}]` : ']');
    }
    changes += ']';
    const pattern = typeof s.pattern === 'number' ? String(s.pattern) : `[${s.pattern.join(',')}]`;
    const json =
      `{"type":"step","step":${s.step},"epoch":${s.epoch},"time":${numberText(s.time)},"pattern":${pattern}` +
      `,"sums":${numberArrayText(s.sums)},"outputs":${numberArrayText(s.outputs)}` +
      `,"desired":${numberArrayText(s.desired)},"errors":${numberArrayText(s.errors)}` +
      (s.mistake === undefined ? '' : `,"mistake":${s.mistake}`) +
      (s.loss === undefined ? '' : `,"loss":${numberText(s.loss)}`) +
      `,"changes":${changes}}`;
    this.line(json);
    this.stepCount++;
    this.epochSteps++;
    if (s.mistake !== undefined) {
      this.epochHasMistakeField = true;
      if (s.mistake) this.epochMistakes++;
    }
    this.epochLoss += this.stepLoss(s);
    this.epochTerms += s.desired.length;
  }

  /**
   * Write the summary of an epoch: the open one, or epoch 0 (before training) when no step has been
   * recorded yet. Values not given come from the epoch's steps. Epochs left open are closed
   * automatically when a step of the next epoch arrives and by a complete `finish`.
   */
  endEpoch(summary: TraceEpochInput): void {
    this.checkOpen();
    this.closeEpoch(summary);
  }

  private closeEpoch(summary: TraceEpochInput): void {
    const e = summary.epoch;
    const first = this.stepCount === 0 && this.epochLines === 0;
    if (!(e === this.openEpoch && e > 0) && !(e === 0 && first)) {
      throw new Error(`trace: cannot close epoch ${e} (open: ${this.openEpoch})`);
    }
    const errors =
      summary.errors !== undefined ? summary.errors : this.epochHasMistakeField ? this.epochMistakes : null;
    const loss =
      summary.loss !== undefined
        ? summary.loss
        : this.epochTerms === 0
          ? null
          : this.epochLoss / this.epochTerms;
    this.line(
      `{"type":"epoch","epoch":${e},"steps":${this.epochSteps},"errors":${errors === null ? 'null' : numberText(errors)}` +
        `,"loss":${loss === null ? 'null' : numberText(loss)}}`,
    );
    this.epochLines++;
    this.closedThrough = e;
    this.openEpoch = 0;
    this.epochSteps = 0;
    this.epochMistakes = 0;
    this.epochHasMistakeField = false;
    this.epochLoss = 0;
    this.epochTerms = 0;
  }

  /**
   * Close the trace and move it into place. Status: `interrupted` when a stop was requested (the
   * epoch in progress then gets no summary line), else `complete`. `final`, when given, is written
   * as a `final` line, which readers check against the weights rebuilt from the steps.
   */
  finish(options: { final?: TraceWeights; status?: TraceStatus } = {}): TraceResult {
    this.checkOpen();
    const status = options.status ?? (this.stopFlag ? 'interrupted' : 'complete');
    if (status === 'complete' && this.openEpoch !== 0) this.closeEpoch({ epoch: this.openEpoch });
    if (options.final) {
      this.line(`{"type":"final","step":${this.stepCount},"weights":${canonicalJson(options.final)}}`);
    }
    const digest = this.hash.digest('hex');
    const facts = { digest, steps: this.stepCount, epochs: this.epochLines, status };
    const end =
      `{"type":"end","steps":${this.stepCount},"epochs":${this.epochLines},"status":"${status}"` +
      `,"digest":"${digest}"${this.signKey ? signatureFields(this.signKey, facts) : ''}}\n`;
    this.sink.write(end);
    this.finished = true;
    this.sink.commit();
    return { path: this.path, steps: this.stepCount, epochs: this.epochLines, status, digest };
  }

  /** Give up: the temporary file is deleted and nothing is left at the target. */
  abort(): void {
    if (this.finished) return;
    this.finished = true;
    this.sink.abort();
  }
}

/** A sink that keeps the bytes in memory (tests, and callers that post-process). */
export class MemorySink implements TraceSink {
  private parts: string[] = [];
  committed = false;
  aborted = false;
  write(text: string): void {
    this.parts.push(text);
  }
  commit(): void {
    this.committed = true;
  }
  abort(): void {
    this.aborted = true;
    this.parts = [];
  }
  text(): string {
    return this.parts.join('');
  }
}
