/** One sweep job: run the experiment with the job's seed and settings, as one result line. */
import { runExperiment } from '../experiments/run.js';
import type { Experiment } from '../experiments/types.js';
import type { Job, SweepId } from './plan.js';

export type WorkerRequest =
  { type: 'job'; experiment: string; job: Job; full: boolean; spec: SweepId; of: number } | { type: 'exit' };

/** A result line of a sweep's JSON Lines output. Deterministic: no wall times, stable key order. */
export interface SweepLine {
  sweep: SweepId;
  index: number;
  of: number;
  job: string;
  experiment: string;
  seed: number;
  set: string[];
  results: Array<{ name: string; measured: number; verdict: string }>;
  hardwareSeconds: number | null;
}

export function runJob(exp: Experiment, req: Extract<WorkerRequest, { type: 'job' }>): SweepLine {
  const report = runExperiment(exp, {
    seed: req.job.seed,
    mode: req.full ? 'full' : 'default',
    set: req.job.set,
  });
  return {
    sweep: req.spec,
    index: req.job.index,
    of: req.of,
    job: req.job.key,
    experiment: exp.id,
    seed: req.job.seed,
    set: req.job.set,
    results: report.results.map((r) => ({ name: r.name, measured: r.measured, verdict: r.verdict })),
    hardwareSeconds: report.timing.hardwareSeconds,
  };
}
