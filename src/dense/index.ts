/** The dense engine: the historical machines on typed arrays (see engine.ts). */
export { createDenseMachine, denseMachineFromResolved } from './engine.js';
