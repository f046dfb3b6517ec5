"""For y = tr(A X B), dy/dX_kl = sum_i A_ik B_li, so dX = dy A^T B^T (shape of X)."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def trace_axb_forward(X, A, B):
    """y = tr(A X B) = sum_ijm A_ij X_jm B_mi: A (K, D), X (D, M), B (M, K)."""
    y = np.trace(A @ X @ B)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(A, B):
    """J[k, l] = dy / dX_kl = sum_ijm A_ij delta_jk delta_ml B_mi: shape X.shape."""
    D, M = A.shape[1], B.shape[0]
    return np.einsum("ij,jk,ml,mi->kl", A, np.eye(D), np.eye(M), B)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def trace_axb_backward(dy, A, B):
    """dX = dy A^T B^T: (D, K) @ (K, M) -> (D, M), the shape of X (A, B constant)."""
    dX = dy * A.T @ B.T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    K, D, M = 2, 3, 4  # A X B is (2, 2): the trace needs a square product
    A, B = rng.standard_normal((K, D)), rng.standard_normal((M, K))
    X = rng.standard_normal((D, M))
    dy = rng.standard_normal()  # the upstream gradient dL/dy of the scalar y
    # --8<-- [start:check]
    J = jacobian(A, B)
    print(f"y = tr(A X B) is a scalar; dy/dX has the shape of X: {J.shape}")
    #> y = tr(A X B) is a scalar; dy/dX has the shape of X: (3, 4)
    check_gradient(J, lambda X_: trace_axb_forward(X_, A, B), X)
    dX = trace_axb_backward(dy, A, B)
    np.testing.assert_allclose(dX, dy * J, rtol=1e-12)  # the contraction, dy * J
    X_dot = rng.standard_normal(X.shape)  # a tangent: y_dot = tr(A X_dot B)
    y_dot = np.trace(A @ X_dot @ B)
    np.testing.assert_allclose(y_dot, np.sum(A.T @ B.T * X_dot), rtol=1e-12)
    print("tr(A X_dot B) == <A^T B^T, X_dot>; dX == dy A^T B^T == finite differences")
    #> tr(A X_dot B) == <A^T B^T, X_dot>; dX == dy A^T B^T == finite differences
    K, D, M = 64, 300, 200  # the dot-product test at a realistic size
    A, B = rng.standard_normal((K, D)), rng.standard_normal((M, K))
    X = rng.standard_normal((D, M))
    check_vjp(
        lambda X_: trace_axb_forward(X_, A, B),
        lambda dy_: trace_axb_backward(dy_, A, B),
        X,
        rng,
    )
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (300, 200): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
