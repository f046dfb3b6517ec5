"""The checking chapter's demonstrations fail when their formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/checking_derivatives/central_vs_forward.py",
        "(f(x + step) - f(x - step)) / (2 * eps)",
        "(f(x + step) - y) / eps",
        "a forward difference passed off as central: error ~ eps, not eps^2",
    ),
    (
        "snippets/checking_derivatives/catches_transpose.py",
        "da = W.T @ g  #",
        "da = W @ g  #",
        "transpose dropped in da: W g has the shape of a, wrong numbers",
    ),
    (
        "snippets/checking_derivatives/catches_transpose.py",
        "dW = np.outer(g, a)  #",
        "dW = np.outer(a, g)  #",
        "outer product in the wrong order: dW transposed, same (3, 3) shape",
    ),
    (
        "snippets/checking_derivatives/dot_product_test.py",
        "return dY @ W.T",
        "return dY @ W",
        "transpose dropped in dX for a square W: the dot-product test catches it",
    ),
    (
        "snippets/checking_derivatives/mean_vs_sum.py",
        "return 2 * (X - t) / N",
        "return 2 * (X - t)",
        "the mean's 1/N forgotten: off by a factor N = 8",
    ),
]
