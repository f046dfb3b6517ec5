"""y (4,) minus pred (4, 1) broadcasts to (4, 4): a wrong loss, and no error."""

import numpy as np

from gradcheck import check_gradient


# --8<-- [start:forward]
def residual(pred, y):
    """p_n - y_n, shape (N, 1): reshape y to pred's shape, never let it broadcast."""
    return pred - y.reshape(pred.shape)  # raises if the sizes differ


def forward(X, w, y):
    """L = (1/N) sum_n (p_n - y_n)^2 with p = X w of shape (N, 1)."""
    return np.mean(residual(X @ w, y) ** 2)


# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(X, w, y):
    """dw = X^T dp with dp_n = 2 (p_n - y_n) / N: shape (D, 1), like w."""
    N = X.shape[0]
    dpred = 2 * residual(X @ w, y) / N  # (N, 1)
    return X.T @ dpred


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    N, D = 4, 2
    X = rng.standard_normal((N, D))
    w = rng.standard_normal((D, 1))  # a column: one output
    y = (X @ w)[:, 0] + 0.1 * rng.standard_normal(N)  # a good fit; flat, shape (4,)
    # --8<-- [start:pitfall]
    pred = X @ w
    diff = pred - y  # (4, 1) - (4,): NumPy stretches both to (4, 4)
    assert pred.shape == (4, 1) and y.shape == (4,) and diff.shape == (4, 4)
    loss_wrong = np.mean(diff**2)
    loss_right = np.mean([(pred[n, 0] - y[n]) ** 2 for n in range(N)])
    print(f"diff {diff.shape}: loss {loss_wrong:.4f}, should be {loss_right:.4f}")
    #> diff (4, 4): loss 37.8460, should be 0.0018
    pairs = [(pred[n, 0] - y[k]) ** 2 for n in range(N) for k in range(N)]
    np.testing.assert_allclose(loss_wrong, np.mean(pairs), rtol=1e-12)
    print("it averages every prediction against every target: True")
    #> it averages every prediction against every target: True
    wrong_loss = lambda p: np.mean((p - y) ** 2)  # noqa: E731
    check_gradient(2 * (pred - y.mean()) / N, wrong_loss, pred)
    print("its gradient pulls every p_n toward mean(y): True")
    #> its gradient pulls every p_n toward mean(y): True
    dw_wrong = X.T @ (2 * diff / N)  # the usual backward, fed the (4, 4) diff
    print(f"dw {dw_wrong.shape}, w - 0.1 * dw {(w - 0.1 * dw_wrong).shape}")
    #> dw (2, 4), w - 0.1 * dw (2, 4)
    # --8<-- [end:pitfall]

    # --8<-- [start:check]
    dw = backward(X, w, y)
    print(f"fixed: residual {residual(X @ w, y).shape}, dw {dw.shape}")
    #> fixed: residual (4, 1), dw (2, 1)
    np.testing.assert_allclose(forward(X, w, y), loss_right, rtol=1e-12)
    check_gradient(dw, lambda w_: forward(X, w_, y), w)
    print("loss == per-example loop, dw == finite differences: True")
    #> loss == per-example loop, dw == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
