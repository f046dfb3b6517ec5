"""The layouts chapter's checks fail when a conversion between layouts is wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/layouts/ax_wrt_x.py",
        "return J_denominator.T",
        "return J_denominator",
        "denominator-layout Jacobian A.T taken as this site's: conversion forgotten",
    ),
    (
        "snippets/layouts/ax_wrt_x.py",
        '"ik,kj->ij", A, delta',
        '"ik,kj->ji", A, delta',
        "Jacobian of A x written with its indices in the denominator layout's order",
    ),
    (
        "snippets/layouts/neuron_w_dot_x.py",
        "return row.reshape(w_shape)",
        "return row",
        "numerator-layout (1, D) row kept as the gradient of a (D,) vector",
    ),
    (
        "snippets/layouts/quadratic_form.py",
        "return (A + A.T) @ x.reshape(-1, 1)",
        "return 2 * A @ x.reshape(-1, 1)",
        "d(x^T A x)/dx = 2 A x for a non-symmetric A",
    ),
    (
        "snippets/layouts/quadratic_form.py",
        "dx = dy * ((A + A.T) @ x)",
        "dx = dy * (2 * A @ x)",
        "the backward of x^T A x with 2 A x for a non-symmetric A",
    ),
    (
        "snippets/layouts/trace_ax.py",
        "return A.T",
        "return A",
        "the Cookbook's d tr(AX)/dX = A^T without its transpose",
    ),
    (
        "snippets/layouts/trace_ax.py",
        "dX = dy * A.T",
        "dX = dy * A",
        "the backward of tr(A X) in the numerator layout's shape, that of X^T",
    ),
    (
        "snippets/layouts/column_batch.py",
        "return dX_col.T, dW_col.T",
        "return dX_col, dW_col",
        "CS231n's column-batch gradients used in the row-batch layer unconverted",
    ),
    (
        "snippets/layouts/generalised_jacobian.py",
        '"np,dm->nmpd"',
        '"np,md->nmpd"',
        "generalised Jacobian built with W where W^T belongs",
    ),
    (
        "snippets/layouts/softmax_ce.py",
        "dZ = dL * (S - T) / S.shape[0]",
        "dZ = dL * (S - T)",
        "batch-mean loss differentiated without its 1/N",
    ),
    (
        "snippets/layouts/softmax_ce.py",
        "np.diag(s) - np.outer(s, s)",
        "np.diag(s - s * s)",
        "softmax Jacobian treated as elementwise: off-diagonal -s_i s_j dropped",
    ),
    (
        "snippets/layouts/outer_weight_grad.py",
        "np.outer(dy, x)",
        "np.outer(x, dy)",
        "Clark's outer product of delta and x written with x first",
    ),
    (
        "snippets/layouts/outer_weight_grad.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "column-form dW = dY^T X used for the row-batch weight of X W",
    ),
    (
        "snippets/layouts/bilinear_form.py",
        "dX = dy * np.outer(A, B)\n",
        "dX = dy * np.outer(B, A)\n",
        "the numerator-layout B A^T used as the gradient of a^T X b",
    ),
    (
        "snippets/layouts/bilinear_form.py",
        '"n,nk,dl,d->kl"',
        '"n,nl,dk,d->kl"',
        "the deltas of a^T X b tying the wrong indices: entry (k, l) holds A_l B_k",
    ),
]
