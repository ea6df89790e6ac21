/**
 * Text that came from a file (a circuit's name, a trace header's strings, a CSV header) on its way
 * to a terminal. A file may hold escape sequences that set the window title, write the clipboard
 * (OSC 52) or clear the screen; printed raw they would act on the user's terminal. This is the one
 * helper every such string goes through before it is printed.
 */

/**
 * ESC-introduced sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS/SOS/PM/APC up to ST, and
 * two-byte escapes), the 8-bit C1 introducers CSI (U+009B) and OSC (U+009D) with their bodies, and
 * every other C0/C1 control except tab and newline, plus DEL.
 */
const SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?|\u009b[0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with terminal control sequences and control characters removed (tab and newline kept). */
export function terminalSafe(text: string): string {
  return text.replace(SEQUENCE, '').replace(CONTROL, '');
}

/** As `terminalSafe`, for one line: newlines and tabs become spaces too. */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/[\t\n]/g, ' ');
}
