"""Y = X X^T: Y_dot = X_dot X^T + X X_dot^T, so dX = (dY + dY^T) X, not 2 dY X."""

import numpy as np
from gradcheck import check_gradient, check_vjp


def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


# --8<-- [start:forward]
def gram_forward(X):
    """X (N, D) -> Y = X X^T (N, N): every pair of rows, dotted."""
    Y = X @ X.T
    return Y


def gram_tangent(X, X_dot):
    """The product rule: X appears twice, so the tangent has two terms."""
    Y_dot = X_dot @ X.T + X @ X_dot.T
    return Y_dot


# --8<-- [end:forward]


# --8<-- [start:backward]
def gram_backward(dY, X):
    """<dY, X_dot X^T> + <dY, X X_dot^T> = <dY X, X_dot> + <dY^T X, X_dot>."""
    dX = (dY + dY.T) @ X
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(6)
    # --8<-- [start:check]
    N, D = 3, 2
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((N, N))  # not symmetric: nothing forces it to be
    dX = gram_backward(dY, X)
    X_dot = rng.standard_normal((N, D))
    L_dot = inner(dY, gram_tangent(X, X_dot))
    np.testing.assert_allclose(inner(dX, X_dot), L_dot, rtol=1e-12)
    check_gradient(dX, lambda X_: inner(dY, gram_forward(X_)), X)  # L = <dY, Y>
    X_big = rng.standard_normal((128, 64))  # a realistic size
    check_vjp(gram_forward, lambda dY_: gram_backward(dY_, X_big), X_big, rng)
    print(f"dX = (dY + dY^T) X: finite differences and check_vjp pass: {dX.shape}")
    #> dX = (dY + dY^T) X: finite differences and check_vjp pass: (3, 2)
    two = np.allclose(2 * dY @ X, gram_backward(dY, X))
    dY_sym = (dY + dY.T) / 2  # symmetric, as when L treats Y_pq and Y_qp alike
    two_sym = np.allclose(2 * dY_sym @ X, gram_backward(dY_sym, X))
    assert two_sym and not two, "2 dY X: right for a symmetric dY only"
    print(f"2 dY X is right for this dY: {two}; for a symmetric dY: {two_sym}")
    #> 2 dY X is right for this dY: False; for a symmetric dY: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
