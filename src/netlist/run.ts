/**
 * Running a circuit file: the library behind `perceptron-sim simulate`.
 */
import { OscillationError, UserError } from '../errors.js';
import type { RunResult } from '../sim/simulator.js';
import { VcdWriter } from '../trace/vcd.js';
import { buildCircuit, type ValidCircuit } from './load.js';
import { applyStimulus, type StimulusEvent } from './stimulus.js';

/** Default cap on events when no `until` is given, so a free-running circuit cannot run forever. */
export const DEFAULT_MAX_EVENTS = 10_000_000;

export interface RunCircuitOptions {
  stimulus?: readonly StimulusEvent[];
  /** Stop time in seconds of simulated time. */
  untilSeconds?: number;
  maxEvents?: number;
  /** When given, a VCD of every net is streamed to this sink. */
  vcd?: (text: string) => void;
  /** Program version written into the VCD header. */
  version?: string;
}

export interface CircuitRunResult {
  readonly circuit: string;
  readonly tickSeconds: number;
  readonly stop: RunResult['reason'];
  readonly timeTicks: number;
  readonly timeSeconds: number;
  readonly events: number;
  readonly evaluations: number;
  /** Final value of every named output. */
  readonly outputs: Record<string, number>;
}

export function runCircuit(circuit: ValidCircuit, options: RunCircuitOptions = {}): CircuitRunResult {
  const built = buildCircuit(circuit);
  const { sim } = built;
  applyStimulus(built, options.stimulus ?? []);

  let vcd: VcdWriter | undefined;
  if (options.vcd) {
    const nets = sim.allNets();
    vcd = new VcdWriter(
      options.vcd,
      nets.map((n) => {
        const dot = n.name.indexOf('.');
        return { scope: n.name.slice(0, dot), name: n.name.slice(dot + 1) };
      }),
      {
        tickSeconds: circuit.tickSeconds,
        version: `perceptron-sim ${options.version ?? ''}`.trim(),
        comment: circuit.name,
      },
    );
    // Settle time 0 first: the delta cycles of start-up (every net starts at 0) are not changes in
    // time, and a waveform viewer could not show them apart. The dump starts from the settled values.
    simulate(() => sim.run({ until: 0 }), circuit.file);
    vcd.dumpInitial(
      0,
      nets.map((n) => sim.netValue(n.index)),
    );
    for (const n of nets) sim.probe(n.index, (t, v) => vcd!.change(t, n.index, v));
  }

  const until = options.untilSeconds === undefined ? undefined : sim.ticks(options.untilSeconds);
  if (until !== undefined && !Number.isSafeInteger(until)) {
    throw new UserError(
      `--until ${options.untilSeconds} s is ${until} ticks of ${circuit.tickSeconds} s, more than the ${Number.MAX_SAFE_INTEGER} a run can count`,
    );
  }
  const maxEvents = options.maxEvents ?? (until === undefined ? DEFAULT_MAX_EVENTS : undefined);
  const result = simulate(() => sim.run({ until, maxEvents }), circuit.file);
  vcd?.finish(result.time);

  const outputs: Record<string, number> = Object.create(null); // an output may be named `__proto__`
  for (const [name, net] of Object.entries(circuit.outputs)) outputs[name] = sim.netValue(sim.netIndex(net)!);
  return {
    circuit: circuit.name,
    tickSeconds: circuit.tickSeconds,
    stop: result.reason,
    timeTicks: result.time,
    timeSeconds: sim.seconds(result.time),
    events: sim.eventCount,
    evaluations: sim.evaluationCount,
    outputs,
  };
}

/** Run the simulator, naming the circuit file in an oscillation error. */
function simulate<T>(run: () => T, file?: string): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof OscillationError && file)
      throw new OscillationError(`${file}: ${err.message}`, err.components, err.time);
    throw err;
  }
}
