"""For b = W a with W (2, 3): db/dW is (2, 2, 3), db_i/dW_jk = delta_ij a_k, dW = db a^T."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def matvec_forward(W, a):
    """b_i = sum_k W_ik a_k: W (M, D) = (2, 3), a (D,) = (3,), b (M,) = (2,)."""
    b = W @ a
    return b


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W(W, a):
    """J[i, j, k] = db_i / dW_jk = delta_ij a_k: shape b.shape + W.shape = (M, M, D)."""
    M = W.shape[0]  # W is (M, D), outputs x inputs: M rows
    delta = np.eye(M)  # i (axis 0, b's entry) and j (axis 1, W's row) both run to M
    return np.einsum("ij,k->ijk", delta, a)  # k (axis 2, W's column) runs to D


def jacobian_wrt_W_slices(W, a):
    """The same tensor, slice by slice: slice i is zero except its row i, which is a."""
    b = matvec_forward(W, a)
    J = np.zeros(b.shape + W.shape)  # output shape + input shape: (2,) + (2, 3)
    for i in range(len(b)):
        J[i, i, :] = a  # b_i moves only with row i of W, at rates a_1, ..., a_D
    return J


def jacobian_wrt_a(W, a):
    """J[i, k] = db_i / da_k = W_ik: shape b.shape + a.shape = (M, D), W itself."""
    return W.copy()


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def matvec_backward(db, W, a):
    """Given db = dL/db (M,), return dW = dL/dW (M, D) and da = dL/da (D,)."""
    dW = np.outer(db, a)  # dW_jk = db_j a_k: (M, D), the shape of W
    da = W.T @ db  # da_k = sum_i W_ik db_i: (D,), the shape of a
    return dW, da


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    W = rng.standard_normal((2, 3))  # M = 2 outputs, D = 3 inputs
    a = rng.standard_normal(3)
    db = rng.standard_normal(2)  # the upstream gradient dL/db
    # --8<-- [start:check]
    J = jacobian_wrt_W(W, a)
    print(f"db/dW: {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> db/dW: (2, 2, 3), non-zero entries 6 of 12
    np.testing.assert_array_equal(jacobian_wrt_W_slices(W, a), J)
    check_jacobian(J, lambda W_: matvec_forward(W_, a), W)  # central differences
    check_jacobian(jacobian_wrt_a(W, a), lambda a_: matvec_forward(W, a_), a)
    moved = np.flatnonzero(J[:, 1, 2])  # the outputs that W_23 (index [1, 2]) moves
    assert moved.tolist() == [1] and J[1, 1, 2] == a[2]
    print(f"J[:, 1, 2]: W_23 moves b_{moved[0] + 1} only, at rate a_3: True")
    #> J[:, 1, 2]: W_23 moves b_2 only, at rate a_3: True
    dW, da = matvec_backward(db, W, a)
    dW_full = vjp_from_jacobian(db, J)  # sum_i db_i J[i, j, k]: over axis 0, b's axis
    da_full = vjp_from_jacobian(db, jacobian_wrt_a(W, a))  # sum_i db_i W[i, k]
    np.testing.assert_allclose(dW_full, dW)
    np.testing.assert_allclose(da_full, da)
    outer = np.allclose(dW_full, np.outer(db, a))
    print(f"dW {dW_full.shape} == np.outer(db, a): {outer}")
    #> dW (2, 3) == np.outer(db, a): True
    print(f"da {da_full.shape} == W.T @ db: {np.allclose(da_full, W.T @ db)}")
    #> da (3,) == W.T @ db: True
    check_gradient(dW, lambda W_: db @ matvec_forward(W_, a), W)
    check_gradient(da, lambda a_: db @ matvec_forward(W, a_), a)
    print("dW and da match finite differences of L = db . (W a): True")
    #> dW and da match finite differences of L = db . (W a): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
