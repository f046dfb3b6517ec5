"""Fan-out: in Y = (X A) * X, X is used twice, and dX is the sum of two VJPs."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def fan_out_forward(X, A):
    """U = X A (first use of X), Y = U * X (second use): (N, D) -> (N, D)."""
    U = X @ A
    Y = U * X
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_paths(X, A):
    """dY/dX along each use of X, the other held fixed: two (N, D, N, D) tensors."""
    N, D = X.shape
    U = X @ A
    # path 1, through U = X A: dY_nd/dX_pq = X_nd delta_np A_qd
    J_1 = np.einsum("nd,np,qd->ndpq", X, np.eye(N), A)
    # path 2, the factor X itself: dY_nd/dX_pq = U_nd delta_np delta_dq
    J_2 = np.einsum("nd,np,dq->ndpq", U, np.eye(N), np.eye(D))
    return J_1, J_2


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def fan_out_backward(dY, X, A):
    """Backward node by node; X receives one gradient per use, and they add up."""
    U = X @ A  # recomputed from the saved X
    dU = dY * X  # Y = U * X: the gradient of the factor U
    dX = dU @ A.T  # first use: U = X A
    dX += dY * U  # second use: Y = U * X. Add; "=" would drop the first use
    dA = X.T @ dU
    return dX, dA


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    N, D = 2, 3
    X = rng.standard_normal((N, D))
    A = rng.standard_normal((D, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J_1, J_2 = jacobian_paths(X, A)
    for name, J in (("path 1, X A", J_1), ("path 2, * X", J_2), ("sum", J_1 + J_2)):
        print(f"{name:12}: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> path 1, X A : shape (2, 3, 2, 3), non-zero 18 of 36
    #> path 2, * X : shape (2, 3, 2, 3), non-zero 6 of 36
    #> sum         : shape (2, 3, 2, 3), non-zero 18 of 36
    check_jacobian(J_1 + J_2, lambda X_: fan_out_forward(X_, A), X)  # the sum is dY/dX
    dX, dA = fan_out_backward(dY, X, A)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J_1 + J_2), rtol=1e-12)
    check_gradient(dA, lambda A_: np.sum(dY * fan_out_forward(X, A_)), A)  # L = <dY, Y>
    one_path = vjp_from_jacobian(dY, J_1)
    print(f"dX equals path 1 alone: {np.allclose(dX, one_path)}")
    #> dX equals path 1 alone: False
    X_big = rng.standard_normal((64, 256))
    A_big = rng.standard_normal((256, 256)) / 16.0
    check_vjp(
        lambda X_: fan_out_forward(X_, A_big),
        lambda v: fan_out_backward(v, X_big, A_big)[0],
        X_big,
        rng,
    )
    check_vjp(
        lambda A_: fan_out_forward(X_big, A_),
        lambda v: fan_out_backward(v, X_big, A_big)[1],
        A_big,
        rng,
    )
    print(
        "dX (two uses added) == dY contracted with J_1 + J_2; dot-product tests: True"
    )
    #> dX (two uses added) == dY contracted with J_1 + J_2; dot-product tests: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
