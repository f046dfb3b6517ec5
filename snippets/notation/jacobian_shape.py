"""For y_k = sum_ij A_kij x_ij, x (2, 3), y (4,): dy/dx = A, of shape (4, 2, 3)."""

import numpy as np
from gradcheck import check_gradient, check_jacobian


# --8<-- [start:forward]
def weighted_sum_forward(x, A):
    """y_k = sum_ij A_kij x_ij: contract A's last two axes with x's two axes."""
    y = np.tensordot(A, x, axes=x.ndim)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(x, A):
    """J[k, i, j] = dy_k / dx_ij = A_kij: shape y.shape + x.shape = (4, 2, 3)."""
    return A.copy()  # y is linear in x: its coefficients A_kij are the Jacobian


# --8<-- [end:jacobian]


def main():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((4, 2, 3))
    x = rng.standard_normal((2, 3))
    # --8<-- [start:check]
    y = weighted_sum_forward(x, A)
    J = jacobian(x, A)
    print(f"x {x.shape}, y {y.shape}, J = dy/dx {J.shape}")
    #> x (2, 3), y (4,), J = dy/dx (4, 2, 3)
    check_jacobian(J, lambda x_: weighted_sum_forward(x_, A), x)  # central differences

    h = 1e-3  # nudge one input entry, x[1, 2]: y moves by h times J[:, 1, 2]
    x_nudged = x.copy()
    x_nudged[1, 2] += h
    np.testing.assert_allclose(
        weighted_sum_forward(x_nudged, A) - y, h * J[:, 1, 2], atol=1e-12
    )
    print(f"J[:, 1, 2] (how y moves with x[1, 2]): shape {J[:, 1, 2].shape}")
    #> J[:, 1, 2] (how y moves with x[1, 2]): shape (4,)
    print(f"J[0] (the gradient of y[0]): shape {J[0].shape}, the shape of x")
    #> J[0] (the gradient of y[0]): shape (2, 3), the shape of x
    check_gradient(J[0], lambda x_: weighted_sum_forward(x_, A)[0], x)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
