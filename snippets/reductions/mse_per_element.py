"""For L = mean over all N*D entries of (Y - T)^2, dY = 2 (Y - T) / (N D)."""

import numpy as np

from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def forward(Y, T):
    """L = 1/(N D) sum_nd (Y_nd - T_nd)^2: np.mean, torch's MSELoss default."""
    return np.mean((Y - T) ** 2)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(Y, T):
    """dL/dY_pe = sum_nd 1/(N D) 2 (Y_nd - T_nd) delta_np delta_de: shape (N, D)."""
    N, D = Y.shape
    J_square = np.einsum("nd,np,de->ndpe", 2.0 * (Y - T), np.eye(N), np.eye(D))
    J_mean = np.full((N, D), 1.0 / (N * D))  # dL/dQ_nd for L = mean(Q)
    return np.tensordot(J_mean, J_square, axes=2)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g, Y, T):
    """dY = g * 2 (Y - T) / (N D): the mean's 1/(N D) lands on every entry."""
    return g * 2 * (Y - T) / Y.size


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(16)
    N, D = 4, 3
    Y = rng.standard_normal((N, D))
    T = rng.standard_normal((N, D))
    # --8<-- [start:check]
    dY = backward(1.0, Y, T)
    np.testing.assert_allclose(dY, jacobian(Y, T), rtol=1e-12)
    check_gradient(dY, lambda Y_: forward(Y_, T), Y)  # central differences
    check_vjp(lambda Y_: forward(Y_, T), lambda v: backward(v, Y, T), Y, rng)
    print(f"dY = 2 (Y - T) / {Y.size}: matches the Jacobian and finite differences")
    #> dY = 2 (Y - T) / 12: matches the Jacobian and finite differences
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
