/** The contract between the machines, their engines and their callers: moved to the engine-neutral machine description (docs/architecture.md); kept here so imports of the old path still work. */
export * from '../machine-description/types.js';
