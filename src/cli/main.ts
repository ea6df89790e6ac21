/**
 * The command-line program: parses options, calls the library, prints. One command per file;
 * every error reaches the one handler here.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { ExitStatus } from '../errors.js';
import { handleError, stdoutFailed } from './handle-error.js';
import { registerExport } from './export.js';
import { registerCompare } from './compare.js';
import { registerList } from './list.js';
import { registerPanel } from './panel.js';
import { registerReplay } from './replay.js';
import { registerRun } from './run.js';
import { registerSimulate } from './simulate.js';
import { registerSweep } from './sweep.js';
import { registerTrain } from './train.js';
import { registerPredict } from './predict.js';
import { PROGRAM_NAME, VERSION } from '../version.js';
import { setTableWidth } from '../report/table.js';

export function buildProgram(): Command {
  const program = new Command(PROGRAM_NAME)
    .description(
      "Simulate the first learning machines (Rosenblatt's Mark I Perceptron, Widrow and Hoff's ADALINE " +
        'and MADALINE) as circuits, train them by their historical rules, and compare them with backprop.',
    )
    .version(VERSION)
    .option('--debug', 'print stack traces for errors')
    .option('--wide', "tables at full width (default: fit the terminal's width; full width when piped)")
    .showHelpAfterError('(run with --help for usage)')
    // Commander's own messages ("error: unknown option …") get the prefix every other error has.
    .configureOutput({ outputError: (text, write) => write(`${PROGRAM_NAME}: ${text}`) })
    .exitOverride()
    .configureHelp({
      showGlobalOptions: true,
      // Repeatable options start from an empty list; "(default: [])" would only be noise.
      optionDescription(this: Help, option: Option): string {
        return Help.prototype.optionDescription.call(this, option).replace(/ \(default: \[\]\)$/, '');
      },
    });
  // In the order a newcomer meets them: the experiments, own data, circuits, traces, scale.
  registerList(program);
  registerRun(program);
  registerCompare(program);
  registerTrain(program);
  registerPredict(program);
  registerSimulate(program);
  registerReplay(program);
  registerExport(program);
  registerSweep(program);
  registerPanel(program);
  const examples: Array<[string, string]> = [
    ['list', 'the experiments, with their years and sources'],
    ['run mark1-left-right', 'measure one, judged against its published figure'],
    ['compare mark1-letters --report r.html', 'the Mark I beside backprop, as an HTML report'],
    ['train --model perceptron --data my.csv', 'your own data'],
    ['help run', 'every option of one command'],
  ];
  const width = Math.max(...examples.map(([c]) => c.length));
  program.addHelpText(
    'after',
    '\nExamples:\n' + examples.map(([c, what]) => `  ${PROGRAM_NAME} ${c.padEnd(width)}  ${what}`).join('\n'),
  );
  return program;
}

/** Run the program on `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `perceptron-sim … | head` closes the pipe early: that is the reader's choice, not an error;
  // a stdout that fails otherwise (`list > /dev/full`) is one line and exit 2, never a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(stdoutFailed(err)));
  // Tables fit the terminal; piped or with --wide, each row stays on one line for tools to read.
  setTableWidth(process.stdout.isTTY && !argv.includes('--wide') ? process.stdout.columns : undefined);
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof ExitStatus) return err.exitCode;
    if (err instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
        ? 0
        : 2;
    }
    return handleError(err, argv.includes('--debug'));
  }
}
