"""For f = tr(A X), A (m, n), X (n, m): df/dX = A^T (n, m), in the Cookbook and here."""

import numpy as np

from gradcheck import check_gradient


# --8<-- [start:forward]
def forward(A, X):
    """f = sum_ij A_ij X_ji, a scalar."""
    return np.trace(A @ X)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(A, X):
    """J[k, l] = df / dX_kl = sum_ij A_ij delta_jk delta_il = A_lk: shape X.shape."""
    n, m = X.shape
    return np.einsum("ij,jk,il->kl", A, np.eye(n), np.eye(m))


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def cookbook(A):
    """The Matrix Cookbook: entry (k, l) is df/dX_kl, so d tr(AX)/dX = A^T, (n, m)."""
    return A.T


def numerator_layout(A):
    """Numerator layout for scalar-by-matrix: entry (l, k) is df/dX_kl: A, (m, n)."""
    return A


# --8<-- [end:layouts]


# --8<-- [start:backward]
def backward(A, df):
    """dL/dX = df A^T for an upstream scalar df = dL/df: shape X.shape."""
    return df * cookbook(A)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    m, n = 3, 4
    A = rng.standard_normal((m, n))
    X = rng.standard_normal((n, m))
    # --8<-- [start:check]
    dX = backward(A, 1.0)  # this site's gradient is the Cookbook's matrix as is
    print(f"X {X.shape}, Cookbook {dX.shape}, numerator {numerator_layout(A).shape}")
    #> X (4, 3), Cookbook (4, 3), numerator (3, 4)
    check_gradient(dX, lambda X_: forward(A, X_), X)  # central differences
    np.testing.assert_array_equal(dX, jacobian(A, X))
    np.testing.assert_array_equal(dX, numerator_layout(A).T)
    print("numerator layout transposed == Cookbook == this site: True")
    #> numerator layout transposed == Cookbook == this site: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
