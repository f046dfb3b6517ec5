"""A VJP costs a small constant times the forward pass: counted, then timed.

Linear layer Y = X W + b: forward N D M multiply-adds, backward 2 N D M (dX and
dW). The MLP of the page A network trained by hand (linear, ReLU, linear,
softmax cross-entropy): forward N (D M + M C), backward N (D M + 2 M C), since
the data X need no gradient. Timings vary from run to run, so this file prints
only the exact counts; time_forward_backward(clock) returns measured seconds,
read with `clock` (time.perf_counter, passed in: a snippet imports only NumPy),
for the page's figure (drawn at build time).
"""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def linear_forward(X, W, b):
    Y = X @ W + b  # (N, D) @ (D, M) + (M,)
    return Y


def relu_forward(U):
    H = np.maximum(U, 0.0)
    return H


def log_softmax(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


def softmax_cross_entropy_forward(Z, T):
    L = -np.sum(T * log_softmax(Z)) / Z.shape[0]
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    dX = dY @ W.T  # N M D multiply-adds
    dW = X.T @ dY  # D N M multiply-adds
    db = dY.sum(axis=0)
    return dX, dW, db


def relu_backward(dH, U):
    dU = dH * (U > 0)
    return dU


def softmax_cross_entropy_backward(dL=1.0, *, S, T):
    dZ = dL * (S - T) / S.shape[0]
    return dZ


# --8<-- [end:backward]


# --8<-- [start:network]
def network_forward(params, X, T):
    """The loss, and what the backward pass reads: U, H, S."""
    U = linear_forward(X, params["W1"], params["b1"])
    H = relu_forward(U)
    Z = linear_forward(H, params["W2"], params["b2"])
    L = softmax_cross_entropy_forward(Z, T)
    S = np.exp(log_softmax(Z))
    return L, (U, H, S)


def network_backward(params, X, T, saved):
    """Each layer's backward in reverse; no dX for the data (one product fewer)."""
    U, H, S = saved
    dZ = softmax_cross_entropy_backward(1.0, S=S, T=T)
    dH, dW2, db2 = linear_backward(dZ, H, params["W2"])
    dU = relu_backward(dH, U)
    dW1 = X.T @ dU
    db1 = dU.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --8<-- [end:network]


# --8<-- [start:cost]
def multiply_adds(N, D, M, C):
    """Multiply-adds in the matrix products, forward and backward."""
    return {
        "linear": (N * D * M, 2 * N * D * M),
        "MLP": (N * (D * M + M * C), N * (D * M + 2 * M * C)),
    }


# --8<-- [end:cost]


def setup(rng, N, D, M, C):
    X = rng.standard_normal((N, D))
    T = np.eye(C)[rng.integers(0, C, N)]
    params = {
        "W1": rng.standard_normal((D, M)) * np.sqrt(2.0 / D),
        "b1": 0.1 * rng.standard_normal(M),
        "W2": rng.standard_normal((M, C)) * np.sqrt(1.0 / M),
        "b2": np.zeros(C),
    }
    return X, T, params


# --8<-- [start:timing]
def time_forward_backward(clock, N=64, D=256, M=256, C=10, repeat=25, seed=0):
    """{model: (forward seconds, backward seconds)}, each the fastest of `repeat`.

    clock() returns seconds (time.perf_counter). Forward and backward alternate,
    so both see the same load on the machine.
    """
    rng = np.random.default_rng(seed)
    X, T, params = setup(rng, N, D, M, C)
    W, b = params["W1"], params["b1"]
    dY = rng.standard_normal((N, M))
    saved = network_forward(params, X, T)[1]
    pairs = {
        "linear": (
            lambda: linear_forward(X, W, b),
            lambda: linear_backward(dY, X, W),
        ),
        "MLP": (
            lambda: network_forward(params, X, T),
            lambda: network_backward(params, X, T, saved),
        ),
    }
    best = {name: [np.inf, np.inf] for name in pairs}
    for _ in range(repeat):
        for name, fns in pairs.items():
            for k, fn in enumerate(fns):
                start = clock()
                fn()
                best[name][k] = min(best[name][k], clock() - start)
    return {name: tuple(t) for name, t in best.items()}


# --8<-- [end:timing]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(0)
    N, D, M, C = 8, 5, 5, 3  # a square W1 on purpose: dY @ W would run too
    X, T, params = setup(rng, N, D, M, C)
    W, b = params["W1"], params["b1"]
    for i, V in enumerate((X, W, b)):  # the linear layer: the dot-product test
        f = (
            lambda X_: linear_forward(X_, W, b),
            lambda W_: linear_forward(X, W_, b),
            lambda b_: linear_forward(X, W, b_),
        )[i]
        check_vjp(f, lambda dY_, i=i: linear_backward(dY_, X, W)[i], V, rng)
    grads = network_backward(params, X, T, network_forward(params, X, T)[1])
    for name, V in params.items():  # the MLP: finite differences of its loss
        check_gradient(
            grads[name],
            lambda V_, name=name: network_forward({**params, name: V_}, X, T)[0],
            V,
        )
    print("linear layer and MLP backward passes: checked")
    #> linear layer and MLP backward passes: checked
    for name, (fwd, bwd) in multiply_adds(N=64, D=256, M=256, C=10).items():
        print(
            f"{name}: forward {fwd:,}, backward {bwd:,} multiply-adds: {bwd / fwd:.2f}x"
        )
    #> linear: forward 4,194,304, backward 8,388,608 multiply-adds: 2.00x
    #> MLP: forward 4,358,144, backward 4,521,984 multiply-adds: 1.04x
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
