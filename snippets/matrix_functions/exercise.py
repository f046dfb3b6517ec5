"""For y = tr(A X^-1 B): dX = -dy X^-T A^T B^T X^-T = -dy (X^-1 B A X^-1)^T."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def trace_inv_forward(X, A, B):
    """y = tr(A X^-1 B): A (K, D), X (D, D) invertible, B (D, K)."""
    y = np.trace(A @ np.linalg.solve(X, B))
    return y


# --8<-- [end:forward]


# --8<-- [start:backward]
def trace_inv_backward(dy, X, A, B):
    """Two results chained: tr(A Y B) gives dY = dy A^T B^T, Y = X^-1 gives dX."""
    Y = np.linalg.inv(X)
    dY = dy * A.T @ B.T  # the trace rule, with Y in the place of X
    dX = -Y.T @ dY @ Y.T  # the inverse rule
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(10)
    K, D = 2, 4
    A, B = rng.standard_normal((K, D)), rng.standard_normal((D, K))
    X = rng.standard_normal((D, D)) + D * np.eye(D)
    dy = rng.standard_normal()
    # --8<-- [start:check]
    dX = trace_inv_backward(dy, X, A, B)
    check_gradient(dX, lambda X_: dy * trace_inv_forward(X_, A, B), X)
    Y = np.linalg.inv(X)
    np.testing.assert_allclose(dX, -dy * (Y @ B @ A @ Y).T, rtol=1e-12)
    print(f"dX {dX.shape} == -dy (X^-1 B A X^-1)^T == finite differences: True")
    #> dX (4, 4) == -dy (X^-1 B A X^-1)^T == finite differences: True
    K, D = 16, 256
    A, B = rng.standard_normal((K, D)), rng.standard_normal((D, K))
    X = rng.standard_normal((D, D)) + np.sqrt(D) * np.eye(D)
    check_vjp(
        lambda X_: trace_inv_forward(X_, A, B),
        lambda dy_: trace_inv_backward(dy_, X, A, B),
        X,
        rng,
    )
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (256, 256): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
