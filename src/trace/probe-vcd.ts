/**
 * `--vcd FILE --probe NAME...`: the circuit-level signals of a machine run as a value change dump,
 * limited to the named nets so that files stay a sensible size (a full Mark I has thousands of nets).
 */
import { UserError } from '../errors.js';
import type { Simulator } from '../sim/simulator.js';
import { didYouMean } from '../util/nearest.js';
import { VcdWriter } from './vcd.js';

/** Probe names: `component.pin` net names; a name without a pin means its `out` pin. */
export function probeNets(sim: Simulator, names: readonly string[]): number[] {
  const all = sim.allNets().map((n) => n.name);
  return names.map((raw) => {
    const name = raw.includes('.') ? raw : `${raw}.out`;
    const net = sim.netIndex(name);
    if (net === undefined) {
      // One example per family of nets (x0…x15 are one family), so the list stays short.
      const families = new Map<string, string>();
      for (const n of all) {
        const family = n.replace(/\d+/g, '#');
        if (!families.has(family)) families.set(family, n);
      }
      const examples = [...families.values()].slice(0, 14);
      throw new UserError(
        `--probe ${raw}: no net '${name}' in this machine${didYouMean(name, all)}; ` +
          `nets are named component.pin, e.g. ${examples.join(', ')}${all.length > examples.length ? `, … (${all.length} in all)` : ''}`,
      );
    }
    return net;
  });
}

/** Stream the named nets of `sim` into a VCD from now on. Returns `finish()` for the end of the run. */
export function recordProbes(
  sim: Simulator,
  names: readonly string[],
  out: (text: string) => void,
  version: string,
): { finish(): void } {
  const nets = probeNets(sim, names);
  const signals = nets.map((n) => {
    const name = sim.allNets()[n].name;
    const dot = name.indexOf('.');
    return { scope: name.slice(0, dot), name: name.slice(dot + 1) };
  });
  const vcd = new VcdWriter(out, signals, { tickSeconds: sim.tickSeconds, version });
  vcd.dumpInitial(
    sim.now,
    nets.map((n) => sim.netValue(n)),
  );
  nets.forEach((n, i) => sim.probe(n, (t, v) => vcd.change(t, i, v)));
  return { finish: () => vcd.finish(sim.now) };
}
