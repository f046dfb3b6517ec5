"""L = (1/N) sum_n l_n: dL/dY carries 1/N; dropping it fails the check by exactly N."""

import numpy as np
from gradcheck import check_gradient, numerical_gradient


# --8<-- [start:forward]
def mean_of_sse_forward(Y, T):
    """L = (1/N) sum_n l_n, l_n = sum_m (Y_nm - T_nm)^2 (no 1/2, unlike batch_dimension)."""
    N = Y.shape[0]
    L = np.sum((Y - T) ** 2) / N
    return L


def sum_of_sse_forward(Y, T):
    """L = sum_n l_n: the same losses summed, not averaged."""
    L = np.sum((Y - T) ** 2)
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def mean_of_sse_backward(dL=1.0, *, Y, T):
    """dL/dY_nm = 2 (Y_nm - T_nm) / N, shape (N, M)."""
    N = Y.shape[0]
    dY = dL * 2 * (Y - T) / N
    return dY


def sum_of_sse_backward(dL=1.0, *, Y, T):
    """The gradient of sum_n l_n: what you get by forgetting the mean's 1/N."""
    dY = dL * 2 * (Y - T)
    return dY


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    Y = rng.standard_normal((8, 3))
    T = rng.standard_normal((8, 3))
    # --8<-- [start:check]
    check_gradient(
        mean_of_sse_backward(Y=Y, T=T), lambda Y_: mean_of_sse_forward(Y_, T), Y
    )
    dY_num = numerical_gradient(lambda Y_: mean_of_sse_forward(Y_, T), Y)
    ratio = sum_of_sse_backward(Y=Y, T=T) / dY_num  # the sum's backward for the mean
    print(
        f"N = {Y.shape[0]}: forgotten 1/N -> analytic / numerical = {ratio.mean():.3f}"
    )
    #> N = 8: forgotten 1/N -> analytic / numerical = 8.000
    print(f"the same ratio in every entry: {np.allclose(ratio, ratio.flat[0])}")
    #> the same ratio in every entry: True
    np.testing.assert_allclose(ratio, Y.shape[0], rtol=1e-6)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
