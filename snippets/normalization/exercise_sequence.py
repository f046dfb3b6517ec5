"""BatchNorm of X (N, K, D) over its N K positions is BatchNorm of X.reshape(N K, D)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def bn_sequence_forward(X, gamma, beta, eps=1e-5):
    """X (N, K, D) -> Y (N, K, D): per feature, statistics over the N K positions."""
    mu = X.mean(axis=(0, 1))  # (D,): N K values per feature
    nu = X.var(axis=(0, 1))
    rho = 1.0 / np.sqrt(nu + eps)
    X_hat = (X - mu) * rho
    Y = gamma * X_hat + beta
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def bn_sequence_jacobian_X(X, gamma, eps=1e-5):
    """dY/dX (N, K, D, N, K, D): the Jacobian of BatchNorm on (N K, D), reshaped."""
    N, K, D = X.shape
    R = X.reshape(N * K, D)  # one row per position (n, k)
    rho = 1.0 / np.sqrt(R.var(axis=0) + eps)
    R_hat = (R - R.mean(axis=0)) * rho
    NK = N * K
    blocks = np.eye(NK) - 1.0 / NK - np.einsum("id,jd->dij", R_hat, R_hat) / NK
    J = np.einsum("dq,d,dij->idjq", np.eye(D), gamma * rho, blocks)  # (NK, D, NK, D)
    return J.reshape(N, K, D, N, K, D)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def bn_sequence_backward(dY, X, gamma, eps=1e-5):
    """dY (N, K, D) -> dX (N, K, D), dgamma (D,), dbeta (D,): axes 0 and 1 pooled."""
    rho = 1.0 / np.sqrt(X.var(axis=(0, 1)) + eps)
    X_hat = (X - X.mean(axis=(0, 1))) * rho
    dX_hat = dY * gamma
    dX = rho * (
        dX_hat - dX_hat.mean(axis=(0, 1)) - X_hat * (dX_hat * X_hat).mean(axis=(0, 1))
    )
    dgamma = (dY * X_hat).sum(axis=(0, 1))
    dbeta = dY.sum(axis=(0, 1))
    return dX, dgamma, dbeta


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(9)
    N, K, D = 2, 3, 4
    X = 1.0 + 2.0 * rng.standard_normal((N, K, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    dY = rng.standard_normal((N, K, D))
    # --8<-- [start:check]
    J = bn_sequence_jacobian_X(X, gamma)
    print(f"dY/dX {J.shape}: non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dX (2, 3, 4, 2, 3, 4): non-zero 144 of 576
    check_jacobian(J, lambda X_: bn_sequence_forward(X_, gamma, beta), X)
    dX, dgamma, dbeta = bn_sequence_backward(dY, X, gamma)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    # the same numbers as the page's BatchNorm on the (N K, D) matrix of positions
    R, dR = X.reshape(N * K, D), dY.reshape(N * K, D)
    rho = 1.0 / np.sqrt(R.var(axis=0) + 1e-5)
    R_hat, dR_hat = (R - R.mean(axis=0)) * rho, dR * gamma
    dR_in = rho * (dR_hat - dR_hat.mean(axis=0) - R_hat * (dR_hat * R_hat).mean(axis=0))
    np.testing.assert_allclose(dX.reshape(N * K, D), dR_in, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dgamma, (dR * R_hat).sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(dbeta, dR.sum(axis=0), rtol=1e-12)
    X = 1.0 + 2.0 * rng.standard_normal((16, 128, 256))
    gamma, beta = rng.standard_normal(256), rng.standard_normal(256)
    one_input = (
        lambda X_: bn_sequence_forward(X_, gamma, beta),
        lambda g_: bn_sequence_forward(X, g_, beta),
        lambda b_: bn_sequence_forward(X, gamma, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, gamma, beta), strict=True)):
        check_vjp(f, lambda dY_, i=i: bn_sequence_backward(dY_, X, gamma)[i], V, rng)
    print("dX == the (N K, D) BatchNorm's; dot-product test at (16, 128, 256): True")
    #> dX == the (N K, D) BatchNorm's; dot-product test at (16, 128, 256): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
