"""The checking chapter's demonstrations fail when their formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/checking_derivatives/central_vs_forward.py",
        "(f(x + step) - f(x - step)) / (2 * eps)",
        "(f(x + step) - y) / eps",
        "a forward difference passed off as central: error ~ h, not h^2",
    ),
    (
        "snippets/checking_derivatives/catches_transpose.py",
        "dX = dY @ W.T  #",
        "dX = dY @ W  #",
        "transpose dropped in dX: dY W has the shape of X, wrong numbers",
    ),
    (
        "snippets/checking_derivatives/catches_transpose.py",
        "dW = X.T @ dY  #",
        "dW = dY.T @ X  #",
        "factors of dW in the wrong order: dW transposed, same (3, 3) shape",
    ),
    (
        "snippets/checking_derivatives/dot_product_test.py",
        "dX = dY @ W.T",
        "dX = dY @ W",
        "transpose dropped in dX for a square W: the dot-product test catches it",
    ),
    (
        "snippets/checking_derivatives/dot_product_test.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "dW transposed: (3, 3) like W, caught by the dot-product test on W",
    ),
    (
        "snippets/checking_derivatives/dot_product_test.py",
        '"np,dm->nmpd", np.eye(2), W',
        '"np,md->nmpd", np.eye(2), W',
        "W's indices swapped in dY/dX: delta_np W_md, same shape for a square W",
    ),
    (
        "snippets/checking_derivatives/mean_vs_sum.py",
        "dY = dL * 2 * (Y - T) / N",
        "dY = dL * 2 * (Y - T)",
        "the mean's 1/N forgotten: off by a factor N = 8",
    ),
    (
        "snippets/checking_derivatives/kink.py",
        "np.diag((x > 0).astype(np.float64))",
        "np.diag((x < 0).astype(np.float64))",
        "ReLU's slope on the wrong side of the kink",
    ),
]
