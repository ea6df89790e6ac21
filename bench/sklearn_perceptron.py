"""scikit-learn's Perceptron on the data bench/perceptron.ts wrote (same rows, same order).

Usage: python3 sklearn_perceptron.py DATA_DIR   (DATA_DIR holds meta.json, x.f64, y.f64)
Prints JSON: the best wall and CPU times of `fit` over the repetitions (training only: data loading and
interpreter start-up are outside the timer) and the weights, for the JavaScript side to compare.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import Perceptron


def main() -> None:
    folder = sys.argv[1]
    with open(f"{folder}/meta.json") as f:
        meta = json.load(f)
    n, features = meta["samples"], meta["features"]
    x = np.fromfile(f"{folder}/x.f64", dtype="<f8").reshape(n, features)
    y = np.fromfile(f"{folder}/y.f64", dtype="<f8")
    best = float("inf")
    best_cpu = float("inf")
    model = None
    for _ in range(meta["repetitions"]):
        # Rosenblatt's rule as the JS side runs it: eta0 = 1, no penalty, data order, exactly
        # `epochs` passes (tol=None: no early stop), intercept on.
        model = Perceptron(
            penalty=None,
            alpha=0.0,
            fit_intercept=True,
            max_iter=meta["epochs"],
            tol=None,
            shuffle=False,
            eta0=1.0,
            random_state=0,
        )
        t0 = time.perf_counter()
        c0 = time.process_time()
        model.fit(x, y)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best = min(best, time.perf_counter() - t0)
    print(
        json.dumps(
            {
                "seconds": best,
                "cpuSeconds": best_cpu,
                "sklearn": sklearn.__version__,
                "epochs": int(model.n_iter_),
                "coef": model.coef_[0].tolist(),
                "intercept": float(model.intercept_[0]),
            }
        )
    )


if __name__ == "__main__":
    main()
