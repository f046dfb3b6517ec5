"""For y = X.max(axis=1), dy_n/dX_pq = delta_np delta_{q k_n}, k_n = argmax_d X_nd."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def row_max_forward(X):
    """y_n = max_d X_nd: one number per row, shape (N,)."""
    y = X.max(axis=1)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, p, q] = dy_n / dX_pq = delta_np [q == k_n]: shape (N,) + (N, D)."""
    N, D = X.shape
    winner = np.eye(D)[X.argmax(axis=1)]  # one-hot rows: 1 at k_n, shape (N, D)
    return np.einsum("np,nd->npd", np.eye(N), winner)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def row_max_backward(dy, X):
    """dX_pq = dy_p at q = k_p (the first argmax, as np.argmax picks), 0 elsewhere."""
    k = X.argmax(axis=1)  # the winning column of each row; the forward can save it
    dX = np.zeros_like(X)
    dX[np.arange(X.shape[0]), k] = dy  # scatter: one entry per row
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(14)
    N, D = 3, 4
    X = rng.standard_normal((N, D))
    dy = rng.standard_normal(N)  # the upstream gradient dL/dy, shape (N,)
    # --8<-- [start:check]
    top2 = np.sort(X, axis=1)[:, -2:]
    gap = np.min(top2[:, 1] - top2[:, 0])  # distance from the nearest tie
    assert gap > 1e-3, "a near-tie: finite differences would straddle it"
    print(f"smallest gap between a row's two largest entries: {gap:.2f}")
    #> smallest gap between a row's two largest entries: 0.74
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 3, 4), non-zero entries 3 of 36
    check_jacobian(J, row_max_forward, X)  # central differences, away from ties
    dX = row_max_backward(dy, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dy, J), rtol=1e-12)
    check_vjp(row_max_forward, lambda v: row_max_backward(v, X), X, rng)
    print(f"dX: {np.count_nonzero(dX)} non-zero entries, one per row: True")
    #> dX: 3 non-zero entries, one per row: True
    # --8<-- [end:check]

    # --8<-- [start:cost]
    N, D = 256, 4096
    print(f"J of X.max(axis=1), N={N}, D={D}: {human_bytes(N * N * D * 8)}")
    #> J of X.max(axis=1), N=256, D=4096: 2 GiB
    print(f"non-zero: {N:,} of {N * N * D:,}; backward scatters {N} numbers")
    #> non-zero: 256 of 268,435,456; backward scatters 256 numbers
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
