"""With a as a (3, 1) column, the same derivatives gain size-1 axes: db/dW is (3, 1, 3, 3)."""

import numpy as np

from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian
from snippets.matrix_vector.jacobian_wrt_w import jacobian_wrt_W


# --8<-- [start:forward]
def forward(W, a_col):
    """b = W a with a_col (3, 1): b has shape (3, 1)."""
    return W @ a_col


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W_col(W, a_col):
    """J[i, 0, j, k] = db_i0 / dW_jk = delta_ij a_k0: shape (3, 1) + (3, 3)."""
    m = W.shape[0]
    return np.einsum("ij,kz->izjk", np.eye(m), a_col)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g_col, W, a_col):
    """g_col = dL/db (3, 1) -> dW (3, 3), da (3, 1): plain matrix products."""
    dW = g_col @ a_col.T  # (3, 1) @ (1, 3): the outer product as a matrix product
    da = W.T @ g_col  # (3, 3) @ (3, 1)
    return dW, da


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    W = rng.standard_normal((3, 3))
    a = rng.standard_normal(3)
    g = rng.standard_normal(3)
    a_col, g_col = a.reshape(3, 1), g.reshape(3, 1)
    # --8<-- [start:check]
    J = jacobian_wrt_W_col(W, a_col)
    print(f"db/dW for a column a: {J.shape}")
    #> db/dW for a column a: (3, 1, 3, 3)
    check_jacobian(J, lambda W_: forward(W_, a_col), W)
    same = np.array_equal(J[:, 0], jacobian_wrt_W(W, a))
    print(f"the same 27 numbers as the (3, 3, 3) tensor: {same}")
    #> the same 27 numbers as the (3, 3, 3) tensor: True
    dW, da = backward(g_col, W, a_col)
    assert np.allclose(vjp_from_jacobian(g_col, J), dW)  # contract over both b axes
    check_gradient(dW, lambda W_: np.sum(g_col * forward(W_, a_col)), W)
    check_gradient(da, lambda a_: np.sum(g_col * forward(W, a_)), a_col)
    print(f"dW {dW.shape} == outer(g, a): {np.allclose(dW, np.outer(g, a))}")
    #> dW (3, 3) == outer(g, a): True
    print(f"da {da.shape} holds W.T @ g: {np.allclose(da[:, 0], W.T @ g)}")
    #> da (3, 1) holds W.T @ g: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    wrong = g * a_col  # 1-D g times column a: broadcasts to (3, 3), no error
    print(f"g * a_col has shape {wrong.shape}")
    #> g * a_col has shape (3, 3)
    print(f"it is outer(a, g), the transpose of dW: {np.allclose(wrong, dW.T)}")
    #> it is outer(a, g), the transpose of dW: True
    assert not np.allclose(wrong, dW)
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
