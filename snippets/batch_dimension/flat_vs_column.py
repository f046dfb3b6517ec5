"""Y (4, 1) minus targets T (4,) broadcasts to (4, 4): a wrong loss, and no error."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def residual(Y, T):
    """Y_n1 - T_n, shape (N, 1): reshape T to Y's shape, never let it broadcast."""
    return Y - T.reshape(Y.shape)  # raises if the sizes differ


def mse_forward(Y, T):
    """L = (1/N) sum_n (Y_n1 - T_n)^2 for predictions Y = X W of shape (N, 1)."""
    L = np.mean(residual(Y, T) ** 2)
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def mse_backward(dL=1.0, *, Y, T):
    """dL -> dY_n1 = 2 (Y_n1 - T_n) / N, shape (N, 1) like Y; T gets no gradient."""
    N = Y.shape[0]
    dY = dL * 2 * residual(Y, T) / N
    return dY


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    N, D = 4, 2
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, 1))  # a column: one output
    T = (X @ W)[:, 0] + 0.1 * rng.standard_normal(N)  # a good fit; flat, shape (4,)
    # --8<-- [start:pitfall]
    Y = X @ W
    diff = Y - T  # (4, 1) - (4,): NumPy stretches both to (4, 4)
    assert Y.shape == (4, 1) and T.shape == (4,) and diff.shape == (4, 4)
    loss_wrong = np.mean(diff**2)
    loss_right = np.mean([(Y[n, 0] - T[n]) ** 2 for n in range(N)])
    print(f"diff {diff.shape}: loss {loss_wrong:.4f}, should be {loss_right:.4f}")
    #> diff (4, 4): loss 37.8460, should be 0.0018
    pairs = [(Y[n, 0] - T[k]) ** 2 for n in range(N) for k in range(N)]
    np.testing.assert_allclose(loss_wrong, np.mean(pairs), rtol=1e-12)
    print("it averages every prediction against every target: True")
    #> it averages every prediction against every target: True
    mu = T.mean()  # L_wrong = mean_n (Y_n1 - mu)^2 + mean_k (T_k - mu)^2: least at mu
    split = np.mean((Y[:, 0] - mu) ** 2) + np.mean((T - mu) ** 2)
    np.testing.assert_allclose(loss_wrong, split, rtol=1e-12)
    wrong_loss = lambda Y_: np.mean((Y_ - T) ** 2)  # noqa: E731
    check_gradient(2 * (Y - mu) / N, wrong_loss, Y)
    print("its gradient pulls every Y_n1 toward mean(T): True")
    #> its gradient pulls every Y_n1 toward mean(T): True
    dW_wrong = X.T @ (2 * diff / N)  # the usual backward, fed the (4, 4) diff
    print(f"dW {dW_wrong.shape}, W - 0.1 * dW {(W - 0.1 * dW_wrong).shape}")
    #> dW (2, 4), W - 0.1 * dW (2, 4)
    # --8<-- [end:pitfall]

    # --8<-- [start:check]
    dY = mse_backward(Y=Y, T=T)
    dW = X.T @ dY  # the linear layer's backward, Y = X W
    print(f"fixed: residual {residual(Y, T).shape}, dY {dY.shape}, dW {dW.shape}")
    #> fixed: residual (4, 1), dY (4, 1), dW (2, 1)
    np.testing.assert_allclose(mse_forward(Y, T), loss_right, rtol=1e-12)
    check_gradient(dY, lambda Y_: mse_forward(Y_, T), Y)
    check_gradient(dW, lambda W_: mse_forward(X @ W_, T), W)
    print("loss == per-example loop; dY, dW == finite differences: True")
    #> loss == per-example loop; dY, dW == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
