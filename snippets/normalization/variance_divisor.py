"""Normalising with the 1/(N - 1) variance puts 1/(N - 1) into the backward's last term."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def bessel_forward(X, gamma, beta, eps=1e-5):
    """BatchNorm of X (N, D) with the unbiased variance, sum / (N - 1)."""
    N = X.shape[0]
    mu = X.mean(axis=0)
    nu = ((X - mu) ** 2).sum(axis=0) / (N - 1)  # Bessel's correction
    rho = 1.0 / np.sqrt(nu + eps)
    X_hat = (X - mu) * rho
    Y = gamma * X_hat + beta
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def bessel_jacobian_X(X, gamma, eps=1e-5):
    """dY/dX = delta_dq gamma_d rho_d (delta_np - 1/N - X_hat_nd X_hat_pd / (N - 1))."""
    N, D = X.shape
    rho = 1.0 / np.sqrt(X.var(axis=0, ddof=1) + eps)
    X_hat = (X - X.mean(axis=0)) * rho
    blocks = np.eye(N) - 1.0 / N - np.einsum("nd,pd->dnp", X_hat, X_hat) / (N - 1)
    blocks = np.einsum("d,dnp->dnp", gamma * rho, blocks)
    return np.einsum("dq,dnp->ndpq", np.eye(D), blocks)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def bessel_backward(dY, X, gamma, eps=1e-5):
    """dY (N, D) -> dX (N, D), dgamma (D,), dbeta (D,) for the 1/(N - 1) forward."""
    N = X.shape[0]
    rho = 1.0 / np.sqrt(X.var(axis=0, ddof=1) + eps)
    X_hat = (X - X.mean(axis=0)) * rho
    dX_hat = dY * gamma
    dX = rho * (
        dX_hat - dX_hat.mean(axis=0) - X_hat * (dX_hat * X_hat).sum(axis=0) / (N - 1)
    )
    dgamma = (dY * X_hat).sum(axis=0)
    dbeta = dY.sum(axis=0)
    return dX, dgamma, dbeta


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(6)
    N, D, eps = 4, 3, 1e-5
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    dY = rng.standard_normal((N, D))
    # --8<-- [start:check]
    J = bessel_jacobian_X(X, gamma, eps)
    check_jacobian(J, lambda X_: bessel_forward(X_, gamma, beta, eps), X)
    dX = bessel_backward(dY, X, gamma, eps)[0]
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    one_input = (
        lambda X_: bessel_forward(X_, gamma, beta, eps),
        lambda g_: bessel_forward(X, g_, beta, eps),
        lambda b_: bessel_forward(X, gamma, b_, eps),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, gamma, beta), strict=True)):
        check_vjp(f, lambda dY_, i=i: bessel_backward(dY_, X, gamma, eps)[i], V, rng)
    print("1/(N - 1): dX == contraction == finite differences; dot-product tests: True")
    #> 1/(N - 1): dX == contraction == finite differences; dot-product tests: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    rho = 1.0 / np.sqrt(X.var(axis=0, ddof=1) + eps)
    X_hat = (X - X.mean(axis=0)) * rho
    dX_hat = dY * gamma
    dX_1_over_N = rho * (  # the 1/N backward, fed the 1/(N - 1) statistics
        dX_hat - dX_hat.mean(axis=0) - X_hat * (dX_hat * X_hat).mean(axis=0)
    )
    assert not np.allclose(dX_1_over_N, dX)
    right = np.allclose(dX_1_over_N, dX)
    print(f"the 1/N backward on the 1/(N - 1) forward: right {right}")
    #> the 1/N backward on the 1/(N - 1) forward: right False
    X_hat_biased = (X - X.mean(axis=0)) / np.sqrt(X.var(axis=0) + eps)
    ratio = X_hat / X_hat_biased  # the two forwards differ by a constant factor
    np.testing.assert_allclose(ratio, np.sqrt((N - 1) / N), rtol=1e-5)
    print(f"X_hat with 1/(N - 1) over X_hat with 1/N: {ratio[0, 0]:.4f} = sqrt(3/4)")
    #> X_hat with 1/(N - 1) over X_hat with 1/N: 0.8660 = sqrt(3/4)
    # --8<-- [end:pitfall]
    # --8<-- [start:batch_of_one]
    X1, dY1 = rng.standard_normal((1, D)), rng.standard_normal((1, D))  # N = 1
    with np.errstate(divide="ignore", invalid="ignore"):
        Y_bessel = bessel_forward(X1, gamma, beta, eps)  # 0 / 0 in the variance
    Y1 = gamma * (X1 - X1.mean(axis=0)) / np.sqrt(X1.var(axis=0) + eps) + beta
    rho1 = 1.0 / np.sqrt(X1.var(axis=0) + eps)
    X_hat1, dX_hat1 = (X1 - X1.mean(axis=0)) * rho1, dY1 * gamma  # X_hat1 = 0
    dX1 = rho1 * (
        dX_hat1 - dX_hat1.mean(axis=0) - X_hat1 * (dX_hat1 * X_hat1).mean(axis=0)
    )
    print(f"N = 1, over N - 1 = 0: every output nan {np.isnan(Y_bessel).all()}")
    #> N = 1, over N - 1 = 0: every output nan True
    print(f"N = 1, over N: Y == beta {np.allclose(Y1, beta)}, dX == 0 {not dX1.any()}")
    #> N = 1, over N: Y == beta True, dX == 0 True
    # --8<-- [end:batch_of_one]


if __name__ == "__main__":
    main()
