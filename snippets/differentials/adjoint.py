"""Y = A X B: dX = A^T dY B^T, the one map with <eta, J xi> = <J^T eta, xi>."""

import numpy as np
from gradcheck import check_vjp, human_bytes


def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


# --8<-- [start:forward]
def sandwich_forward(A, X, B):
    """A (N, N), X (N, D), B (D, D) -> Y = A X B (N, D); A and B are constants."""
    Y = A @ X @ B
    return Y


def sandwich_tangent(A, X_dot, B):
    """Y is linear in X, so its tangent is the same product: Y_dot = A X_dot B."""
    Y_dot = A @ X_dot @ B
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


def matrix_of_backward(backward, shape_out):
    """R[i, ...] = backward(e_i): the backward applied to each unit dY."""
    rows = []
    for i in np.ndindex(shape_out):
        e_i = np.zeros(shape_out)
        e_i[i] = 1.0
        rows.append(backward(e_i))
    return np.stack(rows).reshape(shape_out + rows[0].shape)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def sandwich_backward(dY, A, B):
    """<dY, A X_dot B> = <A^T dY, X_dot B> = <A^T dY B^T, X_dot>."""
    dX = A.T @ dY @ B.T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, D = 2, 3  # square A and B: A @ dY @ B, the tangent map, runs as well
    A, B = rng.standard_normal((N, N)), rng.standard_normal((D, D))
    # --8<-- [start:check]
    J = jacobian_from_tangent(lambda V: sandwich_tangent(A, V, B), (N, D))
    R = matrix_of_backward(lambda dY: sandwich_backward(dY, A, B), (N, D))
    # <e_i, J e_j> = J[i, j] and <backward(e_i), e_j> = R[i, j]: the identity on
    # every pair of unit directions is R == J: backward(eta) = J^T eta for all eta
    np.testing.assert_allclose(R, J, rtol=1e-12, atol=1e-15)
    print(f"J {J.shape}: backward(e_i) == row i of J, for all {N * D} e_i: True")
    #> J (2, 3, 2, 3): backward(e_i) == row i of J, for all 6 e_i: True
    for _ in range(3):  # the identity with the exact tangent, random directions
        xi, eta = rng.standard_normal((N, D)), rng.standard_normal((N, D))
        left = inner(eta, sandwich_tangent(A, xi, B))  # <eta, J xi>
        right = inner(sandwich_backward(eta, A, B), xi)  # <J^T eta, xi>
        np.testing.assert_allclose(right, left, rtol=1e-12)
    print("<eta, J xi> == <backward(eta), xi> for random xi, eta: True")
    #> <eta, J xi> == <backward(eta), xi> for random xi, eta: True

    N, D = 300, 200  # check_vjp: the same identity, J xi by central differences
    A, B = rng.standard_normal((N, N)), rng.standard_normal((D, D))
    X = rng.standard_normal((N, D))
    check_vjp(
        lambda X_: sandwich_forward(A, X_, B),
        lambda dY: sandwich_backward(dY, A, B),
        X,
        rng,
    )
    print(f"check_vjp at N, D = {N}, {D}: True")
    #> check_vjp at N, D = 300, 200: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    try:  # right shape, runs, and is J applied where J^T belongs
        check_vjp(
            lambda X_: sandwich_forward(A, X_, B),
            lambda dY: sandwich_tangent(A, dY, B),  # J, not J^T
            X,
            rng,
        )
        caught = False
    except AssertionError:
        caught = True
    print(f"the tangent map A dY B as the backward: check_vjp fails: {caught}")
    #> the tangent map A dY B as the backward: check_vjp fails: True
    # --8<-- [end:pitfall]
    # --8<-- [start:cost]
    N = D = 1024  # float64
    jacobian_bytes = 8 * (N * D) ** 2  # shape (N, D, N, D)
    backward_bytes = 8 * (N * N + D * D)  # what the backward reads: A and B
    print(f"J {human_bytes(jacobian_bytes)}, A and B {human_bytes(backward_bytes)}")
    #> J 8 TiB, A and B 16 MiB
    through_J, direct = (N * D) ** 2, N * N * D + N * D * D
    print(f"multiply-adds: {through_J:.2e} through J, {direct:.2e} as A^T dY B^T")
    #> multiply-adds: 1.10e+12 through J, 2.15e+09 as A^T dY B^T
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
