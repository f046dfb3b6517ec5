"""Y = X W + b, linearised and read off: dX = dY W^T, dW = X^T dY, db = 1^T dY."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """X (N, D), W (D, M), b (M,) -> Y (N, M)."""
    Y = X @ W + b
    return Y


# --8<-- [end:forward]


# --8<-- [start:tangent]
def linear_tangent(X, W, X_dot, W_dot, b_dot):
    """The product rule: Y_dot = X_dot W + X W_dot + b_dot, linear in tangents."""
    Y_dot = X_dot @ W + X @ W_dot + b_dot
    return Y_dot


# --8<-- [end:tangent]


# --8<-- [start:jacobian]
def jacobian_from_tangent(tangent, shape_in):
    """J[..., j] = tangent(e_j): the tangent map applied to each unit direction."""
    columns = []
    for j in np.ndindex(shape_in):
        e_j = np.zeros(shape_in)
        e_j[j] = 1.0
        columns.append(tangent(e_j))
    return np.stack(columns, axis=-1).reshape(columns[0].shape + shape_in)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """Read off L_dot = <dX, X_dot> + <dW, W_dot> + <db, b_dot>."""
    dX = dY @ W.T  # <dY, X_dot W> = <dY W^T, X_dot>
    dW = X.T @ dY  # <dY, X W_dot> = <X^T dY, W_dot>
    db = dY.sum(axis=0)  # <dY, 1 b_dot^T> = <dY^T 1, b_dot>
    return dX, dW, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    N, D, M = 2, 3, 4
    X, W = rng.standard_normal((N, D)), rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    X_dot, W_dot = rng.standard_normal((N, D)), rng.standard_normal((D, M))
    b_dot = rng.standard_normal(M)
    # --8<-- [start:tangent_check]
    Y = linear_forward(X, W, b)
    Y_dot = linear_tangent(X, W, X_dot, W_dot, b_dot)
    for h in (1e-1, 1e-2, 1e-3):
        Y_h = linear_forward(X + h * X_dot, W + h * W_dot, b + h * b_dot)
        gap = (Y_h - Y) / h - Y_dot  # what the linearisation leaves out
        np.testing.assert_allclose(gap, h * X_dot @ W_dot, rtol=1e-6, atol=1e-12)
        print(f"h = {h:.0e}: (Y(X + h X_dot, ...) - Y)/h - Y_dot == h X_dot W_dot")
    #> h = 1e-01: (Y(X + h X_dot, ...) - Y)/h - Y_dot == h X_dot W_dot
    #> h = 1e-02: (Y(X + h X_dot, ...) - Y)/h - Y_dot == h X_dot W_dot
    #> h = 1e-03: (Y(X + h X_dot, ...) - Y)/h - Y_dot == h X_dot W_dot
    # --8<-- [end:tangent_check]
    # --8<-- [start:check]
    N, D, M = 8, 5, 5  # a square W on purpose: dY @ W would run too
    X, W, b = rng.standard_normal((N, D)), rng.standard_normal((D, M)), np.zeros(M)
    dY = rng.standard_normal((N, M))  # any upstream gradient
    dX, dW, db = linear_backward(dY, X, W)
    for _ in range(3):  # random tangents: L_dot = <dY, Y_dot> read off term by term
        X_dot, W_dot = rng.standard_normal((N, D)), rng.standard_normal((D, M))
        b_dot = rng.standard_normal(M)
        L_dot = inner(dY, linear_tangent(X, W, X_dot, W_dot, b_dot))
        read_off = inner(dX, X_dot) + inner(dW, W_dot) + inner(db, b_dot)
        np.testing.assert_allclose(read_off, L_dot, rtol=1e-12)
    print("<dY, Y_dot> == <dX, X_dot> + <dW, W_dot> + <db, b_dot>: True")
    #> <dY, Y_dot> == <dX, X_dot> + <dW, W_dot> + <db, b_dot>: True

    N, D, M = 2, 3, 4  # the full Jacobians, built from the tangent map alone
    X, W = rng.standard_normal((N, D)), rng.standard_normal((D, M))
    b, dY = rng.standard_normal(M), rng.standard_normal((N, M))
    zero_X, zero_W, zero_b = np.zeros((N, D)), np.zeros((D, M)), np.zeros(M)
    J_X = jacobian_from_tangent(
        lambda V: linear_tangent(X, W, V, zero_W, zero_b), X.shape
    )
    J_W = jacobian_from_tangent(
        lambda V: linear_tangent(X, W, zero_X, V, zero_b), W.shape
    )
    J_b = jacobian_from_tangent(
        lambda V: linear_tangent(X, W, zero_X, zero_W, V), b.shape
    )
    print(f"J_X {J_X.shape}, J_W {J_W.shape}, J_b {J_b.shape}")
    #> J_X (2, 4, 2, 3), J_W (2, 4, 3, 4), J_b (2, 4, 4)
    check_jacobian(J_X, lambda X_: linear_forward(X_, W, b), X)  # finite diff.
    check_jacobian(J_W, lambda W_: linear_forward(X, W_, b), W)
    check_jacobian(J_b, lambda b_: linear_forward(X, W, b_), b)
    grads = linear_backward(dY, X, W)
    for J, grad in zip((J_X, J_W, J_b), grads, strict=True):
        np.testing.assert_allclose(grad, vjp_from_jacobian(dY, J), rtol=1e-12)
    print("dY contracted with each J == linear_backward: True")
    #> dY contracted with each J == linear_backward: True

    N, D, M = 256, 512, 128  # a realistic size: the dot-product test builds no J
    X, W = rng.standard_normal((N, D)), rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    one_input = (
        lambda X_: linear_forward(X_, W, b),
        lambda W_: linear_forward(X, W_, b),
        lambda b_: linear_forward(X, W, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, W, b), strict=True)):
        check_vjp(f, lambda dY_, i=i: linear_backward(dY_, X, W)[i], V, rng)
    print(f"dot-product test at N, D, M = {N}, {D}, {M} for X, W, b: True")
    #> dot-product test at N, D, M = 256, 512, 128 for X, W, b: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
