"""SwiGLU (the exercise): Y = silu(X A) * (X B); X is used twice: dX has two terms."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


def sigmoid(U):
    """sigma(u) with the exponent shifted to -|u|: no overflow (elementwise page)."""
    e = np.exp(-np.abs(U))
    return np.where(U >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# --8<-- [start:forward]
def swiglu_forward(X, A, B):
    """X (N, D), A and B (D, M): Y = silu(X A) * (X B), shape (N, M)."""
    U = X @ A  # the gate's pre-activation (Llama: gate_proj, transposed)
    Y = U * sigmoid(U) * (X @ B)  # times the linear branch (up_proj)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(X, A, B):
    """dY_nm/dX_pq = delta_np (silu'(U_nm) (X B)_nm A_qm + silu(U_nm) B_qm)."""
    N = X.shape[0]
    U = X @ A
    s = sigmoid(U)
    gate, up = U * s, X @ B
    slope = s * (1.0 + U * (1.0 - s))  # silu'(u)
    through_gate = np.einsum("nm,np,qm->nmpq", slope * up, np.eye(N), A)
    through_up = np.einsum("nm,np,qm->nmpq", gate, np.eye(N), B)
    return through_gate + through_up  # the two uses of X add up


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def swiglu_backward(dY, X, A, B):
    """dX collects both branches; dA and dB each come from one branch."""
    U = X @ A
    s = sigmoid(U)
    gate, up = U * s, X @ B
    dU = dY * up * s * (1.0 + U * (1.0 - s))  # through the product, then silu'
    d_up = dY * gate  # the gradient of X B
    dX = dU @ A.T + d_up @ B.T  # X feeds both branches: add
    dA = X.T @ dU
    dB = X.T @ d_up
    return dX, dA, dB


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(10)
    N, D, M = 2, 3, 4
    X = rng.standard_normal((N, D))
    A = rng.standard_normal((D, M))
    B = rng.standard_normal((D, M))
    dY = rng.standard_normal((N, M))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian_wrt_X(X, A, B)
    print(f"dY/dX: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dX: shape (2, 4, 2, 3), non-zero 24 of 48
    check_jacobian(J, lambda X_: swiglu_forward(X_, A, B), X)
    dX, dA, dB = swiglu_backward(dY, X, A, B)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    check_gradient(dA, lambda A_: np.sum(dY * swiglu_forward(X, A_, B)), A)
    check_gradient(dB, lambda B_: np.sum(dY * swiglu_forward(X, A, B_)), B)
    X_big = rng.standard_normal((64, 128))
    A_big, B_big = rng.standard_normal((2, 128, 344)) / np.sqrt(128)
    inputs = (X_big, A_big, B_big)
    one_input = (  # Y as a function of one input, the other two fixed
        lambda X_: swiglu_forward(X_, A_big, B_big),
        lambda A_: swiglu_forward(X_big, A_, B_big),
        lambda B_: swiglu_forward(X_big, A_big, B_),
    )
    for i, (f, In) in enumerate(zip(one_input, inputs, strict=True)):
        check_vjp(f, lambda v, i=i: swiglu_backward(v, *inputs)[i], In, rng)
    print("dX == dY contracted with J; dot-product tests for X, A, B: True")
    #> dX == dY contracted with J; dot-product tests for X, A, B: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
