"""Backprop through linear, ReLU, linear, softmax cross-entropy, checked, then trained.

For U = X W1 + b1, H = max(U, 0), Z = H W2 + b2, L = mean cross-entropy of
S = softmax(Z) against one-hot T (X of shape (N, D), T of shape (N, C)):
dZ = (S - T)/N, dW2 = H^T dZ, db2 = sum_n dZ_n, dH = dZ W2^T,
dU = dH * [U > 0], dW1 = X^T dU, db1 = sum_n dU_n.
"""

import numpy as np
from gradcheck import EPS, RTOL, check_gradient

SEED = 0


# --8<-- [start:data]
def spirals(n_per_class=100, n_classes=3, noise=0.2, seed=SEED):
    """Interleaved 2-D spirals: X of shape (N, 2), integer labels of shape (N,)."""
    rng = np.random.default_rng(seed)
    radius = np.linspace(0.0, 1.0, n_per_class)  # grows along each arm
    X, labels = [], []
    for c in range(n_classes):
        angle = np.linspace(4.0 * c, 4.0 * (c + 1), n_per_class)  # in radians
        angle = angle + noise * rng.standard_normal(n_per_class)
        X.append(np.column_stack([radius * np.sin(angle), radius * np.cos(angle)]))
        labels.append(np.full(n_per_class, c))
    return np.concatenate(X), np.concatenate(labels)


def init_params(rng, D, M, C):
    """W1 (D, M), b1 (M,), W2 (M, C), b2 (C,): scaled Gaussian weights, zero biases."""
    return {
        "W1": rng.standard_normal((D, M)) * np.sqrt(2.0 / D),
        "b1": np.zeros(M),
        "W2": rng.standard_normal((M, C)) * np.sqrt(1.0 / M),
        "b2": np.zeros(C),
    }


# --8<-- [end:data]


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """Y = X W + b: X (N, D), W (D, M), b (M,), Y (N, M)."""
    Y = X @ W + b  # Y_nm = sum_d X_nd W_dm + b_m
    return Y


def relu_forward(U):
    """H = max(U, 0), entry by entry."""
    H = np.maximum(U, 0.0)
    return H


def log_softmax(Z):
    """log S row by row, from logits shifted by their row max (softmax ignores it)."""
    Z = Z - Z.max(axis=1, keepdims=True)  # no exp overflows
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


def softmax_cross_entropy_forward(Z, T):
    """Mean cross-entropy L of S = softmax(Z) against one-hot targets T, both (N, C)."""
    L = -np.sum(T * log_softmax(Z)) / Z.shape[0]  # mean over the batch
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dX = dY W^T, dW = X^T dY, db = the sum of dY's rows."""
    dX = dY @ W.T  # (N, D)
    dW = X.T @ dY  # (D, M)  the sum over n is inside the matmul
    db = dY.sum(axis=0)  # (M,)   b was broadcast over N rows: sum them
    return dX, dW, db


def relu_backward(dH, U):
    """dU = dH * [U > 0]: a Hadamard product with the mask."""
    dU = dH * (U > 0)
    return dU


def softmax_cross_entropy_backward(dL=1.0, *, S, T):
    """dZ = dL (S - T) / N, with S = softmax(Z) saved by the forward pass."""
    dZ = dL * (S - T) / S.shape[0]  # the mean's 1/N, once
    return dZ


# --8<-- [end:backward]


# --8<-- [start:network]
def network_forward(params, X, T):
    """The loss L on (X, T), and the arrays the backward pass reads."""
    U = linear_forward(X, params["W1"], params["b1"])  # (N, M)
    H = relu_forward(U)  # (N, M)
    Z = linear_forward(H, params["W2"], params["b2"])  # (N, C)
    L = softmax_cross_entropy_forward(Z, T)  # ()
    S = np.exp(log_softmax(Z))  # (N, C) probabilities, saved for the backward
    return L, (U, H, S)


def network_gradients(params, X, T):
    """L and its gradients: the forward, then each layer's backward in reverse."""
    L, (U, H, S) = network_forward(params, X, T)
    W1, W2 = params["W1"], params["W2"]
    dL = 1.0  # dL/dL: where the backward pass starts
    dZ = softmax_cross_entropy_backward(dL, S=S, T=T)  # (N, C)
    dH, dW2, db2 = linear_backward(dZ, H, W2)  # (N, M), (M, C), (C,)
    dU = relu_backward(dH, U)  # (N, M)
    _, dW1, db1 = linear_backward(dU, X, W1)  # dX unused: the data are fixed
    return L, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --8<-- [end:network]


# --8<-- [start:check_all]
def check_all_gradients(params, X, T):
    """Compare every gradient of the network with central differences of its loss."""
    _, grads = network_gradients(params, X, T)
    for name, value in params.items():
        check_gradient(  # L as a function of one parameter, the others fixed
            grads[name],
            lambda p, name=name: network_forward({**params, name: p}, X, T)[0],
            value,
        )  # raises AssertionError if wrong


# --8<-- [end:check_all]


# --8<-- [start:train]
def train(steps=1000, lr=1.0, M=32, seed=SEED):
    """Full-batch gradient descent on the spirals.

    Returns the loss before each step and after the last (steps + 1 values),
    the final training accuracy, and the trained parameters.
    """
    X, labels = spirals()
    T = np.eye(labels.max() + 1)[labels]  # one-hot, (N, C)
    params = init_params(np.random.default_rng(seed), X.shape[1], M, T.shape[1])
    losses = []
    for _ in range(steps):
        L, grads = network_gradients(params, X, T)
        losses.append(L)
        for name in params:
            params[name] -= lr * grads[name]  # plain gradient descent
    L, (_, _, S) = network_forward(params, X, T)
    losses.append(L)
    accuracy = np.mean(S.argmax(axis=1) == labels)  # the likeliest class is the guess
    return np.array(losses), accuracy, params


# --8<-- [end:train]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(SEED)
    X_all, labels_all = spirals()
    pick = rng.choice(len(labels_all), size=8, replace=False)  # a small batch, N = 8
    X, T = X_all[pick], np.eye(3)[labels_all[pick]]
    params = init_params(rng, D=2, M=32, C=3)
    params["b1"] = 0.1 * rng.standard_normal(32)  # keep every U_nm off the kink
    margin = np.abs(X @ params["W1"] + params["b1"]).min()
    assert margin > 100 * EPS, "a pre-activation is too close to the ReLU kink"
    print(f"smallest |U_nm| in the check batch: {margin:.4f} (step {EPS:g})")
    #> smallest |U_nm| in the check batch: 0.0011 (step 1e-06)
    check_all_gradients(params, X, T)
    print(f"W1, b1, W2, b2 all match central differences (rtol {RTOL:g}): True")
    #> W1, b1, W2, b2 all match central differences (rtol 1e-06): True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    x0 = X_all[0]  # the first point of every arm has radius 0: the origin
    p0 = init_params(np.random.default_rng(SEED), D=2, M=32, C=3)  # b1 = 0
    print(f"x = ({x0[0]:.1f}, {x0[1]:.1f}), so U = x W1 + b1 = 0: all 32 on the kink")
    #> x = (0.0, 0.0), so U = x W1 + b1 = 0: all 32 on the kink
    try:  # the backward above is right; the finite differences are what fail
        check_all_gradients(p0, X_all[:1], np.eye(3)[labels_all[:1]])
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
