"""For b = W a: da = W^T g, dW = outer(g, a); the checks reject W g and outer(a, g)."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(W, a):
    """b_i = sum_k W_ik a_k, W (3, 3), a (3,), b (3,)."""
    return W @ a


# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(W, a, g):
    """g = dL/db (3,) -> (da, dW), shapes (3,) and (3, 3)."""
    da = W.T @ g  # sum_i g_i W_ik: contract g with the output axis of db/da = W
    dW = np.outer(g, a)  # dW_jk = sum_i g_i delta_ij a_k = g_j a_k
    return da, dW


def backward_wrong(W, a, g):
    """The same shapes, a factor transposed in each: what the checks must reject."""
    return W @ g, np.outer(a, g)


# --8<-- [end:backward]


def caught(check):
    """True if the check raises AssertionError."""
    try:
        check()
    except AssertionError:
        return True
    return False


def main():
    rng = np.random.default_rng(0)
    W = rng.standard_normal((3, 3))  # square: every shape check passes either way
    a = rng.standard_normal(3)
    g = rng.standard_normal(3)
    # --8<-- [start:check]
    check_jacobian(W, lambda a_: forward(W, a_), a)  # db/da = W, shape (3, 3)
    da, dW = backward(W, a, g)
    np.testing.assert_allclose(da, vjp_from_jacobian(g, W), rtol=1e-12)

    def check_da(vjp):
        return lambda: check_vjp(lambda a_: forward(W, a_), vjp, a, rng)

    def check_dW(vjp):
        return lambda: check_vjp(lambda W_: forward(W_, a), vjp, W, rng)

    check_da(lambda v: backward(W, a, v)[0])()  # passes: no AssertionError
    check_dW(lambda v: backward(W, a, v)[1])()
    print("right backward: da = W.T @ g and dW = np.outer(g, a) pass: True")
    #> right backward: da = W.T @ g and dW = np.outer(g, a) pass: True

    da_bad, dW_bad = backward_wrong(W, a, g)
    same = (da_bad.shape, dW_bad.shape) == (da.shape, dW.shape)
    print(f"the wrong ones have the right shapes: {same}")
    #> the wrong ones have the right shapes: True
    assert caught(check_da(lambda v: backward_wrong(W, a, v)[0]))
    assert caught(check_dW(lambda v: backward_wrong(W, a, v)[1]))
    print("wrong backward: da = W @ g and dW = np.outer(a, g) caught: True")
    #> wrong backward: da = W @ g and dW = np.outer(a, g) caught: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
