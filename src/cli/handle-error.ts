/**
 * The one error handler: bad input exits 2 with a message and no stack; so does a problem outside
 * the program (a full disk, a folder we may not write, a broken pipe), named by its path and cause;
 * anything else is a bug (exit 1).
 */
import { UserError } from '../errors.js';
import { PROGRAM_NAME } from '../version.js';
import { stderrStyle } from '../report/style.js';
import { terminalSafe } from '../util/terminal-text.js';
import { describeCause, fromUncaughtSystemError, systemErrorCode } from '../util/system-error.js';

export function handleError(err: unknown, debug: boolean): number {
  const user = err instanceof UserError ? err : fromUncaughtSystemError(err);
  if (user) {
    // Messages quote file contents (a component type, a CSV cell): no terminal escapes through them.
    process.stderr.write(`${PROGRAM_NAME}: ${stderrStyle.red('error')}: ${terminalSafe(user.message)}\n`);
    if (user.suggestion) process.stderr.write(`${terminalSafe(user.suggestion)}\n`);
    const stack = err instanceof Error ? err.stack : undefined;
    if (debug && stack) process.stderr.write(`${stack}\n`);
    return user.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`${PROGRAM_NAME}: internal error: ${terminalSafe(e.message)}\n`);
  process.stderr.write(
    debug ? `${e.stack}\n` : 'This is a bug in perceptron-sim; run again with --debug for the stack trace.\n',
  );
  return 1;
}

/**
 * stdout failed (`list > /dev/full`, a closed pipe). A reader that went away (EPIPE) made its
 * choice: exit 0. Anything else is one line on stderr and exit 2. Returns the exit code.
 */
export function stdoutFailed(err: unknown): number {
  const code = systemErrorCode(err) ?? (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EPIPE') return 0;
  try {
    process.stderr.write(
      `${PROGRAM_NAME}: ${stderrStyle.red('error')}: stdout: cannot write: ` +
        `${code ? describeCause(code) : String(err)}\n`,
    );
  } catch {
    // stderr is gone too: the exit code is all that is left
  }
  return 2;
}
