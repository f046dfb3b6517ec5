"""Contracting g = dL/db with db/dW and db/da gives dW = g a^T and da = W^T g."""

import numpy as np

from gradcheck import check_gradient, vjp_from_jacobian
from snippets.matrix_vector.jacobian_wrt_a import jacobian_wrt_a
from snippets.matrix_vector.jacobian_wrt_w import forward, jacobian_wrt_W


# --8<-- [start:backward]
def backward(g, W, a):
    """Given g = dL/db (3,), return dW = dL/dW (3, 3) and da = dL/da (3,)."""
    dW = np.outer(g, a)  # dW_jk = g_j a_k
    da = W.T @ g  # da_k = sum_i W_ik g_i
    return dW, da


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    W = rng.standard_normal((3, 3))
    a = rng.standard_normal(3)
    g = rng.standard_normal(3)  # the upstream gradient dL/db
    # --8<-- [start:contract]
    dW_full = vjp_from_jacobian(g, jacobian_wrt_W(W, a))  # sum_i g_i J[i, j, k]
    da_full = vjp_from_jacobian(g, jacobian_wrt_a(W, a))  # sum_i g_i W[i, k]
    dW, da = backward(g, W, a)
    print(f"dW {dW_full.shape} == outer(g, a): {np.allclose(dW_full, dW)}")
    #> dW (3, 3) == outer(g, a): True
    print(f"da {da_full.shape} == W.T @ g: {np.allclose(da_full, da)}")
    #> da (3,) == W.T @ g: True
    # --8<-- [end:contract]
    # --8<-- [start:check]
    # A loss with this upstream gradient: L = g . b, so dL/db = g exactly.
    check_gradient(dW, lambda W_: g @ forward(W_, a), W)
    check_gradient(da, lambda a_: g @ forward(W, a_), a)
    print("dW and da match finite differences of L = g . (W a): True")
    #> dW and da match finite differences of L = g . (W a): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
