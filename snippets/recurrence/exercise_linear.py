"""Without the tanh, dH_0 = dH_K (W_h^T)^K: the gradient scales like powers of W_h."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def linear_rnn_forward(X, H0, Wx, Wh, b):
    """H_k = H_{k-1} Wh + X_k Wx + b, no nonlinearity: X (N, K, D) -> H (N, K, M)."""
    N, K, _ = X.shape
    H = np.zeros((N, K, Wh.shape[0]))
    H_prev = H0
    for k in range(K):
        H_prev = H_prev @ Wh + X[:, k] @ Wx + b
        H[:, k] = H_prev
    return H


# --8<-- [end:forward]


def main():
    rng = np.random.default_rng(6)
    N, K, D, M = 3, 8, 2, 4
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx, b = rng.standard_normal((D, M)), rng.standard_normal(M)
    # --8<-- [start:check]
    A = rng.standard_normal((M, M))
    Wh = (A + A.T) / 2  # symmetric: real eigenvalues, orthogonal eigenvectors
    eigenvalues, vectors = np.linalg.eigh(Wh)
    Wh *= 1.2 / np.max(np.abs(eigenvalues))  # spectral radius 1.2
    top = vectors[:, np.argmax(np.abs(eigenvalues))]  # its eigenvector
    dH_K = rng.standard_normal((N, 1)) * top  # every row along that eigenvector
    dH0 = dH_K @ np.linalg.matrix_power(Wh.T, K)  # (a): K factors of Wh^T
    H_K = lambda H0_: linear_rnn_forward(X, H0_, Wx, Wh, b)[:, -1]  # noqa: E731
    check_gradient(dH0, lambda H0_: np.sum(dH_K * H_K(H0_)), H0)
    ratio = np.linalg.norm(dH0) / np.linalg.norm(dH_K)
    np.testing.assert_allclose(ratio, 1.2**K, rtol=1e-12)  # (b)
    print(f"||dH0|| / ||dH_K|| = {ratio:.4f} = 1.2^{K} = {1.2**K:.4f}")
    #> ||dH0|| / ||dH_K|| = 4.2998 = 1.2^8 = 4.2998
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
