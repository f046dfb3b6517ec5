"""For Y = X.reshape(shape), the Jacobian is the identity in row-major order: dX = dY.reshape."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def reshape_forward(X, shape):
    """Y = X.reshape(shape): the same entries in the same row-major order."""
    Y = X.reshape(shape)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(x_shape, shape):
    """J = dY/dX, shape + x_shape: flat entry i of Y is flat entry i of X."""
    size = int(np.prod(x_shape))
    return np.eye(size).reshape(tuple(shape) + tuple(x_shape))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def reshape_backward(dY, x_shape):
    """dX = dY read back in the same row-major order, in the shape of X."""
    dX = dY.reshape(x_shape)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(11)
    N, K, D = 2, 3, 4
    X = rng.standard_normal((N, K, D))
    # --8<-- [start:check]
    for shape in [(N * K, D), (N, K * D)]:  # merge the first two axes; flatten each row
        J = jacobian(X.shape, shape)
        check_jacobian(J, lambda X_, s=shape: reshape_forward(X_, s), X)
        identity = np.array_equal(J.reshape(X.size, X.size), np.eye(X.size))
        dY = rng.standard_normal(shape)
        dX = reshape_backward(dY, X.shape)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
        assert identity
        print(f"{X.shape} -> {shape}: J {J.shape}, flattened the identity: {identity}")
    #> (2, 3, 4) -> (6, 4): J (6, 4, 2, 3, 4), flattened the identity: True
    #> (2, 3, 4) -> (2, 12): J (2, 12, 2, 3, 4), flattened the identity: True

    X = rng.standard_normal((32, 128, 64))  # (N, K, D) -> (N K, D) at a realistic size
    shape = (32 * 128, 64)
    check_vjp(
        lambda X_: reshape_forward(X_, shape),
        lambda dY_: reshape_backward(dY_, X.shape),
        X,
        rng,
    )
    print(f"dot-product test, {X.shape} -> {shape}: passed")
    #> dot-product test, (32, 128, 64) -> (4096, 64): passed
    # --8<-- [end:check]

    # --8<-- [start:cost]
    x_shape = (32, 128, 64)
    size = int(np.prod(x_shape))
    print(f"J of a reshape of {x_shape}: {human_bytes(size * size * 8)}")
    #> J of a reshape of (32, 128, 64): 512 GiB
    dY = rng.standard_normal((32 * 128, 64))
    dX = reshape_backward(dY, x_shape)
    print(
        f"reshape_backward copies nothing, dX is a view of dY: {np.shares_memory(dX, dY)}"
    )
    #> reshape_backward copies nothing, dX is a view of dY: True
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
