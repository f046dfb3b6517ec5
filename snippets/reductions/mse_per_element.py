"""For L = mean over all N*M entries of (Y - T)^2, dY = 2 (Y - T) / (N M)."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def mse_forward(Y, T):
    """L = 1/(N M) sum_nm (Y_nm - T_nm)^2: np.mean, torch's MSELoss default."""
    L = np.mean((Y - T) ** 2)
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(Y, T):
    """dL/dY_pq = sum_nm 1/(N M) 2 (Y_nm - T_nm) delta_np delta_mq: shape (N, M)."""
    N, M = Y.shape
    J_square = np.einsum("nm,np,mq->nmpq", 2.0 * (Y - T), np.eye(N), np.eye(M))
    J_mean = np.full((N, M), 1.0 / (N * M))  # dL/du_nm for L = mean(u)
    return np.tensordot(J_mean, J_square, axes=2)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def mse_backward(dL=1.0, *, Y, T):
    """dY = dL * 2 (Y - T) / (N M): the mean's 1/(N M) lands on every entry."""
    dY = dL * 2 * (Y - T) / Y.size
    return dY


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(16)
    N, M = 4, 3
    Y = rng.standard_normal((N, M))
    T = rng.standard_normal((N, M))
    # --8<-- [start:check]
    dY = mse_backward(Y=Y, T=T)  # dL = 1: L is the loss
    np.testing.assert_allclose(dY, jacobian(Y, T), rtol=1e-12)
    check_gradient(dY, lambda Y_: mse_forward(Y_, T), Y)  # central differences
    check_vjp(
        lambda Y_: mse_forward(Y_, T), lambda v: mse_backward(v, Y=Y, T=T), Y, rng
    )
    print(f"dY = 2 (Y - T) / {Y.size}: matches the Jacobian and finite differences")
    #> dY = 2 (Y - T) / 12: matches the Jacobian and finite differences
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
