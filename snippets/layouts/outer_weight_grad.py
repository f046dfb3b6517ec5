"""Clark's z = W x: dJ/dW = delta x^T (np.outer); in rows, dW = X^T dZ."""

import numpy as np

from gradcheck import check_gradient, vjp_from_jacobian


# --8<-- [start:forward]
def forward(W, x):
    """Column form (Clark): z_i = sum_k W_ik x_k, W (m, n), x (n,)."""
    return W @ x


def forward_rows(X, W_rows):
    """This site, a batch: Z = X W', X (N, n), W' = W^T (n, m)."""
    return X @ W_rows


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W(W, x):
    """J[i, j, k] = dz_i / dW_jk = delta_ij x_k: shape (m, m, n)."""
    return np.einsum("ij,k->ijk", np.eye(W.shape[0]), x)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward_W(delta, x):
    """dW_jk = sum_i delta_i delta_ij x_k = delta_j x_k: dW = delta x^T, (m, n)."""
    return np.outer(delta, x)


def backward_W_rows(X, dZ):
    """Row form: dW'_kj = sum_n X_nk dZ_nj, the outer products summed over the batch."""
    return X.T @ dZ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(7)
    m, n, N = 3, 4, 6
    W = rng.standard_normal((m, n))
    x = rng.standard_normal(n)
    delta = rng.standard_normal(m)  # Clark's delta = dJ/dz, upstream
    # --8<-- [start:check]
    dW = backward_W(delta, x)
    check_gradient(dW, lambda W_: delta @ forward(W_, x), W)  # central differences
    np.testing.assert_allclose(dW, vjp_from_jacobian(delta, jacobian_wrt_W(W, x)))
    X = rng.standard_normal((N, n))  # N examples, one per row
    dZ = rng.standard_normal((N, m))  # one delta per row
    dW_rows = backward_W_rows(X, dZ)
    check_gradient(dW_rows, lambda V: np.sum(dZ * forward_rows(X, V)), W.T)
    summed = sum(backward_W(dZ[i], X[i]) for i in range(N))  # Clark's, per example
    np.testing.assert_allclose(dW_rows, summed.T, rtol=1e-12)
    print(f"delta x^T {dW.shape}; X^T dZ {dW_rows.shape}, the sum of {N} outers")
    #> delta x^T (3, 4); X^T dZ (4, 3), the sum of 6 outers
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
