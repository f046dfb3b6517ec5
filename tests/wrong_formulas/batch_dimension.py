"""The batch-dimension chapter's checks fail when its formulas are wrong."""

BIAS = "snippets/batch_dimension/bias_broadcast.py"
UNBROADCAST = "snippets/batch_dimension/unbroadcast.py"
MEAN = "snippets/batch_dimension/mean_loss.py"
FLAT = "snippets/batch_dimension/flat_vs_column.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (BIAS, "dY.sum(axis=0)", "dY[0]", "batch sum forgotten: db from the first row"),
    (BIAS, "dY.sum(axis=0)", "dY.mean(axis=0)", "mean over the batch where a sum is"),
    (BIAS, "dY.sum(axis=0)", "dY.sum(axis=1)", "sum over the wrong axis (m, not n)"),
    (
        UNBROADCAST,
        "stretched, keepdims=True",
        "stretched, keepdims=False",
        "keepdims dropped: (N, K) returned for an (N, 1, K) input",
    ),
    (
        UNBROADCAST,
        "s == 1 and dx.shape[i] != 1",
        "s != 1",
        "wrong axes: summed over the kept axes, not the stretched ones",
    ),
    (
        UNBROADCAST,
        "range(extra)",
        "range(dy.ndim - extra, dy.ndim)",
        "prepended axes taken from the end: sums (N, M) over m for a bias (M,)",
    ),
    (MEAN, "dY = dL * (Y - T) / N", "dY = dL * (Y - T)", "1/N of the mean forgotten"),
    (
        MEAN,
        "db = dY.sum(axis=0)",
        "db = dY.mean(axis=0)",
        "1/N applied twice: in dY and again by a mean over the batch",
    ),
    (MEAN, "dW = X.T @ dY", "dW = X.T @ dY / len(X)", "1/N applied twice in dW"),
    (
        FLAT,
        "Y - T.reshape(Y.shape)",
        "Y - T",
        "(N, 1) minus (N,) broadcast to (N, N)",
    ),
    (FLAT, "2 * residual(Y, T) / N", "2 * residual(Y, T)", "1/N forgotten"),
]
