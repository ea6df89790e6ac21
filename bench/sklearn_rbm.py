"""scikit-learn's BernoulliRBM on the data bench/rbm.ts wrote (same samples, same order).

Usage: python3 sklearn_rbm.py DATA_DIR   (DATA_DIR holds meta.json and x.f64)
As the JavaScript side: `hidden` components, learning rate, batch size and `epochs` passes over the
data in file order. scikit-learn's update is PCD-1 (one Gibbs step from its persistent chains); the
JavaScript side runs CD-1 (one Gibbs step from the data): the same products and samples per step.
Prints JSON: the best wall and CPU times of `fit` (training only; loading and start-up excluded).
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.neural_network import BernoulliRBM


def main() -> None:
    folder = sys.argv[1]
    with open(f"{folder}/meta.json") as f:
        meta = json.load(f)
    n, visible = meta["samples"], meta["visible"]
    x = np.fromfile(f"{folder}/x.f64", dtype="<f8").reshape(n, visible)
    best = float("inf")
    best_cpu = float("inf")
    model = None
    for _ in range(meta["repetitions"]):
        model = BernoulliRBM(
            n_components=meta["hidden"],
            learning_rate=meta["learningRate"],
            batch_size=meta["batch"],
            n_iter=meta["epochs"],
            random_state=0,
        )
        t0 = time.perf_counter()
        c0 = time.process_time()
        model.fit(x)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best = min(best, time.perf_counter() - t0)
    print(
        json.dumps(
            {
                "seconds": best,
                "cpuSeconds": best_cpu,
                "sklearn": sklearn.__version__,
                "pseudoLikelihood": float(np.mean(model.score_samples(x))),
            }
        )
    )


if __name__ == "__main__":
    main()
