"""LayerNorm: dX = rho (dX_hat - mean_d dX_hat - X_hat mean_d(dX_hat X_hat)), row by row."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def layernorm_forward(X, gamma, beta, eps=1e-5):
    """X (..., D), gamma (D,), beta (D,) -> Y (..., D): each row over the last axis."""
    mu = X.mean(axis=-1, keepdims=True)  # (..., 1): one mean per row
    nu = X.var(axis=-1, keepdims=True)  # (..., 1): the variance with 1/D
    rho = 1.0 / np.sqrt(nu + eps)  # (..., 1): one inverse deviation per row
    X_hat = (X - mu) * rho
    Y = gamma * X_hat + beta  # gamma and beta broadcast along every leading axis
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def layernorm_jacobians(X, gamma, eps=1e-5):
    """dY/dX (N, D, N, D), dY/dgamma (N, D, D), dY/dbeta (N, D, D), X of shape (N, D).

    J_X[n, d, p, q] = delta_np gamma_d rho_n (delta_dq - 1/D - X_hat_nd X_hat_nq / D)
    """
    N, D = X.shape
    rho = 1.0 / np.sqrt(X.var(axis=1) + eps)  # (N,)
    X_hat = (X - X.mean(axis=1, keepdims=True)) * rho[:, None]
    # one (D, D) standardisation Jacobian per row: identity minus two rank-one terms
    blocks = np.eye(D) - 1.0 / D - np.einsum("nd,nq->ndq", X_hat, X_hat) / D
    blocks = np.einsum("d,n,ndq->ndq", gamma, rho, blocks)
    J_X = np.einsum("np,ndq->ndpq", np.eye(N), blocks)  # rows do not mix: delta_np
    J_gamma = np.einsum("dq,nd->ndq", np.eye(D), X_hat)  # delta_dq X_hat_nd
    J_beta = np.einsum("dq,n->ndq", np.eye(D), np.ones(N))  # delta_dq
    return J_X, J_gamma, J_beta


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def layernorm_backward(dY, X, gamma, eps=1e-5):
    """dY (..., D) -> dX (..., D), dgamma (D,), dbeta (D,); recomputes mu and rho."""
    D = X.shape[-1]
    rho = 1.0 / np.sqrt(X.var(axis=-1, keepdims=True) + eps)
    X_hat = (X - X.mean(axis=-1, keepdims=True)) * rho
    dX_hat = dY * gamma
    dX = rho * (
        dX_hat
        - dX_hat.mean(axis=-1, keepdims=True)  # from the mean
        - X_hat * (dX_hat * X_hat).mean(axis=-1, keepdims=True)  # from the variance
    )
    dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)  # summed over every leading axis
    dbeta = dY.reshape(-1, D).sum(axis=0)
    return dX, dgamma, dbeta


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, D = 3, 4  # small: the full Jacobian
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma, beta = rng.standard_normal(D), rng.standard_normal(D)
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:jacobian_check]
    J_X, J_gamma, J_beta = layernorm_jacobians(X, gamma)
    print(f"dY/dX {J_X.shape}: non-zero {np.count_nonzero(J_X)} of {J_X.size}")
    #> dY/dX (3, 4, 3, 4): non-zero 48 of 144
    check_jacobian(J_X, lambda X_: layernorm_forward(X_, gamma, beta), X)
    check_jacobian(J_gamma, lambda g_: layernorm_forward(X, g_, beta), gamma)
    check_jacobian(J_beta, lambda b_: layernorm_forward(X, gamma, b_), beta)
    print("the three Jacobians == finite differences: True")
    #> the three Jacobians == finite differences: True
    # --8<-- [end:jacobian_check]
    # --8<-- [start:check]
    dX, dgamma, dbeta = layernorm_backward(dY, X, gamma)
    for dV, J in ((dX, J_X), (dgamma, J_gamma), (dbeta, J_beta)):
        np.testing.assert_allclose(dV, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    print("dX, dgamma, dbeta == dY contracted with each Jacobian: True")
    #> dX, dgamma, dbeta == dY contracted with each Jacobian: True
    np.testing.assert_allclose(dX.sum(axis=-1), 0.0, atol=1e-14)  # J 1 = 0, row by row
    # llm.c's GPT-2 training: (B, T, C) = (4, 64, 768), in site letters (N, K, D)
    X = 1.0 + 2.0 * rng.standard_normal((4, 64, 768))
    gamma, beta = rng.standard_normal(768), rng.standard_normal(768)
    one_input = (
        lambda X_: layernorm_forward(X_, gamma, beta),
        lambda g_: layernorm_forward(X, g_, beta),
        lambda b_: layernorm_forward(X, gamma, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, gamma, beta), strict=True)):
        check_vjp(f, lambda dY_, i=i: layernorm_backward(dY_, X, gamma)[i], V, rng)
    print(f"X {X.shape}: dot-product test passed for X, gamma and beta: True")
    #> X (4, 64, 768): dot-product test passed for X, gamma and beta: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
