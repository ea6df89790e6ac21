/** The dense engine: the historical machines on typed arrays (see engine.ts). */
export { denseMachineFromResolved } from './engine.js';
