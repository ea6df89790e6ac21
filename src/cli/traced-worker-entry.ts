/** The worker of `runTracedInWorker` (traced-worker.ts): runs the command and reports its exit code. */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from './main.js';

const exitCode = await main([...(workerData as { argv: string[] }).argv]);
parentPort!.postMessage({ exitCode });
