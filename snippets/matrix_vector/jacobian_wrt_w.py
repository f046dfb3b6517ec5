"""For b = W a, db/dW is the (3, 3, 3) tensor with db_i/dW_jk = delta_ij a_k."""

import numpy as np
from gradcheck import check_jacobian


# --8<-- [start:forward]
def matvec_forward(W, a):
    """b_i = sum_k W_ik a_k: W (3, 3), a (3,), b (3,)."""
    b = W @ a
    return b


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W(W, a):
    """J[i, j, k] = db_i / dW_jk = delta_ij a_k, shape b.shape + W.shape."""
    M = W.shape[0]  # W is (M, D): outputs x inputs
    delta = np.eye(M)  # delta[i, j] = 1 if i == j else 0
    return np.einsum("ij,k->ijk", delta, a)  # shape (M, M, D)


# --8<-- [end:jacobian]


def jacobian_wrt_W_loops(W, a):
    """The same tensor, one entry at a time, straight from the definition."""
    M, D = W.shape
    J = np.zeros((M, M, D))
    for i in range(M):
        for j in range(M):
            for k in range(D):
                J[i, j, k] = a[k] if i == j else 0.0
    return J


def main():
    rng = np.random.default_rng(0)
    W = rng.standard_normal((3, 3))
    a = rng.standard_normal(3)
    # --8<-- [start:check]
    J = jacobian_wrt_W(W, a)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (3, 3, 3), non-zero entries 9 of 27
    np.testing.assert_array_equal(J, jacobian_wrt_W_loops(W, a))
    check_jacobian(J, lambda W_: matvec_forward(W_, a), W)  # central differences
    for i in range(3):  # slice i: how b_i moves with each W_jk
        assert np.array_equal(J[i, i], a) and not np.any(np.delete(J[i], i, axis=0))
    print("slice J[i] holds a in row i and zeros elsewhere: True")
    #> slice J[i] holds a in row i and zeros elsewhere: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
