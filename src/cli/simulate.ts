/** `perceptron-sim simulate <circuit.json>`: run a circuit file and print its outputs. */
import type { Command } from 'commander';
import { loadCircuitFile, parseSetOption } from '../netlist/load.js';
import { runCircuit, DEFAULT_MAX_EVENTS } from '../netlist/run.js';
import { loadStimulusFile } from '../netlist/stimulus.js';
import { formatNumber, renderTable } from '../report/table.js';
import { AtomicFileWriter } from '../util/atomic-file.js';
import { checkRunFiles } from '../util/run-files.js';
import { formatSeconds, parseDuration } from '../util/duration.js';
import { VERSION } from '../version.js';
import { collect, positiveInteger } from './options.js';
import { terminalSafeLine } from '../util/terminal-text.js';
import { inTracedWorker, runTracedInWorker } from './traced-worker.js';
import { ExitStatus } from '../errors.js';

interface SimulateOptions {
  set: string[];
  stimulus?: string;
  until?: string;
  maxEvents?: number;
  vcd?: string;
  json?: boolean;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run a circuit file and print the final value of every named output')
    .argument('<circuit>', 'circuit file (JSON; see docs/circuit-format.md)')
    .option('--set <id.param=value>', 'override a component parameter (repeatable)', collect, [])
    .option('--stimulus <file>', 'timed parameter changes to apply (JSON; see docs/circuit-format.md)')
    .option(
      '--until <time>',
      'stop at this simulated time (e.g. 10ms, 2s, 500us); default: when no events remain',
    )
    .option(
      '--max-events <n>',
      `stop after this many events (default ${DEFAULT_MAX_EVENTS} when --until is not given)`,
      positiveInteger('--max-events'),
    )
    .option('--vcd <file>', 'write a value change dump of every net (GTKWave, Surfer)')
    .option('--json', 'print one JSON object on stdout instead of a table')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  perceptron-sim simulate circuits/examples/majority3.json --set b.position=off\n' +
        '  perceptron-sim simulate circuits/examples/photocell-row.json --stimulus circuits/examples/photocell-row.stimulus.json --vcd row.vcd',
    )
    .action(async (file: string, options: SimulateOptions) => {
      // The run is synchronous: with a VCD file open it runs in a worker, so that a signal can
      // stop it and remove the temporary file (traced-worker.ts).
      if (options.vcd !== undefined && !inTracedWorker())
        throw new ExitStatus(await runTracedInWorker(process.argv, 'abort'));
      // Validate every input before doing any work or creating any file.
      const overrides = options.set.map(parseSetOption);
      const circuit = loadCircuitFile(file, overrides);
      const stimulus = options.stimulus ? loadStimulusFile(options.stimulus, circuit) : [];
      const untilSeconds = options.until === undefined ? undefined : parseDuration(options.until, '--until');
      checkRunFiles(
        [
          { option: 'circuit', path: file },
          { option: '--stimulus', path: options.stimulus },
        ],
        [{ option: '--vcd', path: options.vcd, what: 'VCD file' }],
      );

      const vcdFile = options.vcd !== undefined ? new AtomicFileWriter(options.vcd, 'VCD file') : undefined;
      let result;
      try {
        result = runCircuit(circuit, {
          stimulus,
          untilSeconds,
          maxEvents: options.maxEvents,
          vcd: vcdFile ? (text) => vcdFile.write(text) : undefined,
          version: VERSION,
        });
        vcdFile?.commit();
      } catch (err) {
        vcdFile?.abort();
        throw err;
      }

      if (options.json) {
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      // Output names and the circuit's name come from the file: printed without terminal escapes.
      const rows = Object.entries(result.outputs).map(([name, value]) => [
        terminalSafeLine(name),
        formatNumber(value),
      ]);
      process.stdout.write(renderTable(['output', 'value'], rows));
      const stopped =
        result.stop === 'quiescent'
          ? 'settled (no events left)'
          : result.stop === 'time'
            ? 'reached --until'
            : 'event budget spent';
      process.stderr.write(
        `${terminalSafeLine(result.circuit)}: ${stopped} at t = ${formatSeconds(result.timeSeconds)} ` +
          `(${result.timeTicks} ticks of ${formatSeconds(result.tickSeconds)}), ${result.events} events\n`,
      );
    });
}
