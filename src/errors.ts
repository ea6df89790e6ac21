/**
 * Errors that reach the user.
 *
 * A `UserError` is bad input or usage: the CLI prints its message (no stack trace) and exits 2.
 * Anything else that escapes is a bug and exits 1. Messages name the file, the place in it and
 * what was expected, so `file: place: expected …` is the usual shape.
 */
export class UserError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = 2;
  constructor(
    message: string,
    /** Optional hint printed after the message ("did you mean …"). */
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** One problem found while validating an input file: where it is and what was expected. */
export interface Problem {
  /** JSON path such as `components[3].params.threshold`, or `row 4, column 2` for CSV. */
  readonly path: string;
  readonly message: string;
}

/** A file that failed validation, carrying every problem found (not only the first). */
export class ValidationError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
    /** How many problems there were in all, when `problems` lists only the first of them. */
    total: number = problems.length,
  ) {
    super(
      problems.length === 1
        ? `${file}: ${problems[0].path ? problems[0].path + ': ' : ''}${problems[0].message}`
        : `${file}: ${total} problems${total > problems.length ? ` (the first ${problems.length} shown)` : ''}\n` +
            problems.map((p) => `  ${p.path ? p.path + ': ' : ''}${p.message}`).join('\n'),
    );
    this.name = 'ValidationError';
  }
}

/** The simulation could not settle (a zero-delay loop oscillates); bad circuit, so exit 2. */
export class OscillationError extends UserError {
  constructor(
    message: string,
    /** Ids of the components that kept re-evaluating in the instant that did not settle. */
    readonly components: readonly string[],
    readonly time: number,
  ) {
    super(message);
    this.name = 'OscillationError';
  }
}

/**
 * Training whose numbers left the doubles (a learning rate too large, inputs near 1e308): every
 * model stops with this one message at the end of the epoch where the loss or a weight stopped being
 * finite, so no weights of `null` are saved and no table of NaN is printed. Bad input (exit 2): the
 * options or the data make the rule diverge.
 */
export class DivergedError extends UserError {
  constructor(
    readonly epoch: number,
    readonly loss: number,
    /** Where the first non-finite value is, e.g. `layer 0 weights`. */
    readonly where: string,
    suggestion: string,
  ) {
    super(
      `training diverged in epoch ${epoch}: the loss became ${loss}; first non-finite values in ${where}`,
      suggestion,
    );
    this.name = 'DivergedError';
  }
}

/**
 * Not an error: a command that finished and wants this exit code (a worker's, say). The CLI's
 * handler exits with it quietly.
 */
export class ExitStatus extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitStatus';
  }
}
