/** The one error handler: bad input exits 2 with a message and no stack; anything else is a bug (exit 1). */
import { UserError } from '../errors.js';
import { PROGRAM_NAME } from '../version.js';
import { stderrStyle } from '../report/style.js';

export function handleError(err: unknown, debug: boolean): number {
  if (err instanceof UserError) {
    process.stderr.write(`${PROGRAM_NAME}: ${stderrStyle.red('error')}: ${err.message}\n`);
    if (err.suggestion) process.stderr.write(`${err.suggestion}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`${PROGRAM_NAME}: internal error: ${e.message}\n`);
  process.stderr.write(
    debug ? `${e.stack}\n` : 'This is a bug in perceptron-sim; run again with --debug for the stack trace.\n',
  );
  return 1;
}
