"""Contracting db = dL/db with db/dW and db/da gives dW = db a^T and da = W^T db."""

import numpy as np
from gradcheck import check_gradient, vjp_from_jacobian


def matvec_forward(W, a):
    """b_i = sum_k W_ik a_k: W (3, 3), a (3,), b (3,)."""
    b = W @ a
    return b


def jacobian_wrt_W(W, a):
    """db_i / dW_jk = delta_ij a_k: shape (3, 3, 3)."""
    return np.einsum("ij,k->ijk", np.eye(W.shape[0]), a)


def jacobian_wrt_a(W, a):
    """db_i / da_k = W_ik: shape (3, 3)."""
    return W.copy()


# --8<-- [start:backward]
def matvec_backward(db, W, a):
    """Given db = dL/db (3,), return dW = dL/dW (3, 3) and da = dL/da (3,)."""
    dW = np.outer(db, a)  # dW_jk = db_j a_k
    da = W.T @ db  # da_k = sum_i W_ik db_i
    return dW, da


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    W = rng.standard_normal((3, 3))
    a = rng.standard_normal(3)
    db = rng.standard_normal(3)  # the upstream gradient dL/db
    # --8<-- [start:contract]
    dW_full = vjp_from_jacobian(db, jacobian_wrt_W(W, a))  # sum_i db_i J[i, j, k]
    da_full = vjp_from_jacobian(db, jacobian_wrt_a(W, a))  # sum_i db_i W[i, k]
    dW, da = matvec_backward(db, W, a)
    print(f"dW {dW_full.shape} == np.outer(db, a): {np.allclose(dW_full, dW)}")
    #> dW (3, 3) == np.outer(db, a): True
    print(f"da {da_full.shape} == W.T @ db: {np.allclose(da_full, da)}")
    #> da (3,) == W.T @ db: True
    # --8<-- [end:contract]
    # --8<-- [start:check]
    # A loss with this upstream gradient: L = db . b, so dL/db = db exactly.
    check_gradient(dW, lambda W_: db @ matvec_forward(W_, a), W)
    check_gradient(da, lambda a_: db @ matvec_forward(W, a_), a)
    print("dW and da match finite differences of L = db . (W a): True")
    #> dW and da match finite differences of L = db . (W a): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
