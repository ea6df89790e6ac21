export * from './simulator.js';
export * from './component.js';
export * from './probe.js';
export { EventQueue, EventKind } from './event-queue.js';
