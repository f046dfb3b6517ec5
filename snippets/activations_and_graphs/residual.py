"""Residual: Y = X + tanh(X W), dY/dX = I + J_branch, dX = dY + (dY * (1 - H^2)) W^T."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def residual_forward(X, W):
    """Y = X + f(X), f(X) = tanh(X W): the skip path and the branch both read X."""
    H = np.tanh(X @ W)  # the branch, (N, D) @ (D, D): W is square, as Y needs
    Y = X + H
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X, W):
    """dY_nd/dX_pq = delta_np delta_dq (skip) + delta_np (1 - H_nd^2) W_qd (branch)."""
    N, D = X.shape
    H = np.tanh(X @ W)
    J_skip = np.einsum("np,dq->ndpq", np.eye(N), np.eye(D))  # the identity
    J_branch = np.einsum("nd,np,qd->ndpq", 1.0 - H**2, np.eye(N), W)
    return J_skip, J_branch


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def residual_backward(dY, X, W):
    """dX = dY (the skip path, untouched) + the branch's VJP; dW from the branch."""
    H = np.tanh(X @ W)  # recomputed from the saved X
    dU = dY * (1.0 - H**2)  # through tanh; U = X W
    dX = dY + dU @ W.T  # the two uses of X add up
    dW = X.T @ dU
    return dX, dW


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    N, D = 2, 3
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J_skip, J_branch = jacobian(X, W)
    J = J_skip + J_branch
    print(
        f"J = I + J_branch: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}"
    )
    #> J = I + J_branch: shape (2, 3, 2, 3), non-zero 18 of 36
    check_jacobian(J, lambda X_: residual_forward(X_, W), X)  # central differences
    dX, dW = residual_backward(dY, X, W)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    check_gradient(
        dW, lambda W_: np.sum(dY * residual_forward(X, W_)), W
    )  # L = <dY, Y>
    X_big = rng.standard_normal((64, 256))
    W_big = rng.standard_normal((256, 256)) / 16.0
    check_vjp(
        lambda X_: residual_forward(X_, W_big),
        lambda v: residual_backward(v, X_big, W_big)[0],
        X_big,
        rng,
    )
    check_vjp(
        lambda W_: residual_forward(X_big, W_),
        lambda v: residual_backward(v, X_big, W_big)[1],
        W_big,
        rng,
    )
    print("dY + dU W^T == dY contracted with I + J_branch; dot-product tests: True")
    #> dY + dU W^T == dY contracted with I + J_branch; dot-product tests: True
    # --8<-- [end:check]
    # --8<-- [start:depth]
    # 48 blocks with small branch weights, as at initialisation: J_branch is small.
    depth, width = 48, 256
    Ws = [
        0.1 / np.sqrt(width) * rng.standard_normal((width, width)) for _ in range(depth)
    ]
    X0 = rng.standard_normal((4, width))
    dY = rng.standard_normal(X0.shape)
    states = [X0]
    for W_k in Ws:
        states.append(residual_forward(states[-1], W_k))
    dX_res, dX_plain = dY, dY
    for X_k, W_k in zip(reversed(states[:-1]), reversed(Ws), strict=True):
        dX_res = residual_backward(dX_res, X_k, W_k)[0]
        H_k = np.tanh(X_k @ W_k)  # the same branch without the skip: dY (1 - H^2) W^T
        dX_plain = (dX_plain * (1.0 - H_k**2)) @ W_k.T
    ratio_skip = np.linalg.norm(dX_res) / np.linalg.norm(dY)
    ratio_plain = np.linalg.norm(dX_plain) / np.linalg.norm(dY)
    print(f"|dX| / |dY| through {depth} blocks with the skip path: {ratio_skip:.2f}")
    #> |dX| / |dY| through 48 blocks with the skip path: 1.32
    print(f"|dX| / |dY| through the same {depth} branches alone: {ratio_plain:.1e}")
    #> |dX| / |dY| through the same 48 branches alone: 5.3e-49
    # --8<-- [end:depth]


if __name__ == "__main__":
    main()
