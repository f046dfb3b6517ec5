"""Exercise: y = outer(x, x) has dy_ij/dx_k = delta_ik x_j + x_i delta_jk."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def outer_forward(x):
    """y_ij = x_i x_j: x (3,) -> y (3, 3)."""
    y = np.outer(x, x)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(x):
    """J[i, j, k] = delta_ik x_j + x_i delta_jk, shape (3, 3) + (3,)."""
    delta = np.eye(x.shape[0])
    return np.einsum("ik,j->ijk", delta, x) + np.einsum("i,jk->ijk", x, delta)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def outer_backward(dy, x):
    """dx_k = sum_ij dy_ij (delta_ik x_j + x_i delta_jk) = (dy x)_k + (dy^T x)_k."""
    dx = (dy + dy.T) @ x
    return dx


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(3)
    dy = rng.standard_normal((3, 3))
    # --8<-- [start:check]
    J = jacobian(x)
    print(f"J {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> J (3, 3, 3), non-zero 15 of 27
    check_jacobian(J, outer_forward, x)
    dx = outer_backward(dy, x)
    np.testing.assert_allclose(dx, vjp_from_jacobian(dy, J), rtol=1e-12)
    check_vjp(outer_forward, lambda dy_: outer_backward(dy_, x), x, rng)
    print(f"dx = (dy + dy.T) @ x, shape {dx.shape}: True")
    #> dx = (dy + dy.T) @ x, shape (3,): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
