"""For y = tr(A X), A (3, 4), X (4, 3): dy/dX = A^T (4, 3), in the Cookbook and here."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def trace_forward(X, A):
    """y = tr(A X) = sum_ij A_ij X_ji, a scalar: A a constant."""
    y = np.trace(A @ X)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X, A):
    """J[k, l] = dy / dX_kl = sum_ij A_ij delta_jk delta_il = A_lk: shape X.shape."""
    rows, cols = X.shape
    return np.einsum("ij,jk,il->kl", A, np.eye(rows), np.eye(cols))


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def cookbook(A):
    """The Matrix Cookbook: entry (k, l) is dy/dX_kl, so d tr(AX)/dX = A^T, (4, 3)."""
    return A.T


def numerator_layout(A):
    """Numerator layout for scalar-by-matrix: entry (l, k) is dy/dX_kl: A, (3, 4)."""
    return A


# --8<-- [end:layouts]


# --8<-- [start:backward]
def trace_backward(dy, A):
    """dX = dy A^T for an upstream scalar dy = dL/dy: shape X.shape (A gets none)."""
    dX = dy * A.T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    A = rng.standard_normal((3, 4))
    X = rng.standard_normal((4, 3))
    dy = rng.standard_normal()  # upstream gradient dL/dy
    # --8<-- [start:check]
    J = cookbook(A)  # this site's gradient is the Cookbook's matrix as is
    print(f"X {X.shape}, Cookbook {J.shape}, numerator {numerator_layout(A).shape}")
    #> X (4, 3), Cookbook (4, 3), numerator (3, 4)
    check_gradient(J, lambda X_: trace_forward(X_, A), X)  # central differences
    np.testing.assert_array_equal(J, jacobian(X, A))
    np.testing.assert_array_equal(J, numerator_layout(A).T)
    dX = trace_backward(dy, A)
    check_gradient(dX, lambda X_: dy * trace_forward(X_, A), X)
    print("numerator layout transposed == Cookbook == this site: True")
    #> numerator layout transposed == Cookbook == this site: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
