/**
 * perceptron-sim as a library: everything the command line does is available from here.
 */
export * from './errors.js';
export * from './rng.js';
export * from './version.js';
export * from './sim/index.js';
export * from './components/index.js';
export type { ComponentSpec, ParamSpec, Params, ParamKind } from './components/spec.js';
export * from './netlist/types.js';
export { loadCircuitFile, validateCircuit, buildCircuit, parseSetOption } from './netlist/load.js';
export type { ValidCircuit, ValidComponent, BuiltCircuit, ParamOverride } from './netlist/load.js';
export { loadStimulusFile, validateStimulus, applyStimulus } from './netlist/stimulus.js';
export type { StimulusEvent } from './netlist/stimulus.js';
export { runCircuit } from './netlist/run.js';
export type { CircuitRunResult, RunCircuitOptions } from './netlist/run.js';
export { VcdWriter, vcdTimescale, vcdIdentifier } from './trace/vcd.js';
export type { VcdSignal, VcdHeader } from './trace/vcd.js';
export * from './rules/index.js';
export * from './data/csv.js';
export * from './data/csv-file.js';
export * from './machines/types.js';
export * from './machines/plugboard.js';
export * from './machines/mark1-params.js';
export * from './machines/options.js';
export { createEventMachine } from './machines/index.js';
export { createDenseMachine } from './machines/create-dense.js';
export { trainMachine, lossKind } from './machines/train.js';
export type {
  MachineData,
  TrainMachineOptions,
  TrainMachineResult,
  EpochRecord as MachineEpochRecord,
} from './machines/train.js';
/** The backprop path: MLP, activations, initialisers, training, diagnostics. */
export * as backprop from './backprop/index.js';
/** Restricted Boltzmann machines (2006): CD-k, PCD, layer-wise pre-training. */
export * as rbm from './rbm/index.js';
export { EXPERIMENTS, findExperiment } from './experiments/registry.js';
export { runExperiment, reportJson } from './experiments/run.js';
export type {
  ExperimentReport,
  ResultRow,
  Verdict,
  RunOptions as ExperimentRunOptions,
} from './experiments/run.js';
export type {
  Experiment,
  Measurement,
  PublishedFigure,
  Tolerance,
  Series,
  Picture,
} from './experiments/types.js';
export { runComparison } from './experiments/compare.js';
export { runSweep, mergeSweepFiles } from './sweep/sweep.js';
/** Learning-rule traces: format, writer, reader, replay, verify, export. */
export * as trace from './trace/index.js';
