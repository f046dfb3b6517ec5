"""BatchNorm (training): dX = rho (dX_hat - mean_n dX_hat - X_hat mean_n(dX_hat X_hat))."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def batchnorm_forward(X, gamma, beta, eps=1e-5):
    """X (N, D), gamma (D,), beta (D,) -> Y (N, D): each feature over the batch."""
    mu = X.mean(axis=0)  # (D,): one mean per feature
    nu = X.var(axis=0)  # (D,): the variance with 1/N, as PyTorch uses in training
    rho = 1.0 / np.sqrt(nu + eps)  # (D,)
    X_hat = (X - mu) * rho
    Y = gamma * X_hat + beta
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def batchnorm_jacobian_X(X, gamma, eps=1e-5):
    """dY/dX (N, D, N, D) for X of shape (N, D).

    J[n, d, p, q] = delta_dq gamma_d rho_d (delta_np - 1/N - X_hat_nd X_hat_pd / N)
    """
    N, D = X.shape
    rho = 1.0 / np.sqrt(X.var(axis=0) + eps)  # (D,)
    X_hat = (X - X.mean(axis=0)) * rho
    # one (N, N) standardisation Jacobian per feature d, over the batch axis
    blocks = np.eye(N) - 1.0 / N - np.einsum("nd,pd->dnp", X_hat, X_hat) / N
    blocks = np.einsum("d,dnp->dnp", gamma * rho, blocks)
    return np.einsum("dq,dnp->ndpq", np.eye(D), blocks)  # features do not mix


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def batchnorm_backward(dY, X, gamma, eps=1e-5):
    """dY (N, D) -> dX (N, D), dgamma (D,), dbeta (D,); mu and rho are recomputed."""
    rho = 1.0 / np.sqrt(X.var(axis=0) + eps)
    X_hat = (X - X.mean(axis=0)) * rho
    dX_hat = dY * gamma
    dX = rho * (
        dX_hat
        - dX_hat.mean(axis=0)  # from the mean
        - X_hat * (dX_hat * X_hat).mean(axis=0)  # from the variance
    )
    dgamma = (dY * X_hat).sum(axis=0)
    dbeta = dY.sum(axis=0)
    return dX, dgamma, dbeta


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    N, D = 4, 3  # small: the full Jacobian
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:jacobian_check]
    J = batchnorm_jacobian_X(X, gamma)
    print(f"dY/dX {J.shape}: non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dX (4, 3, 4, 3): non-zero 48 of 144
    check_jacobian(J, lambda X_: batchnorm_forward(X_, gamma, beta), X)
    print("dY/dX == finite differences: True")
    #> dY/dX == finite differences: True
    # --8<-- [end:jacobian_check]
    # --8<-- [start:check]
    dX, dgamma, dbeta = batchnorm_backward(dY, X, gamma)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    X_hat = (X - X.mean(axis=0)) / np.sqrt(X.var(axis=0) + 1e-5)
    np.testing.assert_allclose(dgamma, np.einsum("nd,nd->d", dY, X_hat), rtol=1e-12)
    np.testing.assert_allclose(dbeta, np.einsum("nd->d", dY), rtol=1e-12)
    print("dX == dY contracted with dY/dX; dgamma, dbeta == their sums over n: True")
    #> dX == dY contracted with dY/dX; dgamma, dbeta == their sums over n: True
    N, D = 256, 1024  # a realistic batch: the dot-product test builds no Jacobian
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    one_input = (
        lambda X_: batchnorm_forward(X_, gamma, beta),
        lambda g_: batchnorm_forward(X, g_, beta),
        lambda b_: batchnorm_forward(X, gamma, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, gamma, beta), strict=True)):
        check_vjp(f, lambda dY_, i=i: batchnorm_backward(dY_, X, gamma)[i], V, rng)
    print(f"X {X.shape}: dot-product test passed for X, gamma and beta: True")
    #> X (256, 1024): dot-product test passed for X, gamma and beta: True
    # --8<-- [end:check]
    # --8<-- [start:bias]
    W, b = rng.standard_normal((512, D)), rng.standard_normal(D)  # a linear layer
    X_in = rng.standard_normal((N, 512))
    dY = rng.standard_normal((N, D))
    dX, _, _ = batchnorm_backward(dY, X_in @ W + b, gamma)  # X = X_in W + b
    db = dX.sum(axis=0)  # the linear layer's bias gradient: the batch sum of dX
    np.testing.assert_allclose(db, 0.0, atol=1e-12)
    print(f"db of the bias before BatchNorm: {db.shape}, zero to rounding: True")
    #> db of the bias before BatchNorm: (1024,), zero to rounding: True
    # --8<-- [end:bias]


if __name__ == "__main__":
    main()
