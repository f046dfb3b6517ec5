"""The backward of a broadcast sums over every axis the input was copied along."""

import numpy as np
from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def broadcast_forward(x, shape):
    """y = np.broadcast_to(x, shape): every entry of y is a copy of one entry of x."""
    y = np.broadcast_to(x, shape)
    return y


def add_forward(P, Q):
    """Y = P + Q with NumPy broadcasting: (N, 1, K) + (1, M, K) -> (N, M, K)."""
    Y = P + Q
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def broadcast_jacobian(in_shape, out_shape):
    """J = dy/dx for y = np.broadcast_to(x, out_shape): shape out_shape + in_shape.

    Every entry of y is a copy of exactly one entry of x, so J holds a single 1 per
    output entry: J[o, i] = 1 if y[o] is a copy of x[i], else 0.
    """
    source = np.arange(int(np.prod(in_shape))).reshape(in_shape)
    copied_from = np.broadcast_to(source, out_shape)  # flat index of x behind y[o]
    J = np.zeros(out_shape + in_shape)
    for o in np.ndindex(out_shape):
        J[o + np.unravel_index(copied_from[o], in_shape)] = 1.0
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def broadcast_backward(dy, shape):
    """Sum dy (the broadcast result's shape) back down to x's shape, `shape`.

    The backward of any broadcast: sum over the leading axes broadcasting added,
    then over the axes where x had size 1, keeping them (keepdims=True).
    """
    extra = dy.ndim - len(shape)  # axes prepended, e.g. (M,) seen as (1, M)
    dx = dy.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, s in enumerate(shape) if s == 1 and dx.shape[i] != 1)
    dx = dx.sum(axis=stretched, keepdims=True)
    return dx


def add_backward(dY, P, Q):
    """dY (the shape of P + Q) -> dP, dQ: each operand's broadcast, undone."""
    dP = broadcast_backward(dY, P.shape)
    dQ = broadcast_backward(dY, Q.shape)
    return dP, dQ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, M, K = 3, 4, 2
    P = rng.standard_normal((N, 1, K))
    Q = rng.standard_normal((1, M, K))
    dY = rng.standard_normal((N, M, K))  # upstream gradient, shape of Y
    # --8<-- [start:check]
    J_P = broadcast_jacobian(P.shape, (N, M, K))  # dY/dP: P + Q is P broadcast, + Q
    print(f"dY/dP: shape {J_P.shape}, non-zero {np.count_nonzero(J_P)} of {J_P.size}")
    #> dY/dP: shape (3, 4, 2, 3, 1, 2), non-zero 24 of 144
    dP, dQ = add_backward(dY, P, Q)
    print(f"dP {dP.shape} (summed over m), dQ {dQ.shape} (summed over n)")
    #> dP (3, 1, 2) (summed over m), dQ (1, 4, 2) (summed over n)
    J_Q = broadcast_jacobian(Q.shape, (N, M, K))
    np.testing.assert_allclose(dP, vjp_from_jacobian(dY, J_P), rtol=1e-12)
    np.testing.assert_allclose(dQ, vjp_from_jacobian(dY, J_Q), rtol=1e-12)
    check_vjp(
        lambda P_: add_forward(P_, Q), lambda dY_: add_backward(dY_, P, Q)[0], P, rng
    )
    check_vjp(
        lambda Q_: add_forward(P, Q_), lambda dY_: add_backward(dY_, P, Q)[1], Q, rng
    )

    # the other broadcasts of a network: a row bias b (M,) and a column Q (N, 1)
    P = rng.standard_normal((N, M))
    b, Q = rng.standard_normal(M), rng.standard_normal((N, 1))
    dY = rng.standard_normal((N, M))  # L = sum(dY * (P + b + Q)): dL/d(P + b + Q) = dY
    db, dQ = broadcast_backward(dY, b.shape), broadcast_backward(dY, Q.shape)
    check_gradient(db, lambda b_: np.sum(dY * (P + b_ + Q)), b)
    check_gradient(dQ, lambda Q_: np.sum(dY * (P + b + Q_)), Q)
    print(f"db {db.shape} (sum over n), dQ {dQ.shape} (sum over m, keepdims)")
    #> db (4,) (sum over n), dQ (3, 1) (sum over m, keepdims)
    # --8<-- [end:check]

    # --8<-- [start:keepdims]
    dQ_flat = dY.sum(axis=1)  # forgot keepdims: shape (N,), not Q's (N, 1)
    print(
        f"dQ {dQ.shape} vs dQ_flat {dQ_flat.shape}; same numbers: "
        f"{np.array_equal(dQ[:, 0], dQ_flat)}"
    )
    #> dQ (3, 1) vs dQ_flat (3,); same numbers: True
    print(
        f"Q - 0.1 * dQ: {(Q - 0.1 * dQ).shape}; Q - 0.1 * dQ_flat: "
        f"{(Q - 0.1 * dQ_flat).shape}"
    )
    #> Q - 0.1 * dQ: (3, 1); Q - 0.1 * dQ_flat: (3, 3)
    # --8<-- [end:keepdims]


if __name__ == "__main__":
    main()
