"""RMSNorm: dX = rho (dX_hat - X_hat mean_d(dX_hat X_hat)), with no term from a mean."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def rmsnorm_forward(X, gamma, eps=1e-5):
    """X (..., D), gamma (D,) -> Y (..., D): each row over its root mean square."""
    psi = np.mean(X**2, axis=-1, keepdims=True)  # (..., 1): the mean square
    rho = 1.0 / np.sqrt(psi + eps)  # eps inside the root, as in PyTorch's RMSNorm
    X_hat = X * rho
    Y = gamma * X_hat  # no beta
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def rmsnorm_jacobian_X(X, gamma, eps=1e-5):
    """dY/dX (N, D, N, D) = delta_np gamma_d rho_n (delta_dq - X_hat_nd X_hat_nq / D)."""
    N, D = X.shape
    rho = 1.0 / np.sqrt(np.mean(X**2, axis=1) + eps)  # (N,)
    X_hat = X * rho[:, None]
    blocks = np.eye(D) - np.einsum("nd,nq->ndq", X_hat, X_hat) / D  # one rank-one
    blocks = np.einsum("d,n,ndq->ndq", gamma, rho, blocks)
    return np.einsum("np,ndq->ndpq", np.eye(N), blocks)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def rmsnorm_backward(dY, X, gamma, eps=1e-5):
    """dY (..., D) -> dX (..., D), dgamma (D,); rho is recomputed."""
    D = X.shape[-1]
    rho = 1.0 / np.sqrt(np.mean(X**2, axis=-1, keepdims=True) + eps)
    X_hat = X * rho
    dX_hat = dY * gamma
    dX = rho * (dX_hat - X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True))
    dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)
    return dX, dgamma


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    N, D, eps = 3, 4, 1e-5
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma = rng.standard_normal(D)
    dY = rng.standard_normal((N, D))
    # --8<-- [start:check]
    J = rmsnorm_jacobian_X(X, gamma, eps)
    print(f"dY/dX {J.shape}: non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dX (3, 4, 3, 4): non-zero 48 of 144
    check_jacobian(J, lambda X_: rmsnorm_forward(X_, gamma, eps), X)
    dX, dgamma = rmsnorm_backward(dY, X, gamma, eps)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    X_hat = X / np.sqrt(np.mean(X**2, axis=1, keepdims=True) + eps)
    np.testing.assert_allclose(dgamma, (dY * X_hat).sum(axis=0), rtol=1e-12)
    print("dX == dY contracted with dY/dX == finite differences: True")
    #> dX == dY contracted with dY/dX == finite differences: True
    X = 1.0 + 2.0 * rng.standard_normal((4, 64, 768))  # (N, K, D), llm.c's (B, T, C)
    gamma = rng.standard_normal(768)
    check_vjp(
        lambda X_: rmsnorm_forward(X_, gamma, eps),
        lambda dY_: rmsnorm_backward(dY_, X, gamma, eps)[0],
        X,
        rng,
    )
    check_vjp(
        lambda g_: rmsnorm_forward(X, g_, eps),
        lambda dY_: rmsnorm_backward(dY_, X, gamma, eps)[1],
        gamma,
        rng,
    )
    print(f"X {X.shape}: dot-product test passed for X and gamma: True")
    #> X (4, 64, 768): dot-product test passed for X and gamma: True
    # --8<-- [end:check]
    # --8<-- [start:staged]
    dY = rng.standard_normal(X.shape)
    # the forward's nodes: psi = mean(X^2), rho = (psi + eps)^(-1/2), X_hat = X rho
    psi = np.mean(X**2, axis=-1, keepdims=True)
    rho = (psi + eps) ** -0.5
    dX_hat = dY * gamma  # Y = gamma X_hat
    drho = (dX_hat * X).sum(axis=-1, keepdims=True)  # X_hat = X rho, rho broadcast
    dpsi = -0.5 * (psi + eps) ** -1.5 * drho  # rho = (psi + eps)^(-1/2)
    dX_staged = dX_hat * rho + dpsi * 2.0 * X / X.shape[-1]  # two paths into X
    dX, _ = rmsnorm_backward(dY, X, gamma, eps)
    np.testing.assert_allclose(dX_staged, dX, rtol=1e-10, atol=1e-12)
    print("staged dX (psi, rho, product, one node at a time) == compact dX: True")
    #> staged dX (psi, rho, product, one node at a time) == compact dX: True
    # --8<-- [end:staged]


if __name__ == "__main__":
    main()
