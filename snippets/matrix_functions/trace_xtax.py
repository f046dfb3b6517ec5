"""For y = tr(X^T A X), dy/dX = (A + A^T) X, and 2 A X only when A is symmetric."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def trace_xtax_forward(X, A):
    """y = tr(X^T A X) = sum_ijp X_ji A_jp X_pi: X (D, M), A (D, D) not symmetric."""
    y = np.trace(X.T @ A @ X)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X, A):
    """J[k, l] = sum_ijp (delta_jk delta_il A_jp X_pi + X_ji A_jp delta_pk delta_il)."""
    D, M = X.shape
    first = np.einsum("jk,il,jp,pi->kl", np.eye(D), np.eye(M), A, X)  # (A X)_kl
    second = np.einsum("ji,jp,pk,il->kl", X, A, np.eye(D), np.eye(M))  # (A^T X)_kl
    return first + second


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def trace_xtax_backward(dy, X, A):
    """dX = dy (A + A^T) X: X appears twice, and each appearance sends a term."""
    dX = dy * (A + A.T) @ X
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    D, M = 3, 4
    A = rng.standard_normal((D, D))  # not symmetric: A + A^T != 2 A
    X = rng.standard_normal((D, M))
    dy = rng.standard_normal()
    # --8<-- [start:check]
    J = jacobian(X, A)
    check_gradient(J, lambda X_: trace_xtax_forward(X_, A), X)
    dX = trace_xtax_backward(dy, X, A)
    np.testing.assert_allclose(dX, dy * J, rtol=1e-12)
    print(f"dy/dX {J.shape} == (A + A^T) X == finite differences: True")
    #> dy/dX (3, 4) == (A + A^T) X == finite differences: True
    two_ax = np.allclose(J, 2 * A @ X)
    print(f"2 A X right for this non-symmetric A: {two_ax}")
    #> 2 A X right for this non-symmetric A: False
    D, M = 300, 200
    A, X = rng.standard_normal((D, D)), rng.standard_normal((D, M))
    check_vjp(
        lambda X_: trace_xtax_forward(X_, A),
        lambda dy_: trace_xtax_backward(dy_, X, A),
        X,
        rng,
    )
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (300, 200): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
