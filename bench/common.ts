/**
 * What the benchmarks share: timing, the Python side (scikit-learn), temporary data files and the
 * log-log fit of the scaling table. Benchmarks are scripts, never tests (DESIGN.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The interpreter the issue names; the Python benchmarks are skipped when it or scikit-learn is missing. */
export const PYTHON = '/usr/bin/python3';
export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Wall and CPU seconds (user + system of this process, garbage-collector threads included). The
 * machine is shared: CPU time moves less with other people's load, so ratios use it; wall time is
 * printed beside it.
 */
export interface Timing {
  wall: number;
  cpu: number;
}

export function time(fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

/** Wall seconds of `fn`. */
export function seconds(fn: () => void): number {
  return time(fn).wall;
}

/** The best (smallest) wall and CPU times of `reps` runs of `fn`, each after a fresh `setup` (not timed). */
export function bestOf<T>(reps: number, setup: () => T, fn: (state: T) => void): Timing {
  const best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < reps; r++) {
    const state = setup();
    const t = time(() => fn(state));
    best.wall = Math.min(best.wall, t.wall);
    best.cpu = Math.min(best.cpu, t.cpu);
  }
  return best;
}

/** Why the scikit-learn side cannot run, or null when it can. Checked once. */
let sklearnProblem: string | null | undefined;
export function sklearnMissing(): string | null {
  if (sklearnProblem !== undefined) return sklearnProblem;
  if (!existsSync(PYTHON)) return (sklearnProblem = `skipped: scikit-learn not found (no ${PYTHON})`);
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, numpy; print(sklearn.__version__)'], {
    encoding: 'utf8',
  });
  sklearnProblem = r.status === 0 ? null : 'skipped: scikit-learn not found';
  return sklearnProblem;
}

export function sklearnVersion(): string | null {
  if (sklearnMissing()) return null;
  const r = spawnSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
  return r.stdout.trim();
}

/**
 * Run `bench/<script>` with the data folder as its argument and parse the JSON it prints.
 * BLAS is held to one thread, as the JavaScript side runs on one core (the figures are per core).
 */
export function runPython<T>(script: string, dataDir: string): T {
  const r = spawnSync(PYTHON, [join(BENCH_DIR, script), dataDir], {
    encoding: 'utf8',
    env: {
      ...process.env,
      OPENBLAS_NUM_THREADS: '1',
      OMP_NUM_THREADS: '1',
      MKL_NUM_THREADS: '1',
      PYTHONWARNINGS: 'ignore',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `perceptron-sim-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write a Float64Array as raw little-endian doubles (numpy.fromfile reads it with dtype '<f8'). */
export function writeFloat64(path: string, a: Float64Array): void {
  writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

/** Least-squares slope of log(y) against log(x): the measured exponent of y ∝ x^k. */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const n = lx.length;
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

/** Largest absolute difference between two equal-length vectors. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
