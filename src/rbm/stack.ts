/**
 * Greedy layer-wise pre-training (Hinton, Osindero & Teh 2006; Hinton & Salakhutdinov 2006): train
 * an RBM on the data, feed its hidden probabilities P(h | v) as the data of the next RBM, and so on
 * up the stack (a deep belief net's generative layers). Unrolling copies each RBM's W and hidden
 * bias c into the matching sigmoid hidden layer of an MLP; the output layer keeps the MLP's own
 * initial weights, and backprop (src/backprop/) fine-tunes the whole net.
 */
import type { Mlp } from '../backprop/mlp.js';
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import { createRbm, DEFAULT_RBM_WEIGHT_SD } from './rbm.js';
import type { RbmParams } from './rbm.js';
import { rbmTransform, trainRbm } from './train.js';
import type { RbmTrainOptions, RbmTrainResult } from './train.js';

export interface StackResult {
  rbms: RbmParams[];
  results: RbmTrainResult[];
}

/**
 * Train one RBM per entry of `hidden`, bottom up. Layer l draws its weights and samples from
 * `rng.fork('layer l')`, so adding a layer on top does not change the layers below it.
 */
export function trainStack(
  data: Float64Array,
  count: number,
  visible: number,
  hidden: readonly number[],
  options: Omit<RbmTrainOptions, 'rng' | 'orderRng' | 'scoreRng'>,
  rng: Rng,
  weightSd = DEFAULT_RBM_WEIGHT_SD,
): StackResult {
  const rbms: RbmParams[] = [];
  const results: RbmTrainResult[] = [];
  let x = data;
  let width = visible;
  hidden.forEach((h, l) => {
    const layerRng = rng.fork(`layer ${l}`);
    const rbm = createRbm(width, h, layerRng.fork('weights'), weightSd);
    results.push(
      trainRbm(rbm, x, count, {
        ...options,
        rng: layerRng.fork('gibbs'),
        orderRng: layerRng.fork('order'),
        scoreRng: layerRng.fork('score'),
      }),
    );
    rbms.push(rbm);
    // The next layer's data: this layer's hidden probabilities (mean field, no sampling).
    x = rbmTransform(rbm, x, count);
    width = h;
  });
  return { rbms, results };
}

/**
 * Copy the stack into the first `rbms.length` hidden layers of `net` (W and hidden bias; the visible
 * biases have no place in a feed-forward net and are dropped). The layers must be sigmoid layers of
 * matching sizes: an RBM's P(h | v) is exactly a sigmoid layer's output.
 */
export function unrollIntoMlp(net: Mlp, rbms: readonly RbmParams[]): void {
  const hiddenLayers = net.layers.length - 1;
  if (rbms.length > hiddenLayers) {
    throw new UserError(`pre-training: ${rbms.length} RBMs for a network with ${hiddenLayers} hidden layers`);
  }
  rbms.forEach((r, l) => {
    const L = net.layers[l];
    if (L.act.name !== 'sigmoid') {
      throw new UserError(
        `pre-training: hidden layer ${l + 1} is ${L.act.name}; RBM pre-training needs sigmoid hidden layers`,
      );
    }
    if (L.units !== r.hidden || L.nIn !== r.visible || L.pieces !== 1) {
      throw new UserError(
        `pre-training: hidden layer ${l + 1} is ${L.nIn}→${L.units}, its RBM ${r.visible}→${r.hidden}`,
      );
    }
    L.W.set(r.W);
    L.b.set(r.c);
  });
}
