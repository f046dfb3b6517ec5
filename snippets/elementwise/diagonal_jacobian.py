"""Elementwise Y = f(X): dY_nd/dX_pq = f'(X_nd) delta_np delta_dq, dX = dY * f'(X)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def elementwise_forward(X):
    """Y_nd = f(X_nd), here with f = sin: any elementwise f has the same structure."""
    Y = np.sin(X)
    return Y


def local_derivative(X):
    """f'(X_nd) = cos(X_nd): one number per entry, shape (N, D)."""
    return np.cos(X)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, d, p, q] = dY_nd / dX_pq = f'(X_nd) delta_np delta_dq: (N, D, N, D)."""
    N, D = X.shape
    return np.einsum("nd,np,dq->ndpq", local_derivative(X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


def jacobian_loops(X):
    """The same tensor, one entry at a time, straight from the definition."""
    N, D = X.shape
    J = np.zeros((N, D, N, D))
    for n, d, p, q in np.ndindex(N, D, N, D):
        if n == p and d == q:  # Y_nd depends on X_nd only
            J[n, d, p, q] = np.cos(X[n, d])
    return J


# --8<-- [start:backward]
def elementwise_backward(dY, X):
    """dX = dY * f'(X): the Hadamard (elementwise) product, shape (N, D)."""
    dX = dY * local_derivative(X)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    N, D = 2, 3
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 2, 3), non-zero entries 6 of 36
    np.testing.assert_array_equal(J, jacobian_loops(X))
    check_jacobian(J, elementwise_forward, X)  # central differences
    dX_full = vjp_from_jacobian(dY, J)  # tensordot over the output axes (n, d)
    dX = elementwise_backward(dY, X)
    np.testing.assert_allclose(dX, dX_full, rtol=1e-12, atol=1e-15)
    check_vjp(elementwise_forward, lambda v: elementwise_backward(v, X), X, rng)
    print(f"dY contracted with J == dY * f'(X), shape {dX.shape}: True")
    #> dY contracted with J == dY * f'(X), shape (2, 3): True
    # --8<-- [end:check]

    # --8<-- [start:pattern]
    J_matrix = J.reshape(N * D, N * D)  # rows (n, d), columns (p, q), flattened
    assert np.array_equal(J_matrix, np.diag(local_derivative(X).ravel()))
    for row in J_matrix:
        print(" ".join("x" if value else "." for value in row))
    #> x . . . . .
    #> . x . . . .
    #> . . x . . .
    #> . . . x . .
    #> . . . . x .
    #> . . . . . x
    # --8<-- [end:pattern]

    # --8<-- [start:pitfall]
    X_sq = rng.standard_normal((3, 3))  # N == D: a matrix product runs without error
    dY_sq = rng.standard_normal((3, 3))
    wrong = dY_sq @ local_derivative(X_sq).T
    right = elementwise_backward(dY_sq, X_sq)
    same = np.allclose(wrong, right)
    print(f"dY @ f'(X).T: shape {wrong.shape}, equal to dY * f'(X): {same}")
    #> dY @ f'(X).T: shape (3, 3), equal to dY * f'(X): False
    # --8<-- [end:pitfall]

    # --8<-- [start:cost]
    N, D = 256, 4096
    entries = (N * D) ** 2  # shape (N, D, N, D)
    jacobian_bytes = entries * 8  # float64
    hadamard_bytes = N * D * 8  # f'(X), the only thing the backward pass reads
    print(f"J for N={N}, D={D}: {entries:,} entries, {human_bytes(jacobian_bytes)}")
    #> J for N=256, D=4096: 1,099,511,627,776 entries, 8 TiB
    print(f"non-zero: {N * D:,}, a fraction {N * D / entries:.1e} of J")
    #> non-zero: 1,048,576, a fraction 9.5e-07 of J
    print(f"dY * f'(X): f'(X) holds {human_bytes(hadamard_bytes)}")
    #> dY * f'(X): f'(X) holds 8 MiB
    print(
        f"J (or np.diag of f'(X)) is {jacobian_bytes // hadamard_bytes:,} times larger"
    )
    #> J (or np.diag of f'(X)) is 1,048,576 times larger
    print(f"multiply-adds: tensordot(dY, J) {entries:,}, dY * f'(X) {N * D:,}")
    #> multiply-adds: tensordot(dY, J) 1,099,511,627,776, dY * f'(X) 1,048,576
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
