/** The one error handler: bad input exits 2 with a message and no stack; anything else is a bug (exit 1). */
import { UserError } from '../errors.js';
import { PROGRAM_NAME } from '../version.js';
import { stderrStyle } from '../report/style.js';
import { terminalSafe } from '../util/terminal-text.js';

export function handleError(err: unknown, debug: boolean): number {
  if (err instanceof UserError) {
    // Messages quote file contents (a component type, a CSV cell): no terminal escapes through them.
    process.stderr.write(`${PROGRAM_NAME}: ${stderrStyle.red('error')}: ${terminalSafe(err.message)}\n`);
    if (err.suggestion) process.stderr.write(`${terminalSafe(err.suggestion)}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`${PROGRAM_NAME}: internal error: ${terminalSafe(e.message)}\n`);
  process.stderr.write(
    debug ? `${e.stack}\n` : 'This is a bug in perceptron-sim; run again with --debug for the stack trace.\n',
  );
  return 1;
}
