/**
 * The learning rules: pure functions on numbers, shared by the adapter components and the dense
 * engine. Each updates weights in place and reports the weights it changed. See docs/rules.md.
 */
export * from './vector.js';
export * from './perceptron.js';
export * from './lms.js';
export * from './value-gain.js';
export * from './adaline.js';
export * from './mri.js';
export * from './mrii.js';
export * from './step.js';
