"""For Y = solve(X, F) = X^-1 F: dF = X^-T dY = solve(X^T, dY) and dX = -dF Y^T."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def solve_forward(X, F):
    """Y = X^-1 F, the solution of X Y = F: X (D, D), F (D, K), Y (D, K)."""
    Y = np.linalg.solve(X, F)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(X, Y):
    """J[i, j, k, l] = dY_ij / dX_kl = -(X^-1)_ik Y_lj: shape (D, K) + (D, D)."""
    return -np.einsum("ik,lj->ijkl", np.linalg.inv(X), Y)


def jacobian_wrt_F(X, K):
    """J[i, j, k, l] = dY_ij / dF_kl = (X^-1)_ik delta_jl: shape (D, K) + (D, K)."""
    return np.einsum("ik,jl->ijkl", np.linalg.inv(X), np.eye(K))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def solve_backward(dY, X, Y):
    """dY (D, K) -> dX (D, D), dF (D, K): one more solve, with X^T, and no inverse."""
    dF = np.linalg.solve(X.T, dY)  # X^-T dY
    dX = -dF @ Y.T  # (D, K) @ (K, D)
    return dX, dF


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    D, K = 3, 2
    X = rng.standard_normal((D, D)) + D * np.eye(D)
    F = rng.standard_normal((D, K))
    dY = rng.standard_normal((D, K))
    # --8<-- [start:check]
    Y = solve_forward(X, F)
    J_X, J_F = jacobian_wrt_X(X, Y), jacobian_wrt_F(X, K)
    print(f"dY/dX {J_X.shape}, dY/dF {J_F.shape}")
    #> dY/dX (3, 2, 3, 3), dY/dF (3, 2, 3, 2)
    check_jacobian(J_X, lambda X_: solve_forward(X_, F), X)
    check_jacobian(J_F, lambda F_: solve_forward(X, F_), F)
    dX, dF = solve_backward(dY, X, Y)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J_X), rtol=1e-12)
    np.testing.assert_allclose(dF, vjp_from_jacobian(dY, J_F), rtol=1e-12)
    print("dX, dF == contractions of dY with dY/dX, dY/dF == finite differences")
    #> dX, dF == contractions of dY with dY/dX, dY/dF == finite differences
    D, K = 256, 32  # the dot-product test at a realistic size
    X = rng.standard_normal((D, D)) + np.sqrt(D) * np.eye(D)
    F = rng.standard_normal((D, K))
    Y = solve_forward(X, F)
    check_vjp(
        lambda X_: solve_forward(X_, F), lambda d: solve_backward(d, X, Y)[0], X, rng
    )
    check_vjp(
        lambda F_: solve_forward(X, F_), lambda d: solve_backward(d, X, Y)[1], F, rng
    )
    print(f"dot-product test for X {X.shape} and F {F.shape}: True")
    #> dot-product test for X (256, 256) and F (256, 32): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
