"""Exercise: L = (1/N) sum_n max_d X_nd has dX_pd = [d == a_p] / N, a_p = argmax."""

import numpy as np

from gradcheck import check_gradient


def forward(X):
    """L = 1/N sum_n max_d X_nd: the batch mean of the row maxima."""
    return np.mean(X.max(axis=1))


# --8<-- [start:solution]
def backward(X):
    """dX = 1/N at each row's (first) argmax, 0 elsewhere: shape (N, D)."""
    N = X.shape[0]
    dm = np.full(N, 1.0 / N)  # dL/dm_n for L = mean(m): the 1/N
    dX = np.zeros_like(X)
    dX[np.arange(N), X.argmax(axis=1)] = dm  # max routes dm_n to one entry per row
    return dX


# --8<-- [end:solution]


def main():
    rng = np.random.default_rng(18)
    X = rng.standard_normal((5, 4))  # continuous random entries: no ties
    # --8<-- [start:check]
    dX = backward(X)
    check_gradient(dX, forward, X)  # central differences, away from ties
    print(f"non-zero entries of dX: {np.count_nonzero(dX)}, each {dX.max():.2f} = 1/5")
    #> non-zero entries of dX: 5, each 0.20 = 1/5
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
