"""The reductions chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/reductions/mse_per_example.py",
        "g * 2 * (Y - T) / N",
        "g * 2 * (Y - T)",
        "MSE gradient without the batch mean's 1/N",
    ),
    (
        "snippets/reductions/mse_per_element.py",
        "g * 2 * (Y - T) / Y.size",
        "g * 2 * (Y - T) / Y.shape[0]",
        "per-element MSE divided by N instead of N*D",
    ),
    (
        "snippets/reductions/squared_error.py",
        "return g * 2 * (Y - T)",
        "return g * (Y - T)",
        "the factor 2 of the square dropped",
    ),
    (
        "snippets/reductions/max_axis.py",
        "dX[np.arange(X.shape[0]), a] = g",
        "dX[:] = g[:, None]",
        "max's gradient spread to every entry of the row, not only the argmax",
    ),
    (
        "snippets/reductions/sum_axis.py",
        "np.broadcast_to(g[:, None], X.shape)",
        "np.broadcast_to(g, X.shape)",
        "g broadcast along the last axis (the summed one) instead of the rows",
    ),
    (
        "snippets/reductions/mean_axis_keepdims.py",
        "g / X.shape[0]",
        "g / X.size",
        "batch mean backward divided by N*D instead of N",
    ),
    (
        "snippets/reductions/mean_all.py",
        "np.full(X.shape, g / X.size)",
        "np.full(X.shape, g)",
        "mean's backward without its 1/(N*D): the gradient of the sum",
    ),
    (
        "snippets/reductions/mean_of_row_max.py",
        "np.full(N, 1.0 / N)",
        "np.ones(N)",
        "mean of the row maxima without the 1/N",
    ),
]
