/** The backprop library: MLP, activations, initialisers, training, diagnostics and the 1986 tasks. */
export * from './activations.js';
export * from './initialisers.js';
export * from './mlp.js';
export * from './train.js';
export * from './diagnostics.js';
export * from './classic-tasks.js';
