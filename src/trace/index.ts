/** Learning traces: format, writer, reader, replay, verify, export (and the VCD writer). */
export * from './format.js';
export * from './writer.js';
export * from './reader.js';
export * from './rebuild.js';
export * from './interrupt.js';
export * from './replay.js';
export * from './verify.js';
export * from './export.js';
export * from './vcd.js';
export * from './sign.js';
