export * from './spec.js';
export * from './params.js';
export * from './sources.js';
export * from './weights.js';
export * from './amplifiers.js';
export * from './thresholds.js';
export * from './logic.js';
export * from './registry.js';
