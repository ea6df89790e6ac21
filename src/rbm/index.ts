/** Restricted Boltzmann machines: CD-k and PCD training, layer-wise pre-training, unrolling into an MLP. */
export * from './rbm.js';
export * from './train.js';
export * from './stack.js';
