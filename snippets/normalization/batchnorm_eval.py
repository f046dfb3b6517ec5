"""BatchNorm in evaluation mode: dY_nd/dX_pq = delta_np delta_dq gamma_d rho_d, affine."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def batchnorm_eval_forward(X, gamma, beta, running_mean, running_var, eps=1e-5):
    """X (N, D) -> Y (N, D), normalised with stored statistics, not the batch's."""
    rho = 1.0 / np.sqrt(running_var + eps)  # (D,): a constant, not a function of X
    X_hat = (X - running_mean) * rho
    Y = gamma * X_hat + beta
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def batchnorm_eval_jacobian_X(X, gamma, running_var, eps=1e-5):
    """J[n, d, p, q] = delta_np delta_dq gamma_d rho_d: (N, D, N, D), diagonal."""
    N, D = X.shape
    rho = 1.0 / np.sqrt(running_var + eps)
    return np.einsum("np,dq,d->ndpq", np.eye(N), np.eye(D), gamma * rho)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def batchnorm_eval_backward(dY, X, gamma, running_mean, running_var, eps=1e-5):
    """dY (N, D) -> dX (N, D), dgamma (D,), dbeta (D,); the stored statistics get none."""
    rho = 1.0 / np.sqrt(running_var + eps)
    X_hat = (X - running_mean) * rho
    # elementwise: no term from the mean, none from the variance
    dX = dY * (gamma * rho)
    dgamma = (dY * X_hat).sum(axis=0)
    dbeta = dY.sum(axis=0)
    return dX, dgamma, dbeta


# --8<-- [end:backward]


# --8<-- [start:running]
def update_running(X, running_mean, running_var, momentum=0.1):
    """One training step's update of the stored statistics, as in PyTorch."""
    N = X.shape[0]
    mu, nu = X.mean(axis=0), X.var(axis=0)  # the batch's statistics: nu with 1/N
    running_mean = (1 - momentum) * running_mean + momentum * mu
    unbiased = nu * N / (N - 1)  # the stored variance divides by N - 1
    running_var = (1 - momentum) * running_var + momentum * unbiased
    return running_mean, running_var


# --8<-- [end:running]


def main():
    rng = np.random.default_rng(5)
    N, D, eps = 4, 3, 1e-5
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    running_mean, running_var = rng.standard_normal(D), 1.0 + rng.random(D)
    dY = rng.standard_normal((N, D))
    stats = (running_mean, running_var)
    # --8<-- [start:check]
    J = batchnorm_eval_jacobian_X(X, gamma, running_var, eps)
    print(f"dY/dX {J.shape}: non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dX (4, 3, 4, 3): non-zero 12 of 144
    check_jacobian(
        J, lambda X_: batchnorm_eval_forward(X_, gamma, beta, *stats, eps), X
    )
    dX = batchnorm_eval_backward(dY, X, gamma, *stats, eps)[0]
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    one_input = (
        lambda X_: batchnorm_eval_forward(X_, gamma, beta, *stats, eps),
        lambda g_: batchnorm_eval_forward(X, g_, beta, *stats, eps),
        lambda b_: batchnorm_eval_forward(X, gamma, b_, *stats, eps),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, gamma, beta), strict=True)):
        check_vjp(
            f,
            lambda dY_, i=i: batchnorm_eval_backward(dY_, X, gamma, *stats)[i],
            V,
            rng,
        )
    print("dX == contraction == finite differences, dot-product tests: True")
    #> dX == contraction == finite differences, dot-product tests: True
    # --8<-- [end:check]
    # --8<-- [start:train_vs_eval]
    # momentum = 1: the stored statistics become this batch's own mean and variance
    running_mean, running_var = update_running(X, 0.0, 1.0, momentum=1.0)
    np.testing.assert_allclose(running_mean, X.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(running_var, X.var(axis=0, ddof=1), rtol=1e-12)
    gamma1, beta0 = np.ones(D), np.zeros(D)  # look at X_hat itself
    X_hat_train = (X - X.mean(axis=0)) / np.sqrt(X.var(axis=0) + eps)
    X_hat_eval = batchnorm_eval_forward(
        X, gamma1, beta0, running_mean, running_var, eps
    )
    ratio = X_hat_eval / X_hat_train
    print(f"eval / train, same batch, N = {N}: {np.round(ratio[0], 4).tolist()}")
    #> eval / train, same batch, N = 4: [0.866, 0.866, 0.866]
    np.testing.assert_allclose(ratio, np.sqrt((N - 1) / N), rtol=1e-4)
    print(f"sqrt((N - 1) / N) = {np.sqrt((N - 1) / N):.4f}")
    #> sqrt((N - 1) / N) = 0.8660
    # --8<-- [end:train_vs_eval]


if __name__ == "__main__":
    main()
