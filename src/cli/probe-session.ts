/**
 * `--vcd FILE --probe NAME...` for `run`: the first event-driven machine the experiment builds is
 * probed on the named nets, and the dump is written whole or not at all.
 */
import { UserError } from '../errors.js';
import { observeEventMachines } from '../machines/index.js';
import { recordProbes } from '../trace/probe-vcd.js';
import { AtomicFileWriter, checkOutputPath } from '../util/atomic-file.js';
import { VERSION } from '../version.js';

/** Check the options before any work. */
export function checkProbeOptions(file: string | undefined, probes: readonly string[]): void {
  if (file === undefined) {
    if (probes.length > 0) throw new UserError('--probe needs --vcd FILE (where to write the signals)');
    return;
  }
  if (probes.length === 0) {
    throw new UserError(
      '--vcd needs at least one --probe NAME (a net, component.pin), e.g. --probe r0.out --probe r0s.out --probe teacher.err0',
    );
  }
  checkOutputPath(file, 'VCD file');
}

export function withProbes<T>(file: string | undefined, probes: readonly string[], fn: () => T): T {
  if (file === undefined) return fn();
  const writer = new AtomicFileWriter(file, 'VCD file');
  let recording: { finish(): void } | null = null;
  try {
    const result = observeEventMachines((machine) => {
      recording ??= recordProbes(
        machine.simulator,
        probes,
        (t) => writer.write(t),
        `perceptron-sim ${VERSION}`,
      );
    }, fn);
    const done = recording as { finish(): void } | null;
    if (!done) {
      throw new UserError(
        '--vcd: this run built no event-driven machine to probe; probes record circuits (e.g. adaline-tgf, madaline-xnor, boolean-16, or a Mark I experiment with --set engine=event)',
      );
    }
    done.finish();
    writer.commit();
    return result;
  } catch (err) {
    writer.abort();
    throw err;
  }
}
