"""L = mean_n l_n: dL/dx carries 1/N; dropping it fails the check by exactly N."""

import numpy as np

from gradcheck import check_gradient, numerical_gradient


# --8<-- [start:forward]
def loss(X, t):
    """L = (1/N) sum_n sum_d (X_nd - t_nd)^2, X and t of shape (N, D)."""
    N = X.shape[0]
    return np.sum((X - t) ** 2) / N


# --8<-- [end:forward]


# --8<-- [start:backward]
def grad(X, t):
    """dL/dX_nd = 2 (X_nd - t_nd) / N, shape (N, D)."""
    N = X.shape[0]
    return 2 * (X - t) / N


def grad_of_the_sum(X, t):
    """The gradient of sum_n l_n: what you get by forgetting the mean's 1/N."""
    return 2 * (X - t)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((8, 3))
    t = rng.standard_normal((8, 3))
    # --8<-- [start:check]
    check_gradient(grad(X, t), lambda X_: loss(X_, t), X)
    ratio = grad_of_the_sum(X, t) / numerical_gradient(lambda X_: loss(X_, t), X)
    print(
        f"N = {X.shape[0]}: forgotten 1/N -> analytic / numerical = {ratio.mean():.3f}"
    )
    #> N = 8: forgotten 1/N -> analytic / numerical = 8.000
    print(f"the same ratio in every entry: {np.allclose(ratio, ratio.flat[0])}")
    #> the same ratio in every entry: True
    np.testing.assert_allclose(ratio, X.shape[0], rtol=1e-6)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
