"""Y = tanh(X): Y_dot = (1 - Y^2) * X_dot, so dX = dY * (1 - Y^2)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


# --8<-- [start:forward]
def tanh_forward(X):
    """Y_nd = tanh(X_nd), entry by entry."""
    Y = np.tanh(X)
    return Y


def tanh_tangent(Y, X_dot):
    """Y_dot = f'(X) * X_dot, with f'(X) = 1 - tanh(X)^2 = 1 - Y^2."""
    Y_dot = (1 - Y**2) * X_dot
    return Y_dot


# --8<-- [end:forward]


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
def tanh_backward(dY, Y):
    """<dY, (1 - Y^2) * X_dot> = <dY * (1 - Y^2), X_dot>."""
    dX = dY * (1 - Y**2)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    # --8<-- [start:check]
    N, D = 2, 3
    X, dY = rng.standard_normal((N, D)), rng.standard_normal((N, D))
    Y = tanh_forward(X)
    dX = tanh_backward(dY, Y)
    for _ in range(3):  # L_dot = <dY, Y_dot> == <dX, X_dot> for random tangents
        X_dot = rng.standard_normal((N, D))
        L_dot = inner(dY, tanh_tangent(Y, X_dot))
        np.testing.assert_allclose(inner(dX, X_dot), L_dot, rtol=1e-12)
    J = jacobian_from_tangent(lambda V: tanh_tangent(Y, V), X.shape)
    check_jacobian(J, tanh_forward, X)  # the tangent map is the derivative
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    J_matrix = J.reshape(N * D, N * D)  # rows (n, d), columns (p, q)
    diagonal = np.array_equal(J_matrix, np.diag(np.diag(J_matrix)))
    assert diagonal, "an entrywise function's Jacobian has off-diagonal entries"
    print(f"J {J.shape} from the tangent, diagonal: {diagonal}")
    #> J (2, 3, 2, 3) from the tangent, diagonal: True
    X = rng.standard_normal((256, 1024))  # a realistic size
    Y = tanh_forward(X)
    check_vjp(tanh_forward, lambda dY_: tanh_backward(dY_, Y), X, rng)
    print(f"dot-product test at N, D = {X.shape[0]}, {X.shape[1]}: True")
    #> dot-product test at N, D = 256, 1024: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
