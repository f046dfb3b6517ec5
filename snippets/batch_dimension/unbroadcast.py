"""The backward of a broadcast sums over every axis the input was copied along."""

import numpy as np

from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(A, B):
    """Y = A + B with NumPy broadcasting: (N, 1, K) + (1, M, K) -> (N, M, K)."""
    return A + B


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def broadcast_jacobian(in_shape, out_shape):
    """J = dY/dX for Y = np.broadcast_to(X, out_shape): shape out_shape + in_shape.

    Every entry of Y is a copy of exactly one entry of X, so J holds a single 1 per
    output entry: J[o, i] = 1 if Y[o] is a copy of X[i], else 0.
    """
    source = np.arange(int(np.prod(in_shape))).reshape(in_shape)
    copied_from = np.broadcast_to(source, out_shape)  # flat index of X behind Y[o]
    J = np.zeros(out_shape + in_shape)
    for o in np.ndindex(out_shape):
        J[o + np.unravel_index(copied_from[o], in_shape)] = 1.0
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def unbroadcast(grad, shape):
    """Sum grad (shape of the broadcast result) back down to `shape`.

    The backward of any broadcast: sum over the leading axes broadcasting added,
    then over the axes where the input had size 1, keeping them (keepdims=True).
    """
    extra = grad.ndim - len(shape)  # axes prepended, e.g. (M,) seen as (1, M)
    grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, s in enumerate(shape) if s == 1 and grad.shape[i] != 1)
    grad = grad.sum(axis=stretched, keepdims=True)
    return grad


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, M, K = 3, 4, 2
    A = rng.standard_normal((N, 1, K))
    B = rng.standard_normal((1, M, K))
    dY = rng.standard_normal((N, M, K))  # upstream gradient, shape of Y
    # --8<-- [start:check]
    J_A = broadcast_jacobian(A.shape, (N, M, K))  # dY/dA, since dY/dA' = identity
    print(f"dY/dA: shape {J_A.shape}, non-zero {np.count_nonzero(J_A)} of {J_A.size}")
    #> dY/dA: shape (3, 4, 2, 3, 1, 2), non-zero 24 of 144
    dA, dB = unbroadcast(dY, A.shape), unbroadcast(dY, B.shape)
    print(f"dA {dA.shape} (summed over m), dB {dB.shape} (summed over n)")
    #> dA (3, 1, 2) (summed over m), dB (1, 4, 2) (summed over n)
    J_B = broadcast_jacobian(B.shape, (N, M, K))
    np.testing.assert_allclose(dA, vjp_from_jacobian(dY, J_A), rtol=1e-12)
    np.testing.assert_allclose(dB, vjp_from_jacobian(dY, J_B), rtol=1e-12)
    check_vjp(lambda A_: forward(A_, B), lambda g: unbroadcast(g, A.shape), A, rng)
    check_vjp(lambda B_: forward(A, B_), lambda g: unbroadcast(g, B.shape), B, rng)

    # the other broadcasts of a network: a row bias (M,) and a column (N, 1)
    Z = rng.standard_normal((N, M))
    b, c = rng.standard_normal(M), rng.standard_normal((N, 1))
    G = rng.standard_normal((N, M))  # L = sum(G * (Z + b + c)), so dL/d(Z + b + c) = G
    db, dc = unbroadcast(G, b.shape), unbroadcast(G, c.shape)
    check_gradient(db, lambda b_: np.sum(G * (Z + b_ + c)), b)
    check_gradient(dc, lambda c_: np.sum(G * (Z + b + c_)), c)
    print(f"db {db.shape} (sum over n), dc {dc.shape} (sum over m, keepdims)")
    #> db (4,) (sum over n), dc (3, 1) (sum over m, keepdims)
    # --8<-- [end:check]

    # --8<-- [start:keepdims]
    dc_flat = G.sum(axis=1)  # forgot keepdims: shape (N,), not c's (N, 1)
    print(
        f"dc {dc.shape} vs dc_flat {dc_flat.shape}; same numbers: "
        f"{np.array_equal(dc[:, 0], dc_flat)}"
    )
    #> dc (3, 1) vs dc_flat (3,); same numbers: True
    print(
        f"c - 0.1 * dc: {(c - 0.1 * dc).shape}; c - 0.1 * dc_flat: "
        f"{(c - 0.1 * dc_flat).shape}"
    )
    #> c - 0.1 * dc: (3, 1); c - 0.1 * dc_flat: (3, 3)
    # --8<-- [end:keepdims]


if __name__ == "__main__":
    main()
