"""For L = sum_nm (Y_nm - T_nm)^2, dL/dY_pq = 2 (Y_pq - T_pq): dY = 2 (Y - T) dL."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def squared_error_forward(Y, T):
    """L = sum_n sum_m (Y_nm - T_nm)^2: a scalar; Y, T of shape (N, M)."""
    L = np.sum((Y - T) ** 2)
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(Y, T):
    """dL/dY by the chain rule: u = (Y - T)^2 elementwise, then L = sum(u)."""
    N, M = Y.shape
    residual = Y - T
    # du_nm / dY_pq = 2 residual_nm delta_np delta_mq: shape (N, M, N, M), diagonal
    J_square = np.einsum("nm,np,mq->nmpq", 2.0 * residual, np.eye(N), np.eye(M))
    J_sum = np.ones((N, M))  # dL / du_nm = 1: shape () + (N, M)
    return np.tensordot(J_sum, J_square, axes=2)  # shape () + (N, M) = (N, M)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def squared_error_backward(dL=1.0, *, Y, T):
    """dY = dL * 2 (Y - T), shape (N, M); dL = 1 when L is the loss itself."""
    dY = dL * 2 * (Y - T)
    return dY


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(15)
    N, M = 3, 2
    Y = rng.standard_normal((N, M))
    T = rng.standard_normal((N, M))
    # --8<-- [start:check]
    J = jacobian(Y, T)
    print(f"dL/dY: shape {J.shape}, the shape of Y")
    #> dL/dY: shape (3, 2), the shape of Y
    dY = squared_error_backward(Y=Y, T=T)  # dL = 1: L is the loss
    np.testing.assert_allclose(dY, J, rtol=1e-12)
    check_gradient(dY, lambda Y_: squared_error_forward(Y_, T), Y)  # central diff.
    check_vjp(  # dot-product test, with a random dL
        lambda Y_: squared_error_forward(Y_, T),
        lambda v: squared_error_backward(v, Y=Y, T=T),
        Y,
        rng,
    )
    print("2 (Y - T) == chain through the full Jacobian == finite differences: True")
    #> 2 (Y - T) == chain through the full Jacobian == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
