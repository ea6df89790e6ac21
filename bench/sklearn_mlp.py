"""scikit-learn's MLPClassifier on the data bench/mlp.ts wrote (same samples, same order).

Usage: python3 sklearn_mlp.py DATA_DIR   (DATA_DIR holds meta.json, x.f64, labels.f64)
Network and training as the JavaScript side: 400-128-10, ReLU hidden units, softmax outputs with
cross-entropy, plain SGD (no momentum, no L2), mini-batch 32, data order, exactly `epochs` epochs.
Prints JSON: the best wall and CPU times of `fit` (training only; loading and start-up excluded).
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def main() -> None:
    folder = sys.argv[1]
    with open(f"{folder}/meta.json") as f:
        meta = json.load(f)
    n, features = meta["samples"], meta["features"]
    x = np.fromfile(f"{folder}/x.f64", dtype="<f8").reshape(n, features)
    labels = np.fromfile(f"{folder}/labels.f64", dtype="<f8").astype(np.int64)
    warnings.simplefilter("ignore", ConvergenceWarning)
    best = float("inf")
    best_cpu = float("inf")
    model = None
    for _ in range(meta["repetitions"]):
        model = MLPClassifier(
            hidden_layer_sizes=(meta["hidden"],),
            activation="relu",
            solver="sgd",
            alpha=0.0,
            batch_size=meta["batch"],
            learning_rate="constant",
            learning_rate_init=meta["learningRate"],
            momentum=0.0,
            nesterovs_momentum=False,
            max_iter=meta["epochs"],
            shuffle=False,
            tol=0.0,
            n_iter_no_change=meta["epochs"] + 1,
            early_stopping=False,
            random_state=0,
        )
        t0 = time.perf_counter()
        c0 = time.process_time()
        model.fit(x, labels)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best = min(best, time.perf_counter() - t0)
    print(
        json.dumps(
            {
                "seconds": best,
                "cpuSeconds": best_cpu,
                "sklearn": sklearn.__version__,
                "epochs": int(model.n_iter_),
                "trainAccuracy": float(model.score(x, labels)),
            }
        )
    )


if __name__ == "__main__":
    main()
