/** The worker of `runTracedInWorker` (traced-worker.ts): runs the command and reports its exit code. */
import { parentPort, workerData } from 'node:worker_threads';
import { setTempListener } from '../util/temp-files.js';
import { main } from './main.js';

// The main thread removes these if a signal stops the process before the worker can.
setTempListener((op, path) => parentPort!.postMessage({ temp: op, path }));
const exitCode = await main([...(workerData as { argv: string[] }).argv]);
parentPort!.postMessage({ exitCode });
