"""Backprop through linear, ReLU, linear, softmax cross-entropy, checked, then trained.

For A = X W1 + b1, H = max(A, 0), Z = H W2 + b2, L = mean cross-entropy of
softmax(Z) against one-hot Y (X of shape (N, D), Y of shape (N, K)):
dZ = (P - Y)/N, dW2 = H^T dZ, db2 = sum_n dZ_n, dH = dZ W2^T,
dA = dH * [A > 0], dW1 = X^T dA, db1 = sum_n dA_n.
"""

import numpy as np

from gradcheck import EPS, RTOL, check_gradient

SEED = 0


# --8<-- [start:data]
def spirals(n_per_class=100, n_classes=3, noise=0.2, seed=SEED):
    """Interleaved 2-D spirals: X of shape (N, 2), integer labels y of shape (N,)."""
    rng = np.random.default_rng(seed)
    r = np.linspace(0.0, 1.0, n_per_class)  # radius grows along each arm
    X, y = [], []
    for k in range(n_classes):
        t = np.linspace(4.0 * k, 4.0 * (k + 1), n_per_class)  # angle in radians
        t = t + noise * rng.standard_normal(n_per_class)
        X.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        y.append(np.full(n_per_class, k))
    return np.concatenate(X), np.concatenate(y)


def init_params(rng, D, M, K):
    """W1 (D, M), b1 (M,), W2 (M, K), b2 (K,): scaled Gaussian weights, zero biases."""
    return {
        "W1": rng.standard_normal((D, M)) * np.sqrt(2.0 / D),
        "b1": np.zeros(M),
        "W2": rng.standard_normal((M, K)) * np.sqrt(1.0 / M),
        "b2": np.zeros(K),
    }


# --8<-- [end:data]


# --8<-- [start:forward]
def forward(params, X, Y):
    """Mean cross-entropy L of the network on (X, Y), and what backward needs."""
    A = X @ params["W1"] + params["b1"]  # (N, M)  A_nm = sum_d X_nd W1_dm + b1_m
    H = np.maximum(A, 0.0)  # (N, M)  H_nm = max(A_nm, 0)
    Z = H @ params["W2"] + params["b2"]  # (N, K)  Z_nk = sum_m H_nm W2_mk + b2_k
    Z = Z - Z.max(axis=1, keepdims=True)  # softmax ignores a shift per row
    log_P = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))  # (N, K)
    L = -np.sum(Y * log_P) / X.shape[0]  # mean over the batch
    return L, (X, Y, A, H, np.exp(log_P))


# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(params, cache):
    """Gradients of L, each of the shape of its parameter."""
    X, Y, A, H, P = cache
    N = X.shape[0]
    dZ = (P - Y) / N  # (N, K)  softmax + cross-entropy; the mean's 1/N, once
    dW2 = H.T @ dZ  # (M, K)  the sum over n is inside the matmul
    db2 = dZ.sum(axis=0)  # (K,)   b2 was broadcast over N rows: sum them
    dH = dZ @ params["W2"].T  # (N, M)
    dA = dH * (A > 0)  # (N, M)  ReLU: Hadamard product with the mask
    dW1 = X.T @ dA  # (D, M)
    db1 = dA.sum(axis=0)  # (M,)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --8<-- [end:backward]


# --8<-- [start:check_all]
def check_all_gradients(params, X, Y):
    """Compare every gradient of backward with central differences of forward."""
    _, cache = forward(params, X, Y)
    grads = backward(params, cache)
    for name, value in params.items():

        def loss(p, name=name):  # L as a function of one parameter, others fixed
            return forward({**params, name: p}, X, Y)[0]

        check_gradient(grads[name], loss, value)  # raises AssertionError if wrong


# --8<-- [end:check_all]


# --8<-- [start:train]
def train(steps=1000, lr=1.0, M=32, seed=SEED):
    """Full-batch gradient descent on the spirals.

    Returns the loss before each step and after the last (steps + 1 values),
    the final training accuracy, and the trained parameters.
    """
    X, y = spirals()
    Y = np.eye(y.max() + 1)[y]  # one-hot, (N, K)
    params = init_params(np.random.default_rng(seed), X.shape[1], M, Y.shape[1])
    losses = []
    for _ in range(steps):
        L, cache = forward(params, X, Y)
        losses.append(L)
        grads = backward(params, cache)
        for name in params:
            params[name] -= lr * grads[name]  # plain gradient descent
    L, cache = forward(params, X, Y)
    losses.append(L)
    accuracy = np.mean(cache[-1].argmax(axis=1) == y)
    return np.array(losses), accuracy, params


# --8<-- [end:train]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(SEED)
    X_all, y_all = spirals()
    pick = rng.choice(len(y_all), size=8, replace=False)  # a small batch, N = 8
    X, Y = X_all[pick], np.eye(3)[y_all[pick]]
    params = init_params(rng, D=2, M=32, K=3)
    params["b1"] = 0.1 * rng.standard_normal(32)  # keep every A_nm off the kink
    margin = np.abs(X @ params["W1"] + params["b1"]).min()
    assert margin > 100 * EPS, "a pre-activation is too close to the ReLU kink"
    print(f"smallest |A_nm| in the check batch: {margin:.4f} (step {EPS:g})")
    #> smallest |A_nm| in the check batch: 0.0011 (step 1e-06)
    check_all_gradients(params, X, Y)
    print(f"W1, b1, W2, b2 all match central differences (rtol {RTOL:g}): True")
    #> W1, b1, W2, b2 all match central differences (rtol 1e-06): True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    x0 = X_all[0]  # the first point of every arm has radius 0: the origin
    p0 = init_params(np.random.default_rng(SEED), D=2, M=32, K=3)  # b1 = 0
    print(f"x = ({x0[0]:.1f}, {x0[1]:.1f}), so A = x W1 + b1 = 0: all 32 on the kink")
    #> x = (0.0, 0.0), so A = x W1 + b1 = 0: all 32 on the kink
    try:  # the backward above is right; the finite differences are what fail
        check_all_gradients(p0, X_all[:1], np.eye(3)[y_all[:1]])
        failed = False
    except AssertionError:
        failed = True
    assert failed
    print(f"the correct gradients fail the check at a kink: {failed}")
    #> the correct gradients fail the check at a kink: True
    # --8<-- [end:pitfall]
    # --8<-- [start:run]
    losses, accuracy, _ = train(steps=1000, lr=1.0, M=32)
    for step in (0, 10, 100, 300, 1000):
        print(f"step {step:4d}: loss {losses[step]:.3f}")
    #> step    0: loss 1.193
    #> step   10: loss 0.711
    #> step  100: loss 0.300
    #> step  300: loss 0.129
    #> step 1000: loss 0.054
    print(f"training accuracy after 1000 steps: {accuracy:.1%}")
    #> training accuracy after 1000 steps: 99.3%
    assert accuracy >= 0.95 and losses[-1] < losses[0] / 5, "training failed"
    # --8<-- [end:run]


if __name__ == "__main__":
    main()
