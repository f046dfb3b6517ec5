"""For L = (1/N) sum_n l_n the 1/N enters once, in dY = (Y - T) / N; dW, db sum."""

import numpy as np
from gradcheck import check_gradient, vjp_from_jacobian


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """Y = X W + b: (N, D) @ (D, M) + (M,) -> (N, M)."""
    Y = X @ W + b
    return Y


def per_example_losses(Y, T):
    """l_n = 1/2 sum_m (Y_nm - T_nm)^2: one loss per row, shape (N,)."""
    return 0.5 * np.sum((Y - T) ** 2, axis=1)


def mean_loss_forward(Y, T):
    """L = (1/N) sum_n l_n: the mean over the batch."""
    L = np.mean(per_example_losses(Y, T))
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_losses_wrt_Y(Y, T):
    """J[n, n', m] = dl_n / dY_n'm = delta_nn' (Y_nm - T_nm): shape (N,) + (N, M)."""
    N = Y.shape[0]
    return np.einsum("nk,km->nkm", np.eye(N), Y - T)


def jacobian_mean(N):
    """J[n] = dL / dl_n = 1/N for every n: the mean's Jacobian, shape () + (N,)."""
    return np.full(N, 1.0 / N)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def mean_loss_backward(dL=1.0, *, Y, T):
    """dL -> dY (N, M); T, the targets, gets no gradient."""
    N = Y.shape[0]
    dY = dL * (Y - T) / N  # the mean's 1/N, applied once, here
    return dY


def linear_backward(dY, X, W):
    """dY (N, M) -> dX (N, D), dW (D, M), db (M,): no N anywhere."""
    dX = dY @ W.T
    dW = X.T @ dY  # sums over the batch: no second 1/N
    db = dY.sum(axis=0)  # a sum, not a mean: the 1/N is already in dY
    return dX, dW, db


# --8<-- [end:backward]


def fails_check(grad, loss, x):
    """True when check_gradient rejects grad."""
    try:
        check_gradient(grad, loss, x)
    except AssertionError:
        return True
    return False


def main():
    rng = np.random.default_rng(2)
    N, D, M = 8, 4, 3
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    T = rng.standard_normal((N, M))
    # --8<-- [start:check]
    Y = linear_forward(X, W, b)
    J = jacobian_losses_wrt_Y(Y, T)
    print(f"dl/dY: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dl/dY: shape (8, 8, 3), non-zero 24 of 192
    dY_full = vjp_from_jacobian(jacobian_mean(N), J)  # contract dL/dl with dl/dY
    dY = mean_loss_backward(Y=Y, T=T)
    np.testing.assert_allclose(dY, dY_full, rtol=1e-12)

    dX, dW, db = linear_backward(dY, X, W)

    def loss(X_, W_, b_):  # L as a function of the layer's inputs
        return mean_loss_forward(linear_forward(X_, W_, b_), T)

    check_gradient(dX, lambda X_: loss(X_, W, b), X)
    check_gradient(dW, lambda W_: loss(X, W_, b), W)
    check_gradient(db, lambda b_: loss(X, W, b_), b)
    print("dX, dW and db of the mean loss match finite differences: True")
    #> dX, dW and db of the mean loss match finite differences: True
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    db_right = (Y - T).sum(axis=0) / N  # the right db (backward above)
    db_forgot = (Y - T).sum(axis=0)  # the sum-loss gradient used for a mean loss
    db_twice = ((Y - T) / N).mean(axis=0)  # 1/N in dY, then a mean over n
    loss_b = lambda b_: loss(X, W, b_)  # noqa: E731
    ratio_forgot, ratio_twice = db_forgot / db_right, db_twice / db_right
    np.testing.assert_allclose(ratio_forgot, N, rtol=1e-12)  # every entry: N
    np.testing.assert_allclose(ratio_twice, 1 / N, rtol=1e-12)  # every entry: 1/N
    print(
        f"1/N forgotten: check fails {fails_check(db_forgot, loss_b, b)}, "
        f"ratio {ratio_forgot[0]:.3f} in every entry"
    )
    #> 1/N forgotten: check fails True, ratio 8.000 in every entry
    print(
        f"1/N applied twice: check fails {fails_check(db_twice, loss_b, b)}, "
        f"ratio {ratio_twice[0]:.3f} in every entry"
    )
    #> 1/N applied twice: check fails True, ratio 0.125 in every entry
    sum_loss_b = lambda b_: N * loss(X, W, b_)  # noqa: E731
    print(
        f"1/N forgotten is the sum loss's gradient: "
        f"{not fails_check(db_forgot, sum_loss_b, b)}"
    )
    #> 1/N forgotten is the sum loss's gradient: True
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
