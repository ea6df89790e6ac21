/** `perceptron-sim export <trace> --csv OUT | --vcd OUT`: a learning trace for spreadsheets or waveform viewers. */
import type { Command } from 'commander';
import { ExitStatus, UserError } from '../errors.js';
import { inTracedWorker, runTracedInWorker } from './traced-worker.js';
import { stderrStyle } from '../report/style.js';
import { exportCsv, exportVcd, parseWeightList } from '../trace/export.js';
import type { TraceCheck } from '../trace/reader.js';
import { checkRunFiles } from '../util/run-files.js';
import { parseDuration } from '../util/duration.js';

interface ExportOptions {
  csv?: string;
  vcd?: string;
  weights?: string;
  tick?: string;
}

function note(file: string, check: TraceCheck): void {
  if (check.integrity === 'truncated' || check.status === 'interrupted') {
    process.stderr.write(`${file}: ${stderrStyle.yellow('warning')}: ${check.message}\n`);
  }
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a learning trace as CSV (one row per step) or as a VCD of the learning signals')
    .argument('<trace>', 'trace file (JSON Lines; see docs/trace-format.md)')
    .option(
      '--csv <file>',
      'one row per step: step, epoch, time, pattern, per-unit sums/outputs/desired/errors, and how many weights changed (docs/trace-format.md)',
    )
    .option('--vcd <file>', 'learning signals over simulated time (errors, outputs, sums, chosen weights)')
    .option(
      '--weights <list>',
      'weights to put in the VCD, layer:unit:input,… (input: a number, bias or slope); default 0:0:bias and 0:0:0…2',
    )
    .option('--tick <time>', 'VCD time resolution for timed traces (default 1us)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  perceptron-sim export run.trace.jsonl --csv steps.csv\n' +
        '  perceptron-sim export run.trace.jsonl --vcd learning.vcd --weights 0:0:bias,0:0:3,0:1:3',
    )
    .action(async (file: string, options: ExportOptions) => {
      // Export streams a whole trace synchronously: in a worker, a signal can stop it and remove
      // the temporary file (traced-worker.ts).
      if (!inTracedWorker()) throw new ExitStatus(await runTracedInWorker(process.argv, 'abort'));
      if (options.csv === undefined && options.vcd === undefined)
        throw new UserError('export: give --csv FILE, --vcd FILE or both');
      if ((options.weights !== undefined || options.tick !== undefined) && options.vcd === undefined) {
        throw new UserError('export: --weights and --tick go with --vcd');
      }
      // Everything is checked before any work is done or any file created.
      const weights = options.weights !== undefined ? parseWeightList(options.weights) : undefined;
      const tickSeconds = options.tick !== undefined ? parseDuration(options.tick, '--tick') : undefined;
      checkRunFiles(
        [{ option: 'trace', path: file }],
        [
          { option: '--csv', path: options.csv, what: 'CSV file' },
          { option: '--vcd', path: options.vcd, what: 'VCD file' },
        ],
      );
      let check: TraceCheck | undefined;
      if (options.csv !== undefined) check = exportCsv(file, options.csv);
      if (options.vcd !== undefined) check = exportVcd(file, options.vcd, { weights, tickSeconds });
      if (check) note(file, check);
    });
}
