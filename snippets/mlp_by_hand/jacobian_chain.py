"""Contracting dZ with the full Jacobians of Z = H W2 + b2, H = relu(A), A = X W1 + b1.

The layer Jacobians have shapes (N, K, N, M), (N, M, N, M), (N, M, D, M), ...;
contracting the upstream gradient through them, one layer at a time, gives
exactly the gradients of the vectorised backward pass.
"""

import numpy as np

from gradcheck import check_jacobian, vjp_from_jacobian
from snippets.mlp_by_hand.two_layer_mlp import backward, forward, init_params


# --8<-- [start:jacobian]
def jac_A_wrt_W1(X, M):
    """dA_nm / dW1_ij = X_ni delta_mj, shape (N, M, D, M)."""
    return np.einsum("ni,mj->nmij", X, np.eye(M))


def jac_A_wrt_b1(N, M):
    """dA_nm / db1_j = delta_mj for every n, shape (N, M, M)."""
    return np.einsum("n,mj->nmj", np.ones(N), np.eye(M))


def jac_H_wrt_A(A):
    """dH_nm / dA_pj = delta_np delta_mj [A_nm > 0], shape (N, M, N, M)."""
    N, M = A.shape
    mask = (A > 0).astype(float)
    return np.einsum("np,mj,nm->nmpj", np.eye(N), np.eye(M), mask)


def jac_Z_wrt_H(W2, N):
    """dZ_nk / dH_pj = delta_np W2_jk, shape (N, K, N, M)."""
    return np.einsum("np,jk->nkpj", np.eye(N), W2)


def jac_Z_wrt_W2(H, K):
    """dZ_nk / dW2_ij = H_ni delta_kj, shape (N, K, M, K)."""
    return np.einsum("ni,kj->nkij", H, np.eye(K))


def jac_Z_wrt_b2(N, K):
    """dZ_nk / db2_j = delta_kj for every n, shape (N, K, K)."""
    return np.einsum("n,kj->nkj", np.ones(N), np.eye(K))


# --8<-- [end:jacobian]


def main():
    rng = np.random.default_rng(1)
    N, D, M, K = 4, 2, 5, 3
    X = rng.standard_normal((N, D))
    Y = np.eye(K)[rng.integers(0, K, size=N)]
    p = init_params(rng, D, M, K)
    p["b1"] = 0.1 * rng.standard_normal(M)  # off the ReLU kink
    _, cache = forward(p, X, Y)
    _, _, A, H, P = cache

    # --8<-- [start:check_layers]
    J_ZW2, J_Zb2 = jac_Z_wrt_W2(H, K), jac_Z_wrt_b2(N, K)
    J_ZH, J_HA = jac_Z_wrt_H(p["W2"], N), jac_H_wrt_A(A)
    J_AW1, J_Ab1 = jac_A_wrt_W1(X, M), jac_A_wrt_b1(N, M)
    layers = [("dZ/dW2", J_ZW2), ("dZ/dH", J_ZH), ("dH/dA", J_HA), ("dA/dW1", J_AW1)]
    for name, J in layers:
        print(f"{name:6} shape {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    #> dZ/dW2 shape (4, 3, 5, 3): 30 of 180 non-zero
    #> dZ/dH  shape (4, 3, 4, 5): 60 of 240 non-zero
    #> dH/dA  shape (4, 5, 4, 5): 10 of 400 non-zero
    #> dA/dW1 shape (4, 5, 2, 5): 40 of 200 non-zero
    check_jacobian(J_ZW2, lambda W: H @ W + p["b2"], p["W2"])  # central differences
    check_jacobian(J_Zb2, lambda b: H @ p["W2"] + b, p["b2"])
    check_jacobian(J_ZH, lambda H_: H_ @ p["W2"] + p["b2"], H)
    check_jacobian(J_HA, lambda A_: np.maximum(A_, 0.0), A)
    check_jacobian(J_AW1, lambda W: X @ W + p["b1"], p["W1"])
    check_jacobian(J_Ab1, lambda b: X @ p["W1"] + b, p["b1"])
    # --8<-- [end:check_layers]

    # --8<-- [start:check]
    dZ = (P - Y) / N  # dL/dZ, shape (N, K): the one gradient we start from
    dW2 = vjp_from_jacobian(dZ, J_ZW2)  # tensordot over the axes (n, k)
    db2 = vjp_from_jacobian(dZ, J_Zb2)
    dH = vjp_from_jacobian(dZ, J_ZH)  # (N, M): never a Jacobian, a gradient
    dA = vjp_from_jacobian(dH, J_HA)
    dW1 = vjp_from_jacobian(dA, J_AW1)
    db1 = vjp_from_jacobian(dA, J_Ab1)
    grads = backward(p, cache)
    for name, g in [("W1", dW1), ("b1", db1), ("W2", dW2), ("b2", db2)]:
        np.testing.assert_allclose(grads[name], g, rtol=1e-12, atol=1e-15)
    print("contractions == vectorised backward for W1, b1, W2, b2: True")
    #> contractions == vectorised backward for W1, b1, W2, b2: True
    # --8<-- [end:check]

    # --8<-- [start:compose]
    J_HW1 = np.tensordot(J_HA, J_AW1, axes=2)  # dH/dW1 (N, M, D, M): input end first
    J_ZW1 = np.tensordot(J_ZH, J_HW1, axes=2)
    print(f"dZ/dW1 composed first: shape {J_ZW1.shape}, {J_ZW1.size} entries")
    #> dZ/dW1 composed first: shape (4, 3, 2, 5), 120 entries
    np.testing.assert_allclose(vjp_from_jacobian(dZ, J_ZW1), dW1, rtol=1e-12)

    def Z_of_W1(W):  # the network's logits as a function of W1 alone
        return np.maximum(X @ W + p["b1"], 0.0) @ p["W2"] + p["b2"]

    check_jacobian(J_ZW1, Z_of_W1, p["W1"])  # central differences
    print("same dW1 whichever end the chain is contracted from: True")
    #> same dW1 whichever end the chain is contracted from: True
    # --8<-- [end:compose]


if __name__ == "__main__":
    main()
