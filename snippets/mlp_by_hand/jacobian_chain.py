"""Contracting dZ with the full Jacobians of Z = H W2 + b2, H = relu(U), U = X W1 + b1.

The layer Jacobians have shapes (N, C, N, M), (N, M, N, M), (N, M, D, M), ...;
contracting the upstream gradient through them, one layer at a time, gives
exactly the gradients of the vectorised backward pass.
"""

import numpy as np
from gradcheck import check_jacobian, vjp_from_jacobian


# --8<-- [start:jacobian]
def jac_U_wrt_W1(X, M):
    """dU_nm / dW1_ij = X_ni delta_mj, shape (N, M, D, M)."""
    return np.einsum("ni,mj->nmij", X, np.eye(M))


def jac_U_wrt_b1(N, M):
    """dU_nm / db1_j = delta_mj for every n, shape (N, M, M)."""
    return np.einsum("n,mj->nmj", np.ones(N), np.eye(M))


def jac_H_wrt_U(U):
    """dH_nm / dU_pj = delta_np delta_mj [U_nm > 0], shape (N, M, N, M)."""
    N, M = U.shape
    mask = (U > 0).astype(float)
    return np.einsum("np,mj,nm->nmpj", np.eye(N), np.eye(M), mask)


def jac_Z_wrt_H(W2, N):
    """dZ_nc / dH_pj = delta_np W2_jc, shape (N, C, N, M)."""
    return np.einsum("np,jc->ncpj", np.eye(N), W2)


def jac_Z_wrt_W2(H, C):
    """dZ_nc / dW2_ij = H_ni delta_cj, shape (N, C, M, C)."""
    return np.einsum("ni,cj->ncij", H, np.eye(C))


def jac_Z_wrt_b2(N, C):
    """dZ_nc / db2_j = delta_cj for every n, shape (N, C, C)."""
    return np.einsum("n,cj->ncj", np.ones(N), np.eye(C))


# --8<-- [end:jacobian]


def main():
    rng = np.random.default_rng(1)
    N, D, M, C = 4, 2, 5, 3
    X = rng.standard_normal((N, D))
    T = np.eye(C)[rng.integers(0, C, size=N)]  # one-hot targets
    W1 = rng.standard_normal((D, M)) * np.sqrt(2.0 / D)
    W2 = rng.standard_normal((M, C)) * np.sqrt(1.0 / M)
    b1, b2 = 0.1 * rng.standard_normal(M), np.zeros(C)  # b1 off the ReLU kink
    U = X @ W1 + b1  # the forward pass of two_layer_mlp.py, repeated
    H = np.maximum(U, 0.0)
    Z = H @ W2 + b2
    S = np.exp(Z - Z.max(axis=1, keepdims=True))
    S = S / S.sum(axis=1, keepdims=True)  # softmax, row by row

    # --8<-- [start:check_layers]
    J_ZW2, J_Zb2 = jac_Z_wrt_W2(H, C), jac_Z_wrt_b2(N, C)
    J_ZH, J_HU = jac_Z_wrt_H(W2, N), jac_H_wrt_U(U)
    J_UW1, J_Ub1 = jac_U_wrt_W1(X, M), jac_U_wrt_b1(N, M)
    layers = [("dZ/dW2", J_ZW2), ("dZ/dH", J_ZH), ("dH/dU", J_HU), ("dU/dW1", J_UW1)]
    for name, J in layers:
        print(f"{name:6} shape {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    #> dZ/dW2 shape (4, 3, 5, 3): 30 of 180 non-zero
    #> dZ/dH  shape (4, 3, 4, 5): 60 of 240 non-zero
    #> dH/dU  shape (4, 5, 4, 5): 10 of 400 non-zero
    #> dU/dW1 shape (4, 5, 2, 5): 40 of 200 non-zero
    check_jacobian(J_ZW2, lambda W: H @ W + b2, W2)  # central differences
    check_jacobian(J_Zb2, lambda b: H @ W2 + b, b2)
    check_jacobian(J_ZH, lambda H_: H_ @ W2 + b2, H)
    check_jacobian(J_HU, lambda U_: np.maximum(U_, 0.0), U)
    check_jacobian(J_UW1, lambda W: X @ W + b1, W1)
    check_jacobian(J_Ub1, lambda b: X @ W1 + b, b1)
    # --8<-- [end:check_layers]

    # --8<-- [start:check]
    dZ = (S - T) / N  # dL/dZ, shape (N, C): the one gradient we start from
    dW2 = vjp_from_jacobian(dZ, J_ZW2)  # tensordot over the axes (n, c)
    db2 = vjp_from_jacobian(dZ, J_Zb2)
    dH = vjp_from_jacobian(dZ, J_ZH)  # (N, M): never a Jacobian, a gradient
    dU = vjp_from_jacobian(dH, J_HU)
    dW1 = vjp_from_jacobian(dU, J_UW1)
    db1 = vjp_from_jacobian(dU, J_Ub1)
    vectorised = [  # the backward formulas of two_layer_mlp.py, repeated
        (dW2, H.T @ dZ),
        (db2, dZ.sum(axis=0)),
        (dH, dZ @ W2.T),
        (dU, dH * (U > 0)),
        (dW1, X.T @ dU),
        (db1, dU.sum(axis=0)),
    ]
    for contracted, formula in vectorised:
        np.testing.assert_allclose(contracted, formula, rtol=1e-12, atol=1e-15)
    print("contractions == vectorised formulas for dW2, db2, dH, dU, dW1, db1: True")
    #> contractions == vectorised formulas for dW2, db2, dH, dU, dW1, db1: True
    # --8<-- [end:check]

    # --8<-- [start:compose]
    J_HW1 = np.tensordot(J_HU, J_UW1, axes=2)  # dH/dW1 (N, M, D, M): input end first
    J_ZW1 = np.tensordot(J_ZH, J_HW1, axes=2)
    print(f"dZ/dW1 composed first: shape {J_ZW1.shape}, {J_ZW1.size} entries")
    #> dZ/dW1 composed first: shape (4, 3, 2, 5), 120 entries
    np.testing.assert_allclose(vjp_from_jacobian(dZ, J_ZW1), dW1, rtol=1e-12)
    # the logits as a function of W1 alone, against central differences:
    check_jacobian(J_ZW1, lambda W: np.maximum(X @ W + b1, 0.0) @ W2 + b2, W1)
    print("same dW1 whichever end the chain is contracted from: True")
    #> same dW1 whichever end the chain is contracted from: True
    # --8<-- [end:compose]


if __name__ == "__main__":
    main()
