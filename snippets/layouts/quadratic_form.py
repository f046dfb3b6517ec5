"""For f = x^T A x: df/dx = (A + A^T) x, the Cookbook's column; 2 A x needs A = A^T."""

import numpy as np

from gradcheck import check_gradient


# --8<-- [start:forward]
def forward(A, x):
    """f = sum_ij x_i A_ij x_j, a scalar."""
    return x @ A @ x


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(A, x):
    """J[k] = df/dx_k = sum_ij (delta_ik A_ij x_j + x_i A_ij delta_jk), shape (n,)."""
    delta = np.eye(x.shape[0])
    left = np.einsum("ik,ij,j->k", delta, A, x)  # x_i differentiated: (A x)_k
    right = np.einsum("i,ij,jk->k", x, A, delta)  # x_j differentiated: (A^T x)_k
    return left + right


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def cookbook_column(A, x):
    """The Matrix Cookbook (denominator layout): (A + A^T) x as an (n, 1) column."""
    return (A + A.T) @ x.reshape(-1, 1)


def numerator_row(A, x):
    """Numerator layout: x^T (A + A^T), a (1, n) row: the column transposed."""
    return cookbook_column(A, x).T


def to_this_site(column, x_shape):
    """This site: the gradient has the shape of x."""
    return column.reshape(x_shape)


# --8<-- [end:layouts]


def main():
    rng = np.random.default_rng(2)
    n = 4
    A = rng.standard_normal((n, n))  # not symmetric
    x = rng.standard_normal(n)
    # --8<-- [start:check]
    col = cookbook_column(A, x)
    dx = to_this_site(col, x.shape)
    print(
        f"Cookbook {col.shape}, numerator {numerator_row(A, x).shape}, here {dx.shape}"
    )
    #> Cookbook (4, 1), numerator (1, 4), here (4,)
    check_gradient(dx, lambda x_: forward(A, x_), x)  # central differences
    np.testing.assert_allclose(dx, jacobian(A, x), rtol=1e-12)
    gap = np.max(np.abs(dx - 2 * A @ x))
    print(f"A symmetric: {np.allclose(A, A.T)}, max |(A + A^T) x - 2 A x| = {gap:.2f}")
    #> A symmetric: False, max |(A + A^T) x - 2 A x| = 3.21
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
