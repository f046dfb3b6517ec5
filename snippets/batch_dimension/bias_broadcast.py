"""For Y = P + b, b broadcast over the batch: dY_nm/db_k = delta_mk, db = sum_n dY_n."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def bias_forward(P, b):
    """Y_nm = P_nm + b_m: the same b_m is added to every row n (broadcasting)."""
    Y = P + b  # (N, M) + (M,) -> (N, M)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_b(N, M):
    """J[n, m, k] = dY_nm / db_k = delta_mk for every n: shape (N, M) + (M,)."""
    delta = np.eye(M)  # delta[m, k] = 1 if m == k else 0
    return np.einsum("n,mk->nmk", np.ones(N), delta)  # N stacked copies of I_M


# --8<-- [end:jacobian]


def jacobian_wrt_b_loops(N, M):
    """The same tensor, one entry at a time, straight from the definition."""
    J = np.zeros((N, M, M))
    for n in range(N):
        for m in range(M):
            for k in range(M):
                J[n, m, k] = 1.0 if m == k else 0.0
    return J


# --8<-- [start:backward]
def bias_backward(dY):
    """Given dY = dL/dY of shape (N, M), return dP (N, M) and db (M,)."""
    dP = dY  # dY_nm/dP_n'm' = delta_nn' delta_mm': the identity passes dY through
    db = dY.sum(axis=0)  # b was copied to N rows, so its gradient sums N rows
    return dP, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    N, M = 5, 3
    P = rng.standard_normal((N, M))  # the product X W of a linear layer
    b = rng.standard_normal(M)
    dY = rng.standard_normal((N, M))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian_wrt_b(N, M)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (5, 3, 3), non-zero entries 15 of 45
    np.testing.assert_array_equal(J, jacobian_wrt_b_loops(N, M))
    check_jacobian(J, lambda b_: bias_forward(P, b_), b)  # central differences

    dP, db = bias_backward(dY)
    db_full = vjp_from_jacobian(dY, J)  # tensordot over the output axes (n, m)
    print(f"db from the full Jacobian {db_full.shape}, from bias_backward {db.shape}")
    #> db from the full Jacobian (3,), from bias_backward (3,)
    np.testing.assert_allclose(db, db_full, rtol=1e-12)  # same sums, same numbers
    np.testing.assert_array_equal(dP, dY)  # the identity Jacobian, contracted
    check_vjp(lambda b_: bias_forward(P, b_), lambda dY_: bias_backward(dY_)[1], b, rng)
    check_vjp(lambda P_: bias_forward(P_, b), lambda dY_: bias_backward(dY_)[0], P, rng)
    print("db == full-Jacobian contraction; dot-product test for P and b: True")
    #> db == full-Jacobian contraction; dot-product test for P and b: True
    # --8<-- [end:check]

    # --8<-- [start:cost]
    N, M = 256, 4096  # a batch of 256 rows, a layer of width 4096
    full = N * M * M * 8  # float64 bytes of dY/db, shape (N, M, M)
    upstream = N * M * 8  # dY, shape (N, M): what bias_backward actually reads
    grad = M * 8  # db, shape (M,)
    print(f"dY/db: {N * M * M:,} entries, {human_bytes(full)}")
    #> dY/db: 4,294,967,296 entries, 32 GiB
    print(f"non-zero: {N * M:,} ({N * M / (N * M * M):.4%}), all equal to 1")
    #> non-zero: 1,048,576 (0.0244%), all equal to 1
    print(f"dY: {human_bytes(upstream)}; db: {human_bytes(grad)}")
    #> dY: 8 MiB; db: 32 KiB
    print(f"backward: {N * M - M:,} additions, Jacobian/db = {full // grad:,}x")
    #> backward: 1,044,480 additions, Jacobian/db = 1,048,576x
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
