/**
 * Colours, in one place. Colour only on a terminal and never with NO_COLOR set (chalk's own
 * detection already honours NO_COLOR, FORCE_COLOR and whether the stream is a TTY).
 */
import { Chalk, type ChalkInstance } from 'chalk';

export function styleFor(stream: NodeJS.WriteStream): ChalkInstance {
  const enabled = stream.isTTY === true && !process.env.NO_COLOR;
  return new Chalk({ level: enabled ? 1 : 0 });
}

export const stdoutStyle = styleFor(process.stdout);
export const stderrStyle = styleFor(process.stderr);
