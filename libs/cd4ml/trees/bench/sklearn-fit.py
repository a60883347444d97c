"""Fits scikit-learn's HistGradientBoostingRegressor on a matrix file (bench/matrix-file.ts) and
prints one JSON line: fit seconds (fit alone), validation RMSE, iterations, threads, versions.

Run by bench/vs-sklearn.ts with Debian's /usr/bin/python3 (python3-sklearn):
  /usr/bin/python3 sklearn-fit.py MATRIX_FILE '{"threads":1,"maxIter":300,...}'
"""
import json
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits


def read_matrix(path):
    with open(path, "rb") as f:
        buf = f.read()
    if buf[:8] != b"CD4MLMX1":
        raise SystemExit(f"{path} is not a matrix file")
    n = int.from_bytes(buf[8:12], "little")
    header = json.loads(buf[12 : 12 + n].decode("utf8"))
    parts = {}
    for s in header["sections"]:
        parts[s["name"]] = np.frombuffer(buf, dtype=s["dtype"], count=s["count"], offset=s["offset"])
    cols = header["nCols"]
    # float64 C-contiguous is sklearn's own dtype: converting here keeps the copy out of fit()
    x_train = np.ascontiguousarray(parts["xTrain"].reshape(-1, cols), dtype=np.float64)
    x_valid = np.ascontiguousarray(parts["xValid"].reshape(-1, cols), dtype=np.float64)
    w_valid = parts["wValid"].copy() if "wValid" in parts else None
    return x_train, parts["yTrain"].copy(), x_valid, parts["yValid"].copy(), w_valid


def main():
    path, opts = sys.argv[1], json.loads(sys.argv[2])
    x_train, y_train, x_valid, y_valid, w_valid = read_matrix(path)
    model = HistGradientBoostingRegressor(
        max_iter=opts["maxIter"],
        learning_rate=opts["learningRate"],
        max_leaf_nodes=opts["maxLeaves"],
        max_depth=opts["maxDepth"],
        min_samples_leaf=opts["minSamplesLeaf"],
        l2_regularization=opts["l2"],
        max_bins=opts["maxBins"],
        early_stopping=False,
        random_state=opts["seed"],
    )
    with threadpool_limits(limits=opts["threads"], user_api="openmp"):
        t0 = time.perf_counter()
        model.fit(x_train, y_train)
        fit_s = time.perf_counter() - t0
    pred = model.predict(x_valid)
    out = {"fitSeconds": fit_s, "validRmse": float(np.sqrt(np.mean((pred - y_valid) ** 2)))}
    if w_valid is not None:
        # NWRMSLE as the sales model scores it: predicted units clipped at 0 (log predictions at 0)
        out["validWrmsle"] = float(np.sqrt(np.sum(w_valid * (np.maximum(pred, 0) - y_valid) ** 2) / np.sum(w_valid)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.update({"iterations": int(model.n_iter_), "threads": opts["threads"], "peakRssMiB": peak, "sklearn": sklearn.__version__, "numpy": np.__version__})
    print(json.dumps(out))


main()
