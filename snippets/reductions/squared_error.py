"""For L = sum_nd (Y_nd - T_nd)^2, dL/dY_pe = 2 (Y_pe - T_pe): dY = g * 2 * (Y - T)."""

import numpy as np

from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def forward(Y, T):
    """L = sum_n sum_d (Y_nd - T_nd)^2: a scalar; Y, T of shape (N, D)."""
    return np.sum((Y - T) ** 2)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(Y, T):
    """dL/dY by the chain rule: Q = (Y - T)^2 elementwise, then L = sum(Q)."""
    N, D = Y.shape
    residual = Y - T
    # dQ_nd / dY_pe = 2 residual_nd delta_np delta_de: shape (N, D, N, D), diagonal
    J_square = np.einsum("nd,np,de->ndpe", 2.0 * residual, np.eye(N), np.eye(D))
    J_sum = np.ones((N, D))  # dL / dQ_nd = 1: shape () + (N, D)
    return np.tensordot(J_sum, J_square, axes=2)  # shape () + (N, D) = (N, D)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g, Y, T):
    """dY = g * 2 (Y - T), shape (N, D); g = dLoss/dL is 1 when L is the loss."""
    return g * 2 * (Y - T)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(15)
    N, D = 3, 2
    Y = rng.standard_normal((N, D))
    T = rng.standard_normal((N, D))
    # --8<-- [start:check]
    J = jacobian(Y, T)
    print(f"dL/dY: shape {J.shape}, the shape of Y")
    #> dL/dY: shape (3, 2), the shape of Y
    dY = backward(1.0, Y, T)
    np.testing.assert_allclose(dY, J, rtol=1e-12)
    check_gradient(dY, lambda Y_: forward(Y_, T), Y)  # central differences
    check_vjp(lambda Y_: forward(Y_, T), lambda v: backward(v, Y, T), Y, rng)
    print("2 (Y - T) == chain through the full Jacobian == finite differences: True")
    #> 2 (Y - T) == chain through the full Jacobian == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
