"""For b = W a, the Jacobian db/da is W itself: db_i/da_k = W_ik."""

import numpy as np
from gradcheck import check_jacobian


# --8<-- [start:forward]
def matvec_forward(W, a):
    """b_i = sum_k W_ik a_k: W (3, 3), a (3,), b (3,)."""
    b = W @ a
    return b


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_a(W, a):
    """J[i, k] = db_i / da_k = sum_l W_il delta_lk = W_ik: shape b.shape + a.shape."""
    D = a.shape[0]
    delta = np.eye(D)  # da_l / da_k = delta_lk
    return np.einsum("il,lk->ik", W, delta)  # = W


# --8<-- [end:jacobian]


def main():
    rng = np.random.default_rng(1)
    W = rng.standard_normal((3, 3))
    a = rng.standard_normal(3)
    # --8<-- [start:check]
    J = jacobian_wrt_a(W, a)
    print(f"db/da has shape {J.shape} and equals W: {np.array_equal(J, W)}")
    #> db/da has shape (3, 3) and equals W: True
    check_jacobian(J, lambda a_: matvec_forward(W, a_), a)  # central differences
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
