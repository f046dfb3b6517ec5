"""Max-pool is a gather at each window's argmax: its backward scatter-adds dY to the winners."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def windows(D, width, stride):
    """cols[j] = the columns of window j: shape (D_out, width)."""
    starts = np.arange(0, D - width + 1, stride)
    return starts[:, None] + np.arange(width)


def maxpool_forward(X, width=3, stride=2):
    """Y_nj = max of X_nd over the columns d of window j: (N, D) -> (N, D_out)."""
    cols = windows(X.shape[1], width, stride)
    Y = X[:, cols].max(axis=2)  # X[:, cols] gathers (N, D_out, width)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def winners(X, width=3, stride=2):
    """k[n, j] = the column of X that wins window j of row n: shape (N, D_out)."""
    cols = windows(X.shape[1], width, stride)
    inside = X[:, cols].argmax(axis=2)  # position inside the window, 0..width-1
    return cols[np.arange(len(cols)), inside]  # the column of X


def jacobian(X, width=3, stride=2):
    """J[n, j, p, d] = dY_nj / dX_pd = delta_np [d == k_nj]: shape (N, D_out, N, D)."""
    N, D = X.shape
    onehot = np.eye(D)[winners(X, width, stride)]  # (N, D_out, D): 1 at the winner
    return np.einsum("np,njd->njpd", np.eye(N), onehot)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def maxpool_backward(dY, X, width=3, stride=2):
    """dX_pd = sum of dY_pj over the windows j that column d wins: shape (N, D)."""
    cols = windows(X.shape[1], width, stride)
    inside = X[:, cols].argmax(axis=2)  # the forward can save this instead of X
    k = cols[np.arange(len(cols)), inside]  # winning column of X, (N, D_out)
    dX = np.zeros_like(X)
    np.add.at(dX, (np.arange(X.shape[0])[:, None], k), dY)  # one column can win twice
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(17)
    N, D = 2, 9  # windows of 3 with stride 2 overlap: columns 2, 4, 6 are shared
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((N, 4))
    # --8<-- [start:check]
    print(f"columns of each window: {windows(D, 3, 2).tolist()}")
    #> columns of each window: [[0, 1, 2], [2, 3, 4], [4, 5, 6], [6, 7, 8]]
    k = winners(X)
    print(f"winning columns k: {k.tolist()}")
    #> winning columns k: [[0, 2, 5, 8], [2, 4, 4, 7]]
    twice = sum(len(row) - len(np.unique(row)) for row in k)
    assert twice > 0, "no column wins two windows: += would pass this test"
    top2 = np.sort(X[:, windows(D, 3, 2)], axis=2)[..., -2:]
    assert np.min(top2[..., 1] - top2[..., 0]) > 1e-3, "a near-tie in some window"
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 4, 2, 9), non-zero 8 of 144
    check_jacobian(J, maxpool_forward, X)
    dX = maxpool_backward(dY, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    print(f"columns that win two windows: {twice}; dX == contraction: True")
    #> columns that win two windows: 1; dX == contraction: True

    N, D = 64, 255  # realistic sizes, overlapping windows, dot-product test
    X = rng.standard_normal((N, D))
    check_vjp(maxpool_forward, lambda dY_: maxpool_backward(dY_, X), X, rng)
    k = winners(X)
    twice = sum(len(row) - len(np.unique(row)) for row in k)
    print(f"dot-product test at N={N}, D={D}: passed; shared winners: {twice}")
    #> dot-product test at N=64, D=255: passed; shared winners: 1647
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
