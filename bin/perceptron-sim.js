#!/usr/bin/env node
// Launcher for the compiled CLI. `npm ci` builds dist/ through the `prepare` script.
import { isPlainSweep, rerunWithSingleThreadedGc } from '../dist/cli/single-threaded-gc.js';

if (isPlainSweep(process.argv, process.execArgv)) {
  // A sweep re-runs itself with single-threaded GC: do it before loading the whole CLI.
  process.exitCode = await rerunWithSingleThreadedGc();
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
