"""Concatenate, split and stack: each one's backward cuts or joins dY the other way."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def concat_forward(X1, X2):
    """Y = [X1, X2] side by side: (N, D1) and (N, D2) -> (N, D1 + D2)."""
    Y = np.concatenate([X1, X2], axis=1)
    return Y


def split_forward(X, D1):
    """The inverse: the first D1 columns and the rest, (N, D1) and (N, D - D1)."""
    Y1, Y2 = X[:, :D1], X[:, D1:]
    return Y1, Y2


def stack_forward(X1, X2):
    """Y[0] = X1, Y[1] = X2: two (N, D) arrays -> (2, N, D), a new leading axis."""
    Y = np.stack([X1, X2])
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(N, D1, D2):
    """dY/dX1 (N, D1+D2, N, D1) and dY/dX2: Y_nm = X1_nm for m < D1, X2_n(m-D1) after."""
    eye = np.eye(D1 + D2)  # delta_mj over the joined columns
    J1 = np.einsum("np,mj->nmpj", np.eye(N), eye[:, :D1])  # the first D1 columns
    J2 = np.einsum("np,mj->nmpj", np.eye(N), eye[:, D1:])  # the last D2 columns
    return J1, J2


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def concat_backward(dY, D1):
    """Cut dY where X1 ends: dX1 (N, D1), dX2 (N, D2)."""
    dX1 = dY[:, :D1]
    dX2 = dY[:, D1:]
    return dX1, dX2


def split_backward(dY1, dY2):
    """Join the two upstream gradients where the forward cut: dX (N, D)."""
    dX = np.concatenate([dY1, dY2], axis=1)
    return dX


def stack_backward(dY):
    """Take the new axis apart: dX1 = dY[0], dX2 = dY[1]."""
    dX1, dX2 = dY[0], dY[1]
    return dX1, dX2


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(13)
    N, D1, D2 = 2, 3, 4
    X1, X2 = rng.standard_normal((N, D1)), rng.standard_normal((N, D2))
    # --8<-- [start:check]
    J1, J2 = jacobian(N, D1, D2)
    check_jacobian(J1, lambda X1_: concat_forward(X1_, X2), X1)
    check_jacobian(J2, lambda X2_: concat_forward(X1, X2_), X2)
    dY = rng.standard_normal((N, D1 + D2))
    dX1, dX2 = concat_backward(dY, D1)
    np.testing.assert_allclose(dX1, vjp_from_jacobian(dY, J1), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dX2, vjp_from_jacobian(dY, J2), rtol=1e-12, atol=1e-15)
    print(f"concat: J1 {J1.shape}, J2 {J2.shape}; dX1 {dX1.shape}, dX2 {dX2.shape}")
    #> concat: J1 (2, 7, 2, 3), J2 (2, 7, 2, 4); dX1 (2, 3), dX2 (2, 4)

    N, D1, D2 = 64, 96, 160  # realistic sizes, dot-product tests, no Jacobian
    X1, X2 = rng.standard_normal((N, D1)), rng.standard_normal((N, D2))
    check_vjp(
        lambda X1_: concat_forward(X1_, X2),
        lambda dY_: concat_backward(dY_, D1)[0],
        X1,
        rng,
    )
    check_vjp(
        lambda X2_: concat_forward(X1, X2_),
        lambda dY_: concat_backward(dY_, D1)[1],
        X2,
        rng,
    )
    X = rng.standard_normal((N, 2 * D1))  # split into two equal halves
    check_vjp(  # two outputs, tested as one: Y1 and Y2 stacked, shape (2, N, D1)
        lambda X_: np.stack(split_forward(X_, D1)),
        lambda dY_: split_backward(dY_[0], dY_[1]),
        X,
        rng,
    )
    X1, X2 = rng.standard_normal((N, D1)), rng.standard_normal((N, D1))  # one shape
    check_vjp(
        lambda X1_: stack_forward(X1_, X2), lambda dY_: stack_backward(dY_)[0], X1, rng
    )
    check_vjp(
        lambda X2_: stack_forward(X1, X2_), lambda dY_: stack_backward(dY_)[1], X2, rng
    )
    print("dot-product tests for concat, split and stack: passed")
    #> dot-product tests for concat, split and stack: passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
