"""Y = softmax(Q K^T / sqrt(D_head)) V: dV = S^T dY, dZ = S * (dS - rowsum(dS * S)), dQ, dK."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def attention_weights(Q, K, mask=None):
    """S = softmax(Z) row by row, Z = Q K^T / sqrt(D_head): shape (..., T, T).

    mask: boolean, True where query i may attend to key j, broadcast to (..., T, T).
    A row with no allowed key gets S = 0 (PyTorch's SDPA does the same), not 0/0.
    """
    D_head = Q.shape[-1]
    Z = Q @ np.swapaxes(K, -1, -2) / np.sqrt(D_head)  # scores, (..., T, T)
    if mask is not None:
        Z = np.where(mask, Z, -np.inf)  # before the softmax, never after
    zhat = np.max(Z, axis=-1, keepdims=True)  # the max shift of each row
    zhat = np.where(np.isfinite(zhat), zhat, 0.0)  # no key allowed: shift 0
    E = np.exp(Z - zhat)  # exp(-inf) = 0 at masked entries
    omega = np.sum(E, axis=-1, keepdims=True)  # 0 only if no key allowed
    S = E / np.where(omega > 0, omega, 1.0)  # that row: 0 / 1 = 0, not 0 / 0
    return S


def attention_forward(Q, K, V, mask=None):
    """Y = S V: queries, keys (..., T, D_head), values (..., T, D_head) -> Y."""
    S = attention_weights(Q, K, mask)
    Y = S @ V  # Y_id = sum_j S_ij V_jd
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def attention_jacobians(Q, K, V, mask=None):
    """dY/dQ, dY/dK, dY/dV of one head (T, D_head), each (T, D_head, T, D_head)."""
    T, D_head = Q.shape
    S = attention_weights(Q, K, mask)
    Y = S @ V
    eye_T, eye_D = np.eye(T), np.eye(D_head)
    # dY_id/dV_pr = S_ip delta_dr
    J_V = np.einsum("ip,dr->idpr", S, eye_D)
    # dY_id/dQ_pr = delta_ip (sum_j S_ij V_jd K_jr - Y_id sum_k S_ik K_kr) / sqrt(D_h)
    inner = np.einsum("ij,jd,jr->idr", S, V, K) - np.einsum("id,ir->idr", Y, S @ K)
    J_Q = np.einsum("ip,idr->idpr", eye_T, inner) / np.sqrt(D_head)
    # dY_id/dK_pr = S_ip (V_pd - Y_id) Q_ir / sqrt(D_head)
    V_minus_Y = V[None, :, :] - Y[:, None, :]  # [i, p, d] = V_pd - Y_id
    J_K = np.einsum("ip,ipd,ir->idpr", S, V_minus_Y, Q) / np.sqrt(D_head)
    return J_Q, J_K, J_V


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def attention_backward(dY, Q, K, V, mask=None):
    """dY (..., T, D_head) -> dQ, dK, dV, the shapes of Q, K, V. Recomputes S."""
    D_head = Q.shape[-1]
    S = attention_weights(Q, K, mask)  # recomputed, not saved
    dV = np.swapaxes(S, -1, -2) @ dY  # Y = S V: dV = S^T dY
    dS = dY @ np.swapaxes(V, -1, -2)  # and dS = dY V^T
    dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))  # softmax VJP
    dQ = dZ @ K / np.sqrt(D_head)  # Z = Q K^T / sqrt(D_head)
    dK = np.swapaxes(dZ, -1, -2) @ Q / np.sqrt(D_head)
    return dQ, dK, dV


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    T, D_head = 4, 3  # one head, tiny: the full Jacobians are (4, 3, 4, 3)
    Q, K, V = (rng.standard_normal((T, D_head)) for _ in range(3))
    causal = np.tril(np.ones((T, T), dtype=bool))  # query i sees keys j <= i
    dY = rng.standard_normal((T, D_head))  # a random upstream gradient
    for name, mask in (("no mask", None), ("causal", causal)):
        one_input = (  # Y as a function of Q alone, of K alone, of V alone
            lambda Q_, m=mask: attention_forward(Q_, K, V, m),
            lambda K_, m=mask: attention_forward(Q, K_, V, m),
            lambda V_, m=mask: attention_forward(Q, K, V_, m),
        )
        Js = attention_jacobians(Q, K, V, mask)
        grads = attention_backward(dY, Q, K, V, mask)
        for f, J, X, dX in zip(one_input, Js, (Q, K, V), grads, strict=True):
            check_jacobian(J, f, X)  # J == central differences
            np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), atol=1e-12)
            check_gradient(dX, lambda X_, f=f: np.sum(dY * f(X_)), X)  # L = <dY, Y>
        counts = ", ".join(f"{np.count_nonzero(J)}" for J in Js)
        print(f"{name}: non-zero in dY/dQ, dY/dK, dY/dV: {counts} of {Js[0].size}")
    #> no mask: non-zero in dY/dQ, dY/dK, dY/dV: 36, 144, 48 of 144
    #> causal: non-zero in dY/dQ, dY/dK, dY/dV: 27, 81, 30 of 144
    print(
        "dY contracted with each Jacobian == attention_backward == finite differences"
    )
    #> dY contracted with each Jacobian == attention_backward == finite differences

    # a realistic size, with leading axes (N, N_head) = (2, 4): the dot-product test
    N, N_head, T, D_head = 2, 4, 64, 16
    Q, K, V = (rng.standard_normal((N, N_head, T, D_head)) for _ in range(3))
    causal = np.tril(np.ones((T, T), dtype=bool))
    one_input = (
        lambda Q_: attention_forward(Q_, K, V, causal),
        lambda K_: attention_forward(Q, K_, V, causal),
        lambda V_: attention_forward(Q, K, V_, causal),
    )
    for i, (f, X) in enumerate(zip(one_input, (Q, K, V), strict=True)):
        check_vjp(
            f, lambda dY_, i=i: attention_backward(dY_, Q, K, V, causal)[i], X, rng
        )
    print(f"dot-product test at (N, N_head, T, D_head) = {Q.shape}: passed for Q, K, V")
    #> dot-product test at (N, N_head, T, D_head) = (2, 4, 64, 16): passed for Q, K, V
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
