/** `perceptron-sim replay <trace>`: summarise a learning trace, rebuild weights, show steps, verify. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { UserError } from '../errors.js';
import { renderReplayReport } from '../report/html/index.js';
import { tracePlayer } from '../report/html/trace-source.js';
import { stderrStyle } from '../report/style.js';
import type { TraceCheck } from '../trace/reader.js';
import {
  renderSummary,
  renderWeights,
  showSteps,
  summarizeTrace,
  summaryJson,
  weightsAt,
} from '../trace/replay.js';
import { VerifyMismatchError, verifyTrace } from '../trace/verify.js';
import { loadVerifyKey, verifyTraceSignature } from '../trace/sign.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { checkRunFiles } from '../util/run-files.js';
import { positiveInteger } from './options.js';
import { terminalSafe } from '../util/terminal-text.js';

interface ReplayOptions {
  at?: number;
  show?: boolean;
  from?: number;
  to?: number;
  verify?: boolean;
  verifySignature?: string;
  json?: boolean;
  report?: string;
}

function stepNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${name} expects a step number (0 or more), got '${value}'.`);
    }
    return n;
  };
}

/** Truncated and interrupted traces are served, with a note on stderr. */
function note(file: string, check: TraceCheck): void {
  if (check.integrity === 'truncated' || check.status === 'interrupted') {
    process.stderr.write(`${file}: ${stderrStyle.yellow('warning')}: ${check.message}\n`);
  }
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'summarise a learning trace; rebuild the weights at a step, show steps, or verify it by re-running',
    )
    .argument('<trace>', 'trace file (JSON Lines; see docs/trace-format.md)')
    .option(
      '--at <step>',
      'print the weights after this step (0: the initial weights), from the recorded changes alone',
      stepNumber('--at'),
    )
    .option(
      '--show',
      'print steps as terminal frames: input pattern, sums, outputs against desired, weights moved',
    )
    .option('--from <step>', 'first step --show prints (default 1)', positiveInteger('--from'))
    .option('--to <step>', 'last step --show prints (default: --from + 9)', positiveInteger('--to'))
    .option(
      '--verify',
      're-run the recorded configuration and compare step by step (exit 3 at the first divergence)',
    )
    .option(
      '--verify-signature <pub.pem>',
      'check the trace against its Ed25519 signature with this public key (exit 3 when it does not match)',
    )
    .option('--json', 'machine-readable output on stdout (the summary, --at weights, or the --verify result)')
    .option(
      '--report <file.html>',
      'with the summary: also write a self-contained HTML report with a step player',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 fine (a truncated trace is served up to its last complete step, with a warning),\n' +
        '2 bad or tampered trace, 3 --verify found a divergence or --verify-signature a mismatch.\n' +
        '\nExamples:\n' +
        '  perceptron-sim replay run.trace.jsonl\n' +
        '  perceptron-sim replay run.trace.jsonl --at 120 --json\n' +
        '  perceptron-sim replay run.trace.jsonl --show --from 5 --to 8\n' +
        '  perceptron-sim replay run.trace.jsonl --verify',
    )
    .action(async (file: string, options: ReplayOptions) => {
      const modes = [
        options.at !== undefined,
        options.show === true,
        options.verify === true,
        options.verifySignature !== undefined,
      ].filter(Boolean).length;
      if (modes > 1)
        throw new UserError('replay: choose one of --at, --show, --verify and --verify-signature');
      if (options.report !== undefined && modes > 0)
        throw new UserError('replay: --report goes with the summary, not with --at, --show or --verify');
      checkRunFiles(
        [{ option: 'trace', path: file }],
        [{ option: '--report', path: options.report, what: 'HTML report' }],
      );
      if ((options.from !== undefined || options.to !== undefined) && !options.show) {
        throw new UserError('replay: --from and --to go with --show');
      }
      if (options.show && options.json)
        throw new UserError(
          'replay: --show has no --json form',
          'use export --csv for machine-readable steps',
        );

      if (options.verifySignature !== undefined) {
        const key = loadVerifyKey(options.verifySignature);
        const { keyId, check } = verifyTraceSignature(file, key);
        if (options.json) {
          process.stdout.write(
            JSON.stringify(
              { signatureVerified: true, key: keyId, status: check.status, steps: check.steps },
              null,
              2,
            ) + '\n',
          );
        } else {
          process.stdout.write(
            `${file}: signature verified: key ${keyId} signed these ${check.steps} steps (${check.status})\n`,
          );
        }
        return;
      }

      if (options.verify) {
        const result = await verifyTrace(file);
        note(file, result.check);
        if (options.json) {
          process.stdout.write(
            JSON.stringify(
              { verified: result.divergence === null, steps: result.steps, divergence: result.divergence },
              null,
              2,
            ) + '\n',
          );
          if (result.divergence) throw new VerifyMismatchError(file, result.divergence);
          return;
        }
        if (result.divergence) throw new VerifyMismatchError(file, result.divergence);
        process.stdout.write(`${file}: verified: the re-run reproduces all ${result.steps} steps exactly\n`);
        return;
      }

      if (options.at !== undefined) {
        const { weights, epoch, check } = weightsAt(file, options.at);
        note(file, check);
        if (options.json) {
          process.stdout.write(JSON.stringify(weights, null, 2) + '\n');
        } else {
          process.stdout.write(
            `weights after step ${options.at}${options.at > 0 ? ` (epoch ${epoch})` : ' (initial)'}\n`,
          );
          process.stdout.write(terminalSafe(renderWeights(weights)));
        }
        return;
      }

      if (options.show) {
        const from = options.from ?? 1;
        const to = options.to ?? from + 9;
        if (to < from) throw new UserError(`replay: --to ${to} is before --from ${from}`);
        const { check } = showSteps(file, from, to, (t) => process.stdout.write(terminalSafe(t)));
        note(file, check);
        return;
      }

      const summary = summarizeTrace(file);
      if (options.report !== undefined) {
        const player = tracePlayer(file, summary);
        const html = renderReplayReport({ summary, player, argv: process.argv.slice(2) });
        writeFileAtomic(options.report, html, 'HTML report');
      }
      note(file, summary.check);
      if (options.json) process.stdout.write(JSON.stringify(summaryJson(summary), null, 2) + '\n');
      // The summary quotes the trace header's strings (command, config keys and values).
      else process.stdout.write(terminalSafe(renderSummary(summary)));
    });
}
