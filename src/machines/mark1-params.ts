/** The Mark I structure and its defaults: moved to the engine-neutral machine description (docs/architecture.md); kept here so imports of the old path still work. */
export * from '../machine-description/mark1-params.js';
