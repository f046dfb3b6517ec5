"""Exercise: Y = outer(x, x) has dY_ab/dx_k = delta_ak x_b + x_a delta_bk."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(x):
    """Y_ab = x_a x_b: x (3,) -> Y (3, 3)."""
    return np.outer(x, x)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(x):
    """J[a, b, k] = delta_ak x_b + x_a delta_bk, shape (3, 3) + (3,)."""
    delta = np.eye(x.shape[0])
    return np.einsum("ak,b->abk", delta, x) + np.einsum("a,bk->abk", x, delta)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(x, dY):
    """dx_k = sum_ab dY_ab (delta_ak x_b + x_a delta_bk) = (dY x)_k + (dY^T x)_k."""
    return (dY + dY.T) @ x


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(3)
    dY = rng.standard_normal((3, 3))
    # --8<-- [start:check]
    J = jacobian(x)
    print(f"J {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> J (3, 3, 3), non-zero 15 of 27
    check_jacobian(J, forward, x)
    np.testing.assert_allclose(backward(x, dY), vjp_from_jacobian(dY, J), rtol=1e-12)
    check_vjp(forward, lambda v: backward(x, v), x, rng)
    print(f"dx = (dY + dY.T) @ x, shape {backward(x, dY).shape}: True")
    #> dx = (dY + dY.T) @ x, shape (3,): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
