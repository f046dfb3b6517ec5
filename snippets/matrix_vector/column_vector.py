"""With a as a (3, 1) column, the same derivatives gain size-1 axes: db/dW is (3, 1, 3, 3)."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def matvec_col_forward(W, a_col):
    """b = W a with a_col (3, 1): b_col has shape (3, 1)."""
    b_col = W @ a_col
    return b_col


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W_col(W, a_col):
    """J[i, 0, j, k] = db_i0 / dW_jk = delta_ij a_k0: shape (3, 1) + (3, 3)."""
    M = W.shape[0]
    return np.einsum("ij,kz->izjk", np.eye(M), a_col)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def matvec_col_backward(db_col, W, a_col):
    """db_col = dL/db (3, 1) -> dW (3, 3), da_col (3, 1): plain matrix products."""
    dW = db_col @ a_col.T  # (3, 1) @ (1, 3): the outer product as a matrix product
    da_col = W.T @ db_col  # (3, 3) @ (3, 1)
    return dW, da_col


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    W = rng.standard_normal((3, 3))
    a = rng.standard_normal(3)
    db = rng.standard_normal(3)  # the upstream gradient, 1-D
    a_col, db_col = a.reshape(3, 1), db.reshape(3, 1)
    # --8<-- [start:check]
    J = jacobian_wrt_W_col(W, a_col)
    print(f"db/dW for a column a: {J.shape}")
    #> db/dW for a column a: (3, 1, 3, 3)
    check_jacobian(J, lambda W_: matvec_col_forward(W_, a_col), W)
    J_1d = np.einsum("ij,k->ijk", np.eye(3), a)  # the (3, 3, 3) tensor of 1-D a
    same = np.array_equal(J[:, 0], J_1d)
    print(f"the same 27 numbers as the (3, 3, 3) tensor: {same}")
    #> the same 27 numbers as the (3, 3, 3) tensor: True
    dW, da_col = matvec_col_backward(db_col, W, a_col)
    assert np.allclose(vjp_from_jacobian(db_col, J), dW)  # contract over both b axes
    check_gradient(dW, lambda W_: np.sum(db_col * matvec_col_forward(W_, a_col)), W)
    check_gradient(da_col, lambda a_: np.sum(db_col * matvec_col_forward(W, a_)), a_col)
    print(f"dW {dW.shape} == np.outer(db, a): {np.allclose(dW, np.outer(db, a))}")
    #> dW (3, 3) == np.outer(db, a): True
    holds = np.allclose(da_col[:, 0], W.T @ db)
    print(f"da_col {da_col.shape} holds W.T @ db: {holds}")
    #> da_col (3, 1) holds W.T @ db: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    wrong = db * a_col  # 1-D db times column a: broadcasts to (3, 3), no error
    print(f"db * a_col has shape {wrong.shape}")
    #> db * a_col has shape (3, 3)
    print(f"it is np.outer(a, db), the transpose of dW: {np.allclose(wrong, dW.T)}")
    #> it is np.outer(a, db), the transpose of dW: True
    assert not np.allclose(wrong, dW)
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
