"""For Y = X^-1, dY_ij/dX_kl = -Y_ik Y_lj, so dX = -Y^T dY Y^T = -X^-T dY X^-T."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def inv_forward(X):
    """Y = X^-1 for a square, invertible X (D, D): sum_j X_ij Y_jk = delta_ik."""
    Y = np.linalg.inv(X)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(Y):
    """J[i, j, k, l] = dY_ij / dX_kl = -Y_ik Y_lj: shape (D, D) + (D, D), dense."""
    return -np.einsum("ik,lj->ijkl", Y, Y)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def inv_backward(dY, Y):
    """dX = -Y^T dY Y^T: needs only the output Y = X^-1, which forward computed."""
    dX = -Y.T @ dY @ Y.T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    D = 3
    X = rng.standard_normal((D, D)) + D * np.eye(D)  # well conditioned
    dY = rng.standard_normal((D, D))
    # --8<-- [start:check]
    Y = inv_forward(X)
    J = jacobian(Y)
    print(f"dY/dX {J.shape}: {np.count_nonzero(J)} of {J.size} entries non-zero")
    #> dY/dX (3, 3, 3, 3): 81 of 81 entries non-zero
    check_jacobian(J, inv_forward, X)  # central differences, entry by entry
    X_dot, h = rng.standard_normal((D, D)), 1e-6  # the tangent: Y_dot = -Y X_dot Y
    Y_dot = (inv_forward(X + h * X_dot) - inv_forward(X - h * X_dot)) / (2 * h)
    np.testing.assert_allclose(Y_dot, -Y @ X_dot @ Y, rtol=1e-6, atol=1e-9)
    dX = inv_backward(dY, Y)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    print("Y_dot == -Y X_dot Y; dX == -Y^T dY Y^T == contraction with dY/dX: True")
    #> Y_dot == -Y X_dot Y; dX == -Y^T dY Y^T == contraction with dY/dX: True
    D = 256  # the dot-product test at a realistic size, no Jacobian
    X = rng.standard_normal((D, D)) + np.sqrt(D) * np.eye(D)
    Y = inv_forward(X)
    check_vjp(inv_forward, lambda dY_: inv_backward(dY_, Y), X, rng)
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (256, 256): True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    X_sym = X + X.T  # a symmetric test matrix: X^-T == X^-1, a lost .T goes unseen
    for name, X_test in (("symmetric", X_sym), ("non-symmetric", X)):
        Y = inv_forward(X_test)
        dY = rng.standard_normal(Y.shape)
        no_op = Y.transpose(-2, -1)  # PyTorch's idiom; on a 2-D NumPy array: a no-op
        same = np.allclose(-no_op @ dY @ no_op, inv_backward(dY, Y))
        print(f"{name} X: -Y.transpose(-2, -1) @ dY @ ... right: {same}")
    #> symmetric X: -Y.transpose(-2, -1) @ dY @ ... right: True
    #> non-symmetric X: -Y.transpose(-2, -1) @ dY @ ... right: False
    print(f"Y.transpose(-2, -1) is Y itself: {np.array_equal(no_op, Y)}")
    #> Y.transpose(-2, -1) is Y itself: True
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
