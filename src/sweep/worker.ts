/**
 * A sweep worker thread: receives jobs, runs each experiment, posts one result back per job.
 * Loaded by `runSweep` from the compiled file next to it (dist/sweep/worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { findExperiment } from '../experiments/registry.js';
import { runJob, type WorkerRequest } from './run-job.js';

parentPort?.on('message', (req: WorkerRequest) => {
  if (req.type === 'exit') {
    process.exit(0);
  }
  try {
    parentPort!.postMessage({
      type: 'result',
      index: req.job.index,
      line: runJob(findExperiment(req.experiment), req),
    });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({
      type: 'error',
      index: req.job.index,
      message: e.message,
      user: e.name === 'UserError' || 'exitCode' in e,
    });
  }
});
