/**
 * The learning-trace reader: pulls records one line at a time (memory bounded by the longest line),
 * validates them and keeps the weights rebuilt from the recorded changes.
 *
 * Bad input is a `UserError` (exit 2) naming the file and the line: not JSON, not a trace, an
 * unknown major version, a record of the wrong shape, a step or epoch out of order, a change that
 * addresses no weight. Damage that leaves the records readable is reported, not thrown, by
 * `check()`: a trace cut short (`truncated`, everything up to the last complete step is served) and
 * a trace whose bytes no longer match its checksums (`tampered`, naming the first line that cannot
 * be trusted). Nothing in a file, however damaged, makes the reader throw anything else.
 */
import { createHash, type Hash } from 'node:crypto';
import { UserError } from '../errors.js';
import { locateJsonError, tooDeepAt, MAX_JSON_DEPTH } from '../util/json-file.js';
import {
  CHAIN_HEX_DIGITS,
  TRACE_FORMAT,
  TRACE_MAJOR,
  TRACE_VERSION,
  parseVersion,
  recordedNumber,
} from './format.js';
import type {
  ChangeTuple,
  TraceEnd,
  TraceEpoch,
  TraceHeader,
  TraceStatus,
  TraceStep,
  TraceWeights,
} from './format.js';
import { LineSource } from './lines.js';
import { WeightsState, firstWeightDifference } from './rebuild.js';

export type TraceRecord =
  | { readonly type: 'step'; readonly line: number; readonly step: TraceStep }
  | { readonly type: 'epoch'; readonly line: number; readonly epoch: TraceEpoch }
  | { readonly type: 'final'; readonly line: number; readonly weights: TraceWeights };

export type TraceIntegrity = 'ok' | 'truncated' | 'tampered';

/** What a whole read found. */
export interface TraceCheck {
  readonly integrity: TraceIntegrity;
  /** From the closing line; null when there is none. */
  readonly status: TraceStatus | null;
  /** Last complete step (all of them for an intact trace). */
  readonly steps: number;
  /** Epoch summary lines read. */
  readonly epochLines: number;
  /** Epoch of the last step (0 when there is none). */
  readonly lastEpoch: number;
  /** Simulated time at the end of the last step. */
  readonly time: number;
  readonly lines: number;
  /** Tampered: the first line not covered by a matching checksum (1-based). */
  readonly firstUntrustedLine: number | null;
  /**
   * Truncated: the last complete line, which no checksum covers (each line's checksum covers the
   * lines before it, and the closing digest is gone), so a change to it cannot be detected; null
   * when there is none or the trace is closed.
   */
  readonly uncoveredLine: number | null;
  /** One sentence for people. */
  readonly message: string;
  readonly end: TraceEnd | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export class TraceReader {
  readonly header: TraceHeader;
  /** The weights after the last step returned by `next()`. */
  readonly weights: WeightsState;
  /** Values before the last step's changes, aligned with its `changes`. */
  lastBefore: number[] = [];

  private readonly src: LineSource;
  private readonly hash: Hash = createHash('sha256');
  private lineNo = 0;
  private stepCount = 0;
  private lastTime = 0;
  private epochLines = 0;
  private closedThrough = 0;
  private openEpoch = 0;
  private sawFinal = false;
  private end: TraceEnd | null = null;
  private done = false;
  private truncatedNote: string | null = null;
  private tamperLine: number | null = null;
  /** Whether the last record read carried a matching seal (1.2), so it is covered by a checksum. */
  private lastLineSealed = false;
  private tamperNote: string | null = null;
  private checkResult: TraceCheck | null = null;

  constructor(readonly file: string) {
    try {
      this.src = new LineSource(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code);
      throw new UserError(`${file}: cannot read trace: ${reason}`);
    }
    try {
      const first = this.src.next();
      if (first === null || (first.bytes.length === 0 && !first.terminated)) {
        throw new UserError(`${file}: empty file, not a perceptron-sim trace`);
      }
      this.lineNo = 1;
      if (!first.terminated) {
        throw new UserError(
          `${file}: line 1: the file ends inside the header; it was cut short and holds no steps`,
        );
      }
      const raw = this.parse(first.bytes, 'the header');
      this.header = this.validateHeader(raw);
      this.weights = new WeightsState(this.header.initial);
      this.hash.update(first.bytes);
      this.hash.update('\n');
    } catch (err) {
      this.src.close();
      throw err;
    }
  }

  private fail(message: string, line = this.lineNo): never {
    const note =
      this.tamperLine !== null
        ? `the file was altered: its checksums stop matching at line ${this.tamperLine}`
        : undefined;
    this.src.close();
    throw new UserError(`${this.file}: line ${line}: ${message}`, note);
  }

  private parse(bytes: Buffer, what: string): Obj {
    const text = bytes.toString('utf8');
    const deep = tooDeepAt(text);
    if (deep >= 0)
      this.fail(`arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels at column ${deep + 1}`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const { pos, expected } = locateJsonError(text);
      const found = pos >= text.length ? 'end of line' : JSON.stringify(text[pos]);
      const hint = this.lineNo === 1 ? ' (is this a perceptron-sim trace?)' : '';
      this.fail(`not valid JSON at column ${pos + 1}: expected ${expected}, found ${found}${hint}`);
    }
    if (!isObj(value)) this.fail(`${what} must be a JSON object`);
    return value;
  }

  private validateHeader(h: Obj): TraceHeader {
    if (h.type !== 'header' || h.format !== TRACE_FORMAT) {
      const got = typeof h.format === 'string' ? `format '${h.format}'` : `no "format": "${TRACE_FORMAT}"`;
      this.fail(
        `not a perceptron-sim trace: expected a header line with "format": "${TRACE_FORMAT}", found ${got}`,
      );
    }
    const v = parseVersion(h.version);
    if (!v) this.fail(`header: version must be "major.minor", got ${JSON.stringify(h.version)}`);
    if (v.major !== TRACE_MAJOR) {
      this.fail(
        `trace format version ${String(h.version)} is not supported: this program reads version ${TRACE_MAJOR}.x ` +
          `(it writes ${TRACE_VERSION})` +
          (v.major > TRACE_MAJOR ? '; a newer perceptron-sim wrote it' : ''),
      );
    }
    const need = (key: string, ok: (x: unknown) => boolean, expected: string) => {
      if (!ok(h[key]))
        this.fail(`header: "${key}" must be ${expected}, got ${JSON.stringify(h[key]) ?? 'nothing'}`);
    };
    const strOrNull = (x: unknown) => x === null || typeof x === 'string';
    need(
      'program',
      (x) => isObj(x) && typeof x.name === 'string' && typeof x.version === 'string',
      '{name, version}',
    );
    need('command', (x) => Array.isArray(x) && x.every((a) => typeof a === 'string'), 'an array of strings');
    need('kind', (x) => typeof x === 'string', 'a string');
    need('model', strOrNull, 'a string or null');
    need('rule', strOrNull, 'a string or null');
    need(
      'seed',
      (x) => x === null || typeof x === 'string' || typeof x === 'number',
      'a number, string or null',
    );
    need('rng', (x) => typeof x === 'string', 'a string');
    need('circuitHash', strOrNull, 'a string or null');
    need('config', isObj, 'an object');
    need(
      'inputShape',
      (x) =>
        x === undefined ||
        x === null ||
        (isObj(x) && isInt(x.width) && isInt(x.height) && x.width > 0 && x.height > 0),
      '{width, height} or null',
    );
    need(
      'patterns',
      (x) => x === undefined || x === null || (Array.isArray(x) && x.every((p) => isNumberArray(p))),
      'an array of number arrays or null',
    );
    const problem = weightsProblem(h.initial);
    if (problem) this.fail(`header: "initial" ${problem}`);
    return {
      ...(h as unknown as TraceHeader),
      initial: decodeNumbers(h.initial) as TraceWeights,
      inputShape: (h.inputShape as TraceHeader['inputShape']) ?? null,
      patterns: (decodeNumbers(h.patterns) as number[][] | undefined) ?? null,
    };
  }

  /** The next step, epoch or final record; null after the closing line or at the end of the file. */
  next(): TraceRecord | null {
    while (!this.done) {
      const raw = this.src.next();
      if (raw === null) {
        this.finishRead(null);
        return null;
      }
      this.lineNo++;
      if (!raw.terminated) {
        if (this.end === null) {
          this.truncatedNote = `line ${this.lineNo} is incomplete (the file was cut inside it)`;
        } else {
          this.tamper(this.lineNo, `data after the closing line (line ${this.lineNo})`);
        }
        this.finishRead(null);
        return null;
      }
      if (this.end !== null) {
        this.tamper(this.lineNo, `data after the closing line (line ${this.lineNo})`);
        continue;
      }
      const rec = this.parse(raw.bytes, 'a record');
      if (rec.type === 'end') {
        this.readEnd(rec);
        continue;
      }
      const chain = this.hash.copy().digest('hex').slice(0, CHAIN_HEX_DIGITS);
      if (rec.chain !== chain) {
        this.tamper(
          this.lineNo - 1,
          `the checksum on line ${this.lineNo} does not match: line ${this.lineNo - 1} (or that checksum) was altered`,
        );
      }
      this.checkSeal(rec, raw.bytes);
      this.hash.update(raw.bytes);
      this.hash.update('\n');
      if (this.sawFinal)
        this.fail(`a "${String(rec.type)}" record after the final weights; expected the closing line`);
      switch (rec.type) {
        case 'step':
          return { type: 'step', line: this.lineNo, step: this.readStep(rec) };
        case 'epoch':
          return { type: 'epoch', line: this.lineNo, epoch: this.readEpoch(rec) };
        case 'final':
          return { type: 'final', line: this.lineNo, weights: this.readFinal(rec) };
        case 'header':
          this.fail('a second header');
          break;
        default:
          // Unknown record types would need a new minor version to be ignorable; 1.0 has none.
          this.fail(`unknown record type ${JSON.stringify(rec.type)}; expected step, epoch, final or end`);
      }
    }
    return null;
  }

  /** 1.2: `seal` covers every byte before the line and the line itself (without its seal). */
  private checkSeal(rec: Obj, bytes: Buffer): void {
    this.lastLineSealed = false;
    if (rec.seal === undefined) return;
    const suffix = `,"seal":"${String(rec.seal)}"}`;
    const body = bytes.subarray(0, bytes.length - suffix.length).toString('utf8') + '}';
    const ok =
      typeof rec.seal === 'string' &&
      bytes.subarray(bytes.length - suffix.length).toString('utf8') === suffix &&
      this.hash.copy().update(body).digest('hex').slice(0, CHAIN_HEX_DIGITS) === rec.seal;
    if (!ok)
      this.tamper(this.lineNo, `the seal on line ${this.lineNo} does not match: that line was altered`);
    else this.lastLineSealed = true;
  }

  private tamper(line: number, note: string): void {
    if (this.tamperLine === null) {
      this.tamperLine = Math.max(1, line);
      this.tamperNote = note;
    }
  }

  private readStep(r: Obj): TraceStep {
    if (!isInt(r.step))
      this.fail(`step record: "step" must be a whole number, got ${JSON.stringify(r.step)}`);
    if (r.step !== this.stepCount + 1) {
      this.fail(`step ${r.step} out of order: expected step ${this.stepCount + 1}`);
    }
    if (!isInt(r.epoch) || r.epoch < 1) {
      this.fail(`step ${r.step}: "epoch" must be a whole number ≥ 1, got ${JSON.stringify(r.epoch)}`);
    }
    if (r.epoch !== (this.openEpoch || this.closedThrough + 1)) {
      this.fail(
        `step ${r.step} out of order: it is in epoch ${r.epoch}, expected epoch ${this.openEpoch || this.closedThrough + 1}` +
          (this.openEpoch ? ' (an epoch ends with its summary line)' : ''),
      );
    }
    const time = recordedNumber(r.time);
    if (time === undefined) this.fail(`step ${r.step}: "time" must be a number`);
    const pattern = r.pattern;
    if (!(isInt(pattern) || (Array.isArray(pattern) && pattern.every(isInt)))) {
      this.fail(`step ${r.step}: "pattern" must be a pattern index or an array of them`);
    }
    const arrays: Record<'sums' | 'outputs' | 'desired' | 'errors', number[]> = {
      sums: [],
      outputs: [],
      desired: [],
      errors: [],
    };
    for (const key of ['sums', 'outputs', 'desired', 'errors'] as const) {
      const a = r[key];
      const out = Array.isArray(a) ? a.map(recordedNumber) : undefined;
      if (!out || out.some((x) => x === undefined))
        this.fail(`step ${r.step}: "${key}" must be an array of numbers`);
      arrays[key] = out as number[];
    }
    if (r.mistake !== undefined && typeof r.mistake !== 'boolean') {
      this.fail(`step ${r.step}: "mistake" must be true or false`);
    }
    const loss = r.loss === undefined || r.loss === null ? null : recordedNumber(r.loss);
    if (loss === undefined) this.fail(`step ${r.step}: "loss" must be a number`);
    if (!Array.isArray(r.changes)) this.fail(`step ${r.step}: "changes" must be an array`);
    const changes: ChangeTuple[] = [];
    const before: number[] = [];
    r.changes.forEach((c: unknown, i: number) => {
      const ok =
        Array.isArray(c) &&
        (c.length === 4 || c.length === 5) &&
        isInt(c[0]) &&
        isInt(c[1]) &&
        isInt(c[2]) &&
        recordedNumber(c[3]) !== undefined &&
        (c.length === 4 || (isInt(c[4]) && c[4] > 0));
      if (!ok) this.fail(`step ${r.step}: changes[${i}] must be [layer, unit, input, after] or [..., piece]`);
      const t = [c[0], c[1], c[2], recordedNumber(c[3]) as number] as ChangeTuple;
      if (c.length === 5) t.push(c[4]);
      const b = this.weights.apply(t);
      if (typeof b === 'string') this.fail(`step ${r.step}: changes[${i}] addresses no weight: ${b}`);
      changes.push(t);
      before.push(b);
    });
    this.lastBefore = before;
    this.stepCount = r.step;
    this.openEpoch = r.epoch;
    this.lastTime = time;
    return {
      step: r.step,
      epoch: r.epoch,
      time,
      pattern: pattern as number | number[],
      ...arrays,
      mistake: typeof r.mistake === 'boolean' ? r.mistake : null,
      loss,
      changes,
    };
  }

  private readEpoch(r: Obj): TraceEpoch {
    const e = r.epoch;
    if (!isInt(e)) this.fail(`epoch record: "epoch" must be a whole number`);
    const expected = this.openEpoch || this.closedThrough + 1;
    const zeroFirst = e === 0 && this.stepCount === 0 && this.epochLines === 0;
    if (e !== expected && !zeroFirst)
      this.fail(`epoch ${e} summary out of order: expected epoch ${expected}`);
    if (!isInt(r.steps) || r.steps < 0) this.fail(`epoch ${e}: "steps" must be a whole number`);
    const errors = r.errors === null ? null : recordedNumber(r.errors);
    const loss = r.loss === null ? null : recordedNumber(r.loss);
    if (errors === undefined) this.fail(`epoch ${e}: "errors" must be a number or null`);
    if (loss === undefined) this.fail(`epoch ${e}: "loss" must be a number or null`);
    this.epochLines++;
    this.closedThrough = e;
    this.openEpoch = 0;
    return { epoch: e, steps: r.steps, errors, loss };
  }

  private readFinal(r: Obj): TraceWeights {
    const problem = weightsProblem(r.weights);
    if (problem) this.fail(`final weights: ${problem}`);
    if (r.step !== this.stepCount)
      this.fail(`final weights of step ${String(r.step)} after step ${this.stepCount}`);
    this.sawFinal = true;
    const weights = decodeNumbers(r.weights) as TraceWeights;
    const d = firstWeightDifference(weights, this.weights.view());
    if (d) {
      this.tamper(
        this.lineNo,
        `the final weights on line ${this.lineNo} disagree with the weights rebuilt from the steps at ${d.path}`,
      );
    }
    return weights;
  }

  private readEnd(r: Obj): void {
    const bad = (what: string) => this.fail(`closing line: ${what}`);
    if (!isInt(r.steps)) bad('"steps" must be a whole number');
    if (!isInt(r.epochs)) bad('"epochs" must be a whole number');
    if (r.status !== 'complete' && r.status !== 'interrupted')
      bad('"status" must be "complete" or "interrupted"');
    if (typeof r.digest !== 'string') bad('"digest" must be a string');
    if (r.signature !== undefined && typeof r.signature !== 'string') bad('"signature" must be a string');
    if (r.key !== undefined && typeof r.key !== 'string') bad('"key" must be a string');
    this.end = {
      steps: r.steps as number,
      epochs: r.epochs as number,
      status: r.status as TraceStatus,
      digest: r.digest as string,
      ...(typeof r.signature === 'string' ? { signature: r.signature } : {}),
      ...(typeof r.key === 'string' ? { key: r.key } : {}),
    };
    const digest = this.hash.digest('hex');
    if (r.digest !== digest) {
      this.tamper(
        this.lineNo - 1,
        `the digest on the closing line does not match: line ${this.lineNo - 1} (or the digest) was altered`,
      );
    }
    if (r.steps !== this.stepCount || r.epochs !== this.epochLines) {
      this.tamper(
        this.lineNo,
        `the closing line counts ${String(r.steps)} steps and ${String(r.epochs)} epoch lines, the file has ${this.stepCount} and ${this.epochLines}`,
      );
    }
  }

  private finishRead(_: null): void {
    if (this.done) return;
    this.done = true;
    this.src.close();
    const steps = this.stepCount;
    const epoch = this.openEpoch || this.closedThrough;
    let integrity: TraceIntegrity;
    let message: string;
    let uncovered: number | null = null;
    if (this.tamperLine !== null) {
      integrity = 'tampered';
      message =
        `tampered: ${this.tamperNote}; ` +
        (this.tamperLine > 1
          ? `lines 1–${this.tamperLine - 1} are intact, line ${this.tamperLine} is the first that cannot be trusted`
          : 'no line can be trusted');
    } else if (this.end === null) {
      integrity = 'truncated';
      uncovered = this.truncatedNote ? this.lineNo - 1 : this.lineNo;
      // A sealed last line (1.2) is covered by its own seal.
      if (this.lastLineSealed) uncovered = 0;
      message =
        `truncated: no closing line${this.truncatedNote ? `; ${this.truncatedNote}` : ''}; ` +
        `the last complete step is ${steps} (epoch ${epoch})` +
        (uncovered > 1 ? `; line ${uncovered}, the last complete line, is covered by no checksum` : '');
      if (uncovered <= 1) uncovered = null;
    } else {
      integrity = 'ok';
      message =
        this.end.status === 'complete'
          ? `complete: ${steps} steps, digest verified`
          : `interrupted after step ${steps} (epoch ${epoch}) and closed cleanly; digest verified`;
    }
    this.checkResult = {
      integrity,
      status: this.end?.status ?? null,
      steps,
      epochLines: this.epochLines,
      lastEpoch: epoch,
      time: this.lastTime,
      lines: this.lineNo,
      firstUntrustedLine: this.tamperLine,
      uncoveredLine: uncovered,
      message,
      end: this.end,
    };
  }

  /** Read the rest of the file (validating it) and report what the whole read found. */
  check(): TraceCheck {
    while (this.next() !== null) {
      // records are validated as they are read
    }
    return this.checkResult!;
  }

  close(): void {
    this.src.close();
  }
}

/** Numbers in arrays as recorded (`"NaN"`, `"Infinity"` strings) back to numbers. */
function decodeNumbers(v: unknown): unknown {
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'string' ? (recordedNumber(x) ?? x) : decodeNumbers(x)));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeNumbers(x)]));
  return v;
}

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => recordedNumber(x) !== undefined);
}

/** Why a value is not a weights object, or null when it is one. */
function weightsProblem(w: unknown): string | null {
  if (!isObj(w) || !Array.isArray(w.layers)) return 'must be {layers: [{weights, bias}, …]}';
  for (let l = 0; l < w.layers.length; l++) {
    const L = w.layers[l];
    const matrix = (m: unknown) => Array.isArray(m) && m.every(isNumberArray);
    if (!isObj(L) || !matrix(L.weights) || !isNumberArray(L.bias)) {
      return `layers[${l}] must have weights [unit][input] and bias [unit] of numbers`;
    }
    if (L.slopes !== undefined && !isNumberArray(L.slopes)) return `layers[${l}].slopes must be numbers`;
    if (
      L.extraPieces !== undefined &&
      !(
        Array.isArray(L.extraPieces) &&
        L.extraPieces.every((p) => isObj(p) && matrix(p.weights) && isNumberArray(p.bias))
      )
    ) {
      return `layers[${l}].extraPieces must be [{weights, bias}]`;
    }
  }
  if (
    w.direct !== undefined &&
    !(isObj(w.direct) && Array.isArray(w.direct.weights) && w.direct.weights.every(isNumberArray))
  ) {
    return 'direct must be {weights: [unit][input]}';
  }
  return null;
}

/** Read a whole trace, validating it, and report what was found (a `UserError` for bad input). */
export function checkTrace(file: string): { header: TraceHeader; check: TraceCheck } {
  const r = new TraceReader(file);
  return { header: r.header, check: r.check() };
}

/** Throw a UserError for a tampered trace (commands that must not act on altered data). */
export function refuseTampered(file: string, check: TraceCheck): void {
  if (check.integrity === 'tampered') {
    throw new UserError(`${file}: ${check.message}`, 'the trace cannot be trusted; record it again');
  }
}
