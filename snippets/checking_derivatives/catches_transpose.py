"""For Y = X W: dX = dY W^T, dW = X^T dY; the checks reject dY W and dY^T X."""

import numpy as np
from gradcheck import check_vjp


# --8<-- [start:forward]
def matmul_forward(X, W):
    """Y = X W: X (N, D), W (D, M), Y (N, M); here N = D = M = 3."""
    Y = X @ W
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def matmul_backward(dY, X, W):
    """dY = dL/dY (N, M) -> (dX, dW), shapes (N, D) and (D, M)."""
    dX = dY @ W.T  # dX_nd = sum_m dY_nm W_dm
    dW = X.T @ dY  # dW_dm = sum_n X_nd dY_nm
    return dX, dW


# --8<-- [end:backward]


# --8<-- [start:wrong]
def matmul_backward_wrong(dY, X, W):
    """The same shapes, a factor transposed in each: what the checks must reject."""
    return dY @ W, dY.T @ X


# --8<-- [end:wrong]


def caught(check):
    """True if the check raises AssertionError."""
    try:
        check()
    except AssertionError:
        return True
    return False


def main():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 3))  # square: every shape check passes either way
    W = rng.standard_normal((3, 3))
    dY = rng.standard_normal((3, 3))

    # --8<-- [start:check]
    def check_dX(backward):
        return lambda: check_vjp(
            lambda X_: matmul_forward(X_, W), lambda dY_: backward(dY_, X, W)[0], X, rng
        )

    def check_dW(backward):
        return lambda: check_vjp(
            lambda W_: matmul_forward(X, W_), lambda dY_: backward(dY_, X, W)[1], W, rng
        )

    check_dX(matmul_backward)()  # passes: no AssertionError
    check_dW(matmul_backward)()
    print("right backward: dX = dY @ W.T and dW = X.T @ dY pass: True")
    #> right backward: dX = dY @ W.T and dW = X.T @ dY pass: True

    dX, dW = matmul_backward(dY, X, W)
    dX_bad, dW_bad = matmul_backward_wrong(dY, X, W)
    same = (dX_bad.shape, dW_bad.shape) == (dX.shape, dW.shape)
    print(f"the wrong ones have the right shapes: {same}")
    #> the wrong ones have the right shapes: True
    assert caught(check_dX(matmul_backward_wrong))
    assert caught(check_dW(matmul_backward_wrong))
    print("wrong backward: dX = dY @ W and dW = dY.T @ X caught: True")
    #> wrong backward: dX = dY @ W and dW = dY.T @ X caught: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
