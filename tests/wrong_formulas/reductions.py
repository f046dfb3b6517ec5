"""The reductions chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/reductions/mse_per_example.py",
        "dY = dL * 2 * (Y - T) / N",
        "dY = dL * 2 * (Y - T)",
        "MSE gradient without the batch mean's 1/N",
    ),
    (
        "snippets/reductions/mse_per_element.py",
        "dL * 2 * (Y - T) / Y.size",
        "dL * 2 * (Y - T) / Y.shape[0]",
        "per-element MSE divided by N instead of N*M",
    ),
    (
        "snippets/reductions/squared_error.py",
        "dY = dL * 2 * (Y - T)",
        "dY = dL * (Y - T)",
        "the factor 2 of the square dropped",
    ),
    (
        "snippets/reductions/max_axis.py",
        "dX[np.arange(X.shape[0]), k] = dy",
        "dX[:] = dy[:, None]",
        "max's gradient spread to every entry of the row, not only the argmax",
    ),
    (
        "snippets/reductions/sum_axis.py",
        "np.broadcast_to(dy[:, None], X.shape).copy()",
        "np.broadcast_to(dy, X.shape).copy()",
        "dy broadcast along the last axis (the summed one) instead of the rows",
    ),
    (
        "snippets/reductions/sum_axis.py",
        "np.broadcast_to(dy[:, None], X.shape).copy()",
        "np.broadcast_to(dy[:, None], X.shape)",
        "a read-only broadcast view returned: dX += ... raises",
    ),
    (
        "snippets/reductions/mean_axis_keepdims.py",
        "dmu / X.shape[0]",
        "dmu / X.size",
        "batch mean backward divided by N*D instead of N",
    ),
    (
        "snippets/reductions/mean_axis_keepdims.py",
        "np.broadcast_to(dmu / X.shape[0], X.shape).copy()",
        "np.broadcast_to(dmu / X.shape[0], X.shape)",
        "a read-only broadcast view returned: dX += ... raises",
    ),
    (
        "snippets/reductions/mean_all.py",
        "np.full(X.shape, dmu / X.size)",
        "np.full(X.shape, dmu)",
        "mean's backward without its 1/(N*D): the gradient of the sum",
    ),
    (
        "snippets/reductions/sum_all.py",
        "dX = dy * np.ones_like(X)",
        "dX = np.ones_like(X)",
        "the upstream gradient dy dropped: right only when dy happens to be 1",
    ),
    (
        "snippets/reductions/mean_of_row_max.py",
        "np.full(N, dL / N)",
        "np.full(N, dL)",
        "mean of the row maxima without the 1/N",
    ),
]
