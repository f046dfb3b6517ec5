"""Exercise: L = (1/N) sum_n max_d X_nd has dX_pq = [q == k_p] / N, k_p = argmax."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def row_max_mean_forward(X):
    """L = 1/N sum_n y_n with y_n = max_d X_nd: the batch mean of the row maxima."""
    L = np.mean(X.max(axis=1))
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def row_max_mean_backward(dL=1.0, *, X):
    """dX = dL/N at each row's (first) argmax, 0 elsewhere: shape (N, D)."""
    N = X.shape[0]
    dy = np.full(N, dL / N)  # dL/dy_n for L = mean(y): the 1/N
    dX = np.zeros_like(X)
    dX[np.arange(N), X.argmax(axis=1)] = dy  # max routes dy_n to one entry per row
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(18)
    X = rng.standard_normal((5, 4))  # continuous random entries: no ties
    # --8<-- [start:check]
    top2 = np.sort(X, axis=1)[:, -2:]  # each row's two largest entries
    gap = np.min(top2[:, 1] - top2[:, 0])  # distance from the nearest tie
    assert gap > 1e-3, "a near-tie: finite differences would straddle it"
    dX = row_max_mean_backward(X=X)  # dL = 1: L is the loss
    check_gradient(dX, row_max_mean_forward, X)  # central differences, away from ties
    check_vjp(row_max_mean_forward, lambda v: row_max_mean_backward(v, X=X), X, rng)
    print(f"non-zero entries of dX: {np.count_nonzero(dX)}, each {dX.max():.2f} = 1/5")
    #> non-zero entries of dX: 5, each 0.20 = 1/5
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
