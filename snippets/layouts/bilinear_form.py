"""y = A^T X B (the Cookbook's a^T X b): dy/dX = A B^T, shape of X; numerator: B A^T."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def bilinear_forward(X, A, B):
    """y = sum_nd A_n X_nd B_d, a scalar: X (N, D), A (N,) and B (D,) constants."""
    y = A @ X @ B
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X, A, B):
    """J[k, l] = dy / dX_kl = sum_nd A_n delta_nk delta_dl B_d = A_k B_l: X.shape."""
    N, D = X.shape
    return np.einsum("n,nk,dl,d->kl", A, np.eye(N), np.eye(D), B)


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def cookbook(A, B):
    """The Matrix Cookbook (denominator layout): a b^T, here A B^T, shape (N, D)."""
    return np.outer(A, B)


def numerator_layout(A, B):
    """Numerator layout: entry (l, k) holds dy/dX_kl, so B A^T, shape (D, N)."""
    return np.outer(B, A)


# --8<-- [end:layouts]


# --8<-- [start:backward]
def bilinear_backward(dy, A, B):
    """dX = dy A B^T for an upstream scalar dy = dL/dy, of shape X.shape."""
    dX = dy * np.outer(A, B)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(8)
    N, D = 3, 4
    X = rng.standard_normal((N, D))
    A, B = rng.standard_normal(N), rng.standard_normal(D)
    dy = rng.standard_normal()  # upstream gradient dL/dy
    # --8<-- [start:check]
    J = jacobian(X, A, B)
    check_gradient(J, lambda X_: bilinear_forward(X_, A, B), X)  # central differences
    np.testing.assert_allclose(cookbook(A, B), J, rtol=1e-12)
    J_num = numerator_layout(A, B)
    print(f"X {X.shape}, Cookbook {cookbook(A, B).shape}, numerator {J_num.shape}")
    #> X (3, 4), Cookbook (3, 4), numerator (4, 3)
    np.testing.assert_allclose(J_num.T, J, rtol=1e-12)  # the same numbers, transposed
    dX = bilinear_backward(dy, A, B)
    check_gradient(dX, lambda X_: dy * bilinear_forward(X_, A, B), X)
    print(f"dX = dy * np.outer(A, B), shape {dX.shape}: matches central differences")
    #> dX = dy * np.outer(A, B), shape (3, 4): matches central differences
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
