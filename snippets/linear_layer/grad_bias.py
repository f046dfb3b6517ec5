"""For Y = X W + b, dY_nm/db_k = delta_mk (shape (N, M, M)), so db = sum_n dY_n."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


def linear_forward(X, W, b):
    """Y_nm = sum_d X_nd W_dm + b_m: (N, D) @ (D, M) + (M,) -> (N, M)."""
    Y = X @ W + b
    return Y


# --8<-- [start:jacobian]
def jacobian_wrt_b(N, M):
    """J[n, m, k] = dY_nm / db_k = delta_mk for every n: shape (N, M) + (M,)."""
    return np.broadcast_to(np.eye(M), (N, M, M)).copy()  # N copies of I_M


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dY (N, M) -> db (M,), the shape of b; layer.py returns dX and dW too."""
    db = dY.sum(axis=0)  # db_k = sum_n dY_nk: every row of Y received the same b
    return db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    N, D, M = 2, 3, 4
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    dY = rng.standard_normal((N, M))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian_wrt_b(N, M)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (2, 4, 4), non-zero entries 8 of 32
    identity = all(np.array_equal(J[n], np.eye(M)) for n in range(N))
    assert identity
    print(f"every slice J[n] is the identity I_{M}: {identity}")
    #> every slice J[n] is the identity I_4: True
    check_jacobian(J, lambda b_: linear_forward(X, W, b_), b)  # central differences
    db_full = vjp_from_jacobian(dY, J)  # tensordot over the output axes (n, m)
    db = linear_backward(dY, X, W)
    print(f"db from the full Jacobian {db_full.shape}, from dY.sum(axis=0) {db.shape}")
    #> db from the full Jacobian (4,), from dY.sum(axis=0) (4,)
    np.testing.assert_allclose(db, db_full, rtol=1e-12, atol=1e-15)
    check_gradient(
        db, lambda b_: np.sum(dY * linear_forward(X, W, b_)), b
    )  # L = <dY, Y>
    print("db == full-Jacobian contraction == finite differences: True")
    #> db == full-Jacobian contraction == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
