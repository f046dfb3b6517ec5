"""The layouts chapter's checks fail when a conversion between layouts is wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/layouts/wx_wrt_x.py",
        "return J_denominator.T",
        "return J_denominator",
        "denominator-layout Jacobian W.T taken as this site's: conversion forgotten",
    ),
    (
        "snippets/layouts/neuron_w_dot_x.py",
        "return row.reshape(w_shape)",
        "return row",
        "numerator-layout (1, n) row kept as the gradient of an (n,) vector",
    ),
    (
        "snippets/layouts/quadratic_form.py",
        "return (A + A.T) @ x.reshape(-1, 1)",
        "return 2 * A @ x.reshape(-1, 1)",
        "d(x^T A x)/dx = 2 A x for a non-symmetric A",
    ),
    (
        "snippets/layouts/trace_ax.py",
        "return A.T",
        "return A",
        "the Cookbook's d tr(AX)/dX = A^T without its transpose",
    ),
    (
        "snippets/layouts/column_batch.py",
        "return dW.T, dX.T",
        "return dW, dX",
        "CS231n's column-batch dW used in the row-batch layer unconverted",
    ),
    (
        "snippets/layouts/generalised_jacobian.py",
        '"nk,dm->nmkd"',
        '"nk,md->nmkd"',
        "generalised Jacobian built with W where W^T belongs",
    ),
    (
        "snippets/layouts/softmax_ce.py",
        "return (softmax(Z) - Y) / N",
        "return softmax(Z) - Y",
        "batch-mean loss differentiated without its 1/N",
    ),
    (
        "snippets/layouts/softmax_ce.py",
        "np.diag(p) - np.outer(p, p)",
        "np.diag(p - p * p)",
        "softmax Jacobian treated as elementwise: off-diagonal -p_i p_j dropped",
    ),
    (
        "snippets/layouts/outer_weight_grad.py",
        "np.outer(delta, x)",
        "np.outer(x, delta)",
        "Clark's delta x^T written x delta^T",
    ),
    (
        "snippets/layouts/outer_weight_grad.py",
        "return X.T @ dZ",
        "return dZ.T @ X",
        "column-form dW = dZ^T X used for the row-batch weight X W",
    ),
]
