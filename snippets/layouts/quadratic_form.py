"""For y = x^T A x: dy/dx = (A + A^T) x, the Cookbook's column; 2 A x needs A = A^T."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def quadratic_forward(x, A):
    """y = sum_ij x_i A_ij x_j, a scalar: x (D,), A (D, D) a constant."""
    y = x @ A @ x
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(x, A):
    """J[k] = dy/dx_k = sum_ij (delta_ik A_ij x_j + x_i A_ij delta_jk), shape (D,)."""
    delta = np.eye(x.shape[0])
    left = np.einsum("ik,ij,j->k", delta, A, x)  # x_i differentiated: (A x)_k
    right = np.einsum("i,ij,jk->k", x, A, delta)  # x_j differentiated: (A^T x)_k
    return left + right


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def cookbook_column(x, A):
    """The Matrix Cookbook (denominator layout): (A + A^T) x as a (D, 1) column."""
    return (A + A.T) @ x.reshape(-1, 1)


def numerator_row(x, A):
    """Numerator layout: x^T (A + A^T), a (1, D) row: the column transposed."""
    return cookbook_column(x, A).T


def to_this_site(column, x_shape):
    """This site: the gradient has the shape of x."""
    return column.reshape(x_shape)


# --8<-- [end:layouts]


# --8<-- [start:backward]
def quadratic_backward(dy, x, A):
    """dx = dy (A + A^T) x for an upstream scalar dy = dL/dy: shape x.shape."""
    dx = dy * ((A + A.T) @ x)
    return dx


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    D = 4
    A = rng.standard_normal((D, D))  # not symmetric
    x = rng.standard_normal(D)
    dy = rng.standard_normal()  # upstream gradient dL/dy
    # --8<-- [start:check]
    col = cookbook_column(x, A)
    J = to_this_site(col, x.shape)
    print(
        f"Cookbook {col.shape}, numerator {numerator_row(x, A).shape}, here {J.shape}"
    )
    #> Cookbook (4, 1), numerator (1, 4), here (4,)
    check_gradient(J, lambda x_: quadratic_forward(x_, A), x)  # central differences
    np.testing.assert_allclose(J, jacobian(x, A), rtol=1e-12)
    dx = quadratic_backward(dy, x, A)
    check_gradient(dx, lambda x_: dy * quadratic_forward(x_, A), x)
    gap = np.max(np.abs(J - 2 * A @ x))
    print(f"A symmetric: {np.allclose(A, A.T)}, max |(A + A^T) x - 2 A x| = {gap:.2f}")
    #> A symmetric: False, max |(A + A^T) x - 2 A x| = 3.21
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
