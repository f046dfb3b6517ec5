"""For y = A x, A (3, 4): numerator layout dy/dx = A (3, 4), denominator layout A.T."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def matvec_forward(A, x):
    """y_i = sum_k A_ik x_k: A (M, D) a constant, x (D,), y (M,)."""
    y = A @ x
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(A, x):
    """J[i, j] = dy_i / dx_j = sum_k A_ik delta_kj = A_ij: shape y.shape + x.shape."""
    delta = np.eye(x.shape[0])  # delta[k, j] = 1 if k == j else 0
    return np.einsum("ik,kj->ij", A, delta)  # (M, D)


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def numerator_layout(A):
    """Numerator layout (Wikipedia's first column): d(Ax)/dx = A, shape (M, D)."""
    return A


def denominator_layout(A):
    """Denominator layout (Wikipedia's second column): d(Ax)/dx = A^T, shape (D, M)."""
    return A.T


def to_this_site(J_denominator):
    """This site's Jacobian, y.shape + x.shape, is the denominator one transposed."""
    return J_denominator.T


# --8<-- [end:layouts]


# --8<-- [start:backward]
def matvec_backward(dy, A):
    """dx_j = sum_i dy_i A_ij, that is dx = A^T dy: shape x.shape (A gets none)."""
    dx = A.T @ dy
    return dx


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    M, D = 3, 4
    A = rng.standard_normal((M, D))
    x = rng.standard_normal(D)
    dy = rng.standard_normal(M)  # upstream gradient dL/dy
    # --8<-- [start:check]
    J_num, J_den = numerator_layout(A), denominator_layout(A)
    print(f"numerator {J_num.shape}, denominator {J_den.shape}")
    #> numerator (3, 4), denominator (4, 3)
    J = to_this_site(J_den)
    check_jacobian(J, lambda x_: matvec_forward(A, x_), x)  # central differences
    np.testing.assert_array_equal(J, jacobian(A, x))
    print(f"this site: shape {J.shape}, equal to A: {np.array_equal(J, A)}")
    #> this site: shape (3, 4), equal to A: True
    # the chain rule multiplies in opposite orders in the two layouts
    dx = matvec_backward(dy, A)
    np.testing.assert_allclose(dx, vjp_from_jacobian(dy, J), rtol=1e-12)
    np.testing.assert_allclose(dx, dy @ J_num, rtol=1e-12)  # row times (M, D)
    np.testing.assert_allclose(dx, J_den @ dy, rtol=1e-12)  # (D, M) times column
    check_vjp(
        lambda x_: matvec_forward(A, x_), lambda dy_: matvec_backward(dy_, A), x, rng
    )
    print(f"dx: shape {dx.shape}, dy @ J_num == J_den @ dy: True")
    #> dx: shape (4,), dy @ J_num == J_den @ dy: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
