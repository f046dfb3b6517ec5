"""For symmetric X, the gradient of y(X) is sym(dX_free) = (dX_free + dX_free^T) / 2."""

import numpy as np
from gradcheck import check_vjp, numerical_gradient


# --8<-- [start:forward]
def logdet_trace_forward(X, A):
    """y = log det X + tr(A X): X symmetric positive definite (D, D), A (D, D)."""
    y = np.linalg.slogdet(X).logabsdet + np.trace(A @ X)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def sym_jacobian(D):
    """J[i, j, k, l] = (delta_ik delta_jl + delta_il delta_jk) / 2: d sym(V) / dV."""
    eye = np.eye(D)
    return (np.einsum("ik,jl->ijkl", eye, eye) + np.einsum("il,jk->ijkl", eye, eye)) / 2


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def logdet_trace_backward(dy, X, A):
    """dy -> dX (D, D), symmetric: the gradient of y on the symmetric matrices."""
    dX_free = dy * (np.linalg.inv(X).T + A.T)  # as if every entry of X were free
    dX = (dX_free + dX_free.T) / 2  # its symmetric part
    return dX


# --8<-- [end:backward]


# --8<-- [start:cookbook]
def cookbook(dX_free):
    """The Matrix Cookbook's rule for symmetric X: dX_free + dX_free^T - diag."""
    return dX_free + dX_free.T - np.diag(np.diag(dX_free))


def pair_partials(f, X, h=1e-6):
    """Move X_ij and X_ji together (X stays symmetric): one slope per pair i <= j."""
    D = X.shape[0]
    out = np.zeros((D, D))
    for i, j in np.ndindex(D, D):
        step = np.zeros((D, D))
        step[i, j] = step[j, i] = h  # one entry on the diagonal, two off it
        out[i, j] = (f(X + step) - f(X - step)) / (2 * h)
    return out


# --8<-- [end:cookbook]


def main():
    rng = np.random.default_rng(7)
    D = 3
    V = rng.standard_normal((D, D))
    X = V @ V.T + D * np.eye(D)  # symmetric positive definite
    A = rng.standard_normal((D, D))  # not symmetric
    dy = rng.standard_normal()
    f = lambda X_: dy * logdet_trace_forward(X_, A)  # noqa: E731  L = dy y
    # --8<-- [start:check]
    dX = logdet_trace_backward(dy, X, A)
    np.testing.assert_allclose(dX, dX.T, rtol=0, atol=1e-15)  # a symmetric matrix
    dX_free = numerical_gradient(f, X)  # one entry at a time: X leaves the set
    J = sym_jacobian(D)
    np.testing.assert_allclose(dX, np.tensordot(dX_free, J, axes=2), rtol=1e-6)
    print(f"dX symmetric, == dX_free contracted with d sym/dV {J.shape}: True")
    #> dX symmetric, == dX_free contracted with d sym/dV (3, 3, 3, 3): True
    h, slopes = 1e-6, []
    for _ in range(3):  # random symmetric directions xi: X + h xi stays symmetric
        xi = rng.standard_normal((D, D))
        xi = xi + xi.T
        slope = (f(X + h * xi) - f(X - h * xi)) / (2 * h)
        slopes.append(np.isclose(slope, np.sum(cookbook(dX_free) * xi), rtol=1e-4))
        np.testing.assert_allclose(np.sum(dX * xi), slope, rtol=1e-6)
    print(f"<dX, xi> == slope along symmetric xi: True; Cookbook's: {any(slopes)}")
    #> <dX, xi> == slope along symmetric xi: True; Cookbook's: False
    partials = pair_partials(f, X)  # X_ij and X_ji moved together
    np.testing.assert_allclose(partials, cookbook(dX_free), rtol=1e-5)
    lengths = 2 - np.eye(D)  # <step, step> / h^2: 2 off the diagonal, 1 on it
    np.testing.assert_allclose(partials / lengths, dX, rtol=1e-5)
    print("pair partials == Cookbook matrix; divided by 2 off the diagonal == dX")
    #> pair partials == Cookbook matrix; divided by 2 off the diagonal == dX
    D = 128  # the dot-product test along symmetric directions only
    V = rng.standard_normal((D, D))
    X, A = V @ V.T / D + np.eye(D), rng.standard_normal((D, D))
    on_sym = lambda V_: logdet_trace_forward((V_ + V_.T) / 2, A)  # noqa: E731
    check_vjp(on_sym, lambda dy_: logdet_trace_backward(dy_, X, A), X, rng)
    print(f"dot-product test through sym(.) at X {X.shape}: True")
    #> dot-product test through sym(.) at X (128, 128): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
