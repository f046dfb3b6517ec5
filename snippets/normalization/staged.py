"""The backward one node at a time (mean, centring, variance, rho, product) == compact."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def norm_staged_forward(X, gamma, beta, axis, eps=1e-5):
    """BatchNorm (axis=0) or LayerNorm (axis=-1) of X (N, D), as a graph of nodes."""
    count = X.shape[axis]  # how many entries each mean averages
    mu = X.sum(axis=axis, keepdims=True) / count  # node 1: the mean
    Xc = X - mu  # node 2: centred input
    nu = (Xc**2).sum(axis=axis, keepdims=True) / count  # node 3: the variance
    rho = (nu + eps) ** -0.5  # node 4: the inverse deviation
    X_hat = Xc * rho  # node 5: the normalised input
    Y = gamma * X_hat + beta  # node 6: scale and shift
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def norm_staged_backward(dY, X, gamma, axis, eps=1e-5):
    """dY (N, D) -> dX, dgamma, dbeta: the nodes of the forward pass, in reverse."""
    count = X.shape[axis]
    mu = X.sum(axis=axis, keepdims=True) / count  # recompute the nodes
    Xc = X - mu
    nu = (Xc**2).sum(axis=axis, keepdims=True) / count
    rho = (nu + eps) ** -0.5
    X_hat = Xc * rho
    # node 6: Y = gamma X_hat + beta (gamma, beta broadcast over the rows)
    dgamma = (dY * X_hat).sum(axis=0)
    dbeta = dY.sum(axis=0)
    dX_hat = dY * gamma
    # node 5: X_hat = Xc rho (rho broadcast along the normalised axis: sum it back)
    drho = (dX_hat * Xc).sum(axis=axis, keepdims=True)
    dXc = dX_hat * rho  # the first of the two paths into Xc
    # node 4: rho = (nu + eps)^(-1/2)
    dnu = -0.5 * (nu + eps) ** -1.5 * drho
    # node 3: nu = sum(Xc^2) / count (nu broadcast back along the axis)
    dXc = dXc + dnu * 2.0 * Xc / count  # the second path into Xc adds up
    # node 2: Xc = X - mu
    dmu = -dXc.sum(axis=axis, keepdims=True)
    # node 1: mu = sum(X) / count; X reaches the loss directly and through mu
    dX = dXc + dmu / count
    return dX, dgamma, dbeta


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    N, D, eps = 6, 5, 1e-5
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    dY = rng.standard_normal((N, D))
    # --8<-- [start:check]
    for axis, name in ((0, "BatchNorm"), (-1, "LayerNorm")):
        dX, dgamma, dbeta = norm_staged_backward(dY, X, gamma, axis, eps)
        # the compact form, for the same axis
        rho = 1.0 / np.sqrt(X.var(axis=axis, keepdims=True) + eps)
        X_hat = (X - X.mean(axis=axis, keepdims=True)) * rho
        dX_hat = dY * gamma
        from_mu = dX_hat.mean(axis=axis, keepdims=True)
        from_nu = X_hat * (dX_hat * X_hat).mean(axis=axis, keepdims=True)
        np.testing.assert_allclose(
            dX, rho * (dX_hat - from_mu - from_nu), rtol=1e-10, atol=1e-12
        )
        np.testing.assert_allclose(dgamma, (dY * X_hat).sum(axis=0), rtol=1e-12)
        np.testing.assert_allclose(dbeta, dY.sum(axis=0), rtol=1e-12)
        check_vjp(
            lambda X_, a=axis: norm_staged_forward(X_, gamma, beta, a, eps),
            lambda dY_, a=axis: norm_staged_backward(dY_, X, gamma, a, eps)[0],
            X,
            rng,
        )
        print(f"{name}: staged dX == compact dX, dot-product test: True")
    #> BatchNorm: staged dX == compact dX, dot-product test: True
    #> LayerNorm: staged dX == compact dX, dot-product test: True
    # --8<-- [end:check]
    # --8<-- [start:statistics]
    # BatchNorm's statistics, one per feature (shape (1, D)), and their closed forms
    mu = X.mean(axis=0, keepdims=True)
    Xc = X - mu
    nu = (Xc**2).mean(axis=0, keepdims=True)
    rho = (nu + eps) ** -0.5
    X_hat, dX_hat = Xc * rho, dY * gamma
    drho = (dX_hat * Xc).sum(axis=0, keepdims=True)
    dnu = -(rho**2) / 2 * (dX_hat * X_hat).sum(axis=0, keepdims=True)
    dmu = -rho * dX_hat.sum(axis=0, keepdims=True)
    # the variance's share of dmu, -(2/N) dnu sum(Xc), is zero
    np.testing.assert_allclose(2 / N * dnu * Xc.sum(axis=0), 0.0, atol=1e-12)
    # each statistic as a free input of the nodes after it, by finite differences
    after = (
        lambda m: gamma * (X - m) * (((X - m) ** 2).mean(axis=0) + eps) ** -0.5 + beta,
        lambda v: gamma * Xc * (v + eps) ** -0.5 + beta,
        lambda r: gamma * Xc * r + beta,
    )
    for dstat, f, stat in zip((dmu, dnu, drho), after, (mu, nu, rho), strict=True):
        check_gradient(dstat, lambda s_, f=f: np.sum(dY * f(s_)), stat)
    print("dmu, dnu, drho in closed form == finite differences: True")
    #> dmu, dnu, drho in closed form == finite differences: True
    # --8<-- [end:statistics]


if __name__ == "__main__":
    main()
