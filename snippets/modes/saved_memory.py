"""What the backward pass reads from the forward pass, in bytes per example.

For the MLP U = X W1 + b1, H = max(U, 0), Z = H W2 + b2, S = softmax(Z), the
backward pass reads X (for dW1), the ReLU mask [U > 0], H (for dW2) and S (for
dZ): 8 (D + 2 M + C) bytes an example in float64 if U is kept, 8 (D + M + C) if
the mask is read from H, since [U > 0] = [H > 0]. A JVP keeps nothing: it
carries one layer's value and tangent at a time.
"""

import numpy as np
from gradcheck import check_gradient, human_bytes


# --8<-- [start:forward]
def log_softmax(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


def network_forward(params, X, T):
    """The loss, and the arrays the backward pass will read: X, U, H, S."""
    U = X @ params["W1"] + params["b1"]  # (N, M)
    H = np.maximum(U, 0.0)  # (N, M)
    Z = H @ params["W2"] + params["b2"]  # (N, C)
    L = -np.sum(T * log_softmax(Z)) / X.shape[0]
    S = np.exp(log_softmax(Z))  # (N, C)
    return L, {"X": X, "U": U, "H": H, "S": S}


# --8<-- [end:forward]


# --8<-- [start:saved]
def network_gradients(params, T, saved):
    """The backward pass, reading only `saved` (and the weights, the targets)."""
    X, H, S = saved["X"], saved["H"], saved["S"]
    mask = saved["U"] > 0 if "U" in saved else H > 0  # [U > 0] = [H > 0]
    dZ = (S - T) / X.shape[0]
    dH = dZ @ params["W2"].T
    dU = dH * mask
    return {"W1": X.T @ dU, "b1": dU.sum(0), "W2": H.T @ dZ, "b2": dZ.sum(0)}


def saved_bytes_per_example(D, M, C, keep_U=True):
    """float64 bytes of X, U, H, S for one example (without U: H > 0 is the mask)."""
    return 8 * (D + (2 * M if keep_U else M) + C)


# --8<-- [end:saved]


def main():
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    N, D, M, C = 8, 3, 6, 4
    X, T = rng.standard_normal((N, D)), np.eye(C)[rng.integers(0, C, N)]
    params = {"W1": rng.standard_normal((D, M)), "b1": 0.1 * rng.standard_normal(M)}
    params |= {"W2": rng.standard_normal((M, C)), "b2": np.zeros(C)}
    _, saved = network_forward(params, X, T)
    assert sum(a.nbytes for a in saved.values()) == N * saved_bytes_per_example(D, M, C)
    grads = network_gradients(params, T, saved)
    lean = {k: v for k, v in saved.items() if k != "U"}  # drop U, keep X, H, S
    lean_bytes = N * saved_bytes_per_example(D, M, C, keep_U=False)
    assert sum(a.nbytes for a in lean.values()) == lean_bytes
    for name, V in params.items():
        check_gradient(
            grads[name],
            lambda V_, name=name: network_forward({**params, name: V_}, X, T)[0],
            V,
        )
        np.testing.assert_array_equal(
            network_gradients(params, T, lean)[name], grads[name]
        )
    print("gradients from X, U, H, S == from X, H, S == finite differences: True")
    #> gradients from X, U, H, S == from X, H, S == finite differences: True
    # --8<-- [end:check]
    # --8<-- [start:report]
    N, D, M, C = 256, 784, 1024, 10  # MNIST-sized, as in A network trained by hand
    n_params = D * M + M + M * C + C
    keep = human_bytes(saved_bytes_per_example(D, M, C))
    lean = human_bytes(saved_bytes_per_example(D, M, C, keep_U=False))
    batch = human_bytes(N * saved_bytes_per_example(D, M, C))
    print(f"saved per example: {keep} (X, U, H, S), {lean} (X, H, S)")
    print(f"saved for N = {N}: {batch}; the weights: {human_bytes(8 * n_params)}")
    print(f"a JVP's tangents: one layer's at a time, at most {human_bytes(8 * N * M)}")
    #> saved per example: 22.2 KiB (X, U, H, S), 14.2 KiB (X, H, S)
    #> saved for N = 256: 5.55 MiB; the weights: 6.21 MiB
    #> a JVP's tangents: one layer's at a time, at most 2 MiB
    # --8<-- [end:report]


if __name__ == "__main__":
    main()
