"""For Y = X.transpose(axes), J is a permutation matrix: dX is dY moved by np.argsort(axes)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def transpose_forward(X, axes):
    """Y = X.transpose(axes): axis i of Y is axis axes[i] of X."""
    Y = X.transpose(axes)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(N, K, D):
    """For axes (2, 0, 1): Y_dnk = X_nkd, so dY_dnk/dX_pqr = delta_np delta_kq delta_dr."""
    eye_N, eye_K, eye_D = np.eye(N), np.eye(K), np.eye(D)  # the three deltas
    return np.einsum("np,kq,dr->dnkpqr", eye_N, eye_K, eye_D)  # (D, N, K) + (N, K, D)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def transpose_backward(dY, axes):
    """dX = dY with the inverse permutation: np.argsort(axes) undoes axes."""
    dX = dY.transpose(np.argsort(axes))
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(12)
    N, K, D = 2, 3, 4
    X = rng.standard_normal((N, K, D))
    axes = (2, 0, 1)  # the last axis to the front: not its own inverse
    # --8<-- [start:check]
    J = jacobian(N, K, D)
    check_jacobian(J, lambda X_: transpose_forward(X_, axes), X)
    J_flat = J.reshape(X.size, X.size)  # rows: entries of Y, columns: entries of X
    one_each = bool(np.all(J_flat.sum(axis=0) == 1) and np.all(J_flat.sum(axis=1) == 1))
    assert one_each and np.array_equal(J_flat.T @ J_flat, np.eye(X.size))
    print(f"J {J.shape}: a permutation matrix, one 1 per row and column: {one_each}")
    #> J (4, 2, 3, 2, 3, 4): a permutation matrix, one 1 per row and column: True
    dY = rng.standard_normal((D, N, K))
    dX = transpose_backward(dY, axes)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    print(f"axes {axes}, inverse {tuple(np.argsort(axes).tolist())}: dX {dX.shape}")
    #> axes (2, 0, 1), inverse (1, 2, 0): dX (2, 3, 4)

    X = rng.standard_normal((8, 16, 16, 32))  # channels last -> channels first
    axes = (0, 3, 1, 2)
    check_vjp(
        lambda X_: transpose_forward(X_, axes),
        lambda dY_: transpose_backward(dY_, axes),
        X,
        rng,
    )
    print(f"dot-product test, axes {axes}, inverse {tuple(np.argsort(axes).tolist())}")
    #> dot-product test, axes (0, 3, 1, 2), inverse (0, 2, 3, 1)
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    X = rng.standard_normal((2, 3, 4))  # (N, K, D)
    swapped, reshaped = X.transpose(0, 2, 1), X.reshape(2, 4, 3)
    same = np.array_equal(swapped, reshaped)
    print(f"transpose {swapped.shape}, reshape {reshaped.shape}; same entries: {same}")
    #> transpose (2, 4, 3), reshape (2, 4, 3); same entries: False
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
