"""Slice and zero-pad are each other's backward: slicing pads dY with zeros, padding crops it."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def slice_forward(X, start, stop):
    """Y = X[:, start:stop]: (N, D) -> (N, stop - start), columns start..stop-1."""
    Y = X[:, start:stop]
    return Y


def pad_forward(X, pad):
    """Y = X with pad columns of zeros on each side: (N, D) -> (N, D + 2 pad)."""
    Y = np.pad(X, ((0, 0), (pad, pad)))
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def slice_jacobian(N, D, start, stop):
    """dY_nm / dX_pj = delta_np delta_{start+m, j}: rows start..stop-1 of the identity."""
    return np.einsum("np,mj->nmpj", np.eye(N), np.eye(D)[start:stop])


def pad_jacobian(N, D, pad):
    """dY_nm / dX_pj = delta_np delta_{m, j+pad}: the identity, pad zero rows each side."""
    return np.einsum("np,mj->nmpj", np.eye(N), np.pad(np.eye(D), ((pad, pad), (0, 0))))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def slice_backward(dY, D, start, stop):
    """dX (N, D): dY in the columns the slice kept, zeros in the columns it dropped."""
    dX = np.pad(dY, ((0, 0), (start, D - stop)))  # widths before and after, not bounds
    return dX


def pad_backward(dY, pad):
    """dX (N, D): dY cropped; the padded zeros were constants and get nothing."""
    dX = dY[:, pad : dY.shape[1] - pad]  # not dY[:, pad:-pad]: empty for pad = 0
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(15)
    N, D = 2, 5
    X = rng.standard_normal((N, D))
    # --8<-- [start:check]
    for start, stop in [(1, 4), (0, 2), (3, 5)]:
        J = slice_jacobian(N, D, start, stop)
        check_jacobian(J, lambda X_, i=start, j=stop: slice_forward(X_, i, j), X)
        dY = rng.standard_normal((N, stop - start))
        dX = slice_backward(dY, D, start, stop)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
        dX_set = np.zeros((N, D))
        dX_set[:, start:stop] = dY  # the same, written as an assignment
        np.testing.assert_array_equal(dX, dX_set)
    for pad in [0, 1, 2]:
        J = pad_jacobian(N, D, pad)
        check_jacobian(J, lambda X_, pad=pad: pad_forward(X_, pad), X)
        dY = rng.standard_normal((N, D + 2 * pad))
        dX = pad_backward(dY, pad)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
        J_crop = slice_jacobian(N, D + 2 * pad, pad, pad + D)  # slice the padding off
        flat = (N * (D + 2 * pad), N * D)
        assert np.array_equal(J.reshape(flat), J_crop.reshape(flat[::-1]).T)
    print(f"pad by 2: J {J.shape}, the transpose of the crop's J: True")
    #> pad by 2: J (2, 9, 2, 5), the transpose of the crop's J: True

    N, D = 64, 256  # realistic sizes: dot-product tests
    X = rng.standard_normal((N, D))
    for pad in [0, 3]:
        check_vjp(
            lambda X_, pad=pad: pad_forward(X_, pad),
            lambda dY_, pad=pad: pad_backward(dY_, pad),
            X,
            rng,
        )
    start, stop = 16, 200
    check_vjp(
        lambda X_: slice_forward(X_, start, stop),
        lambda dY_: slice_backward(dY_, D, start, stop),
        X,
        rng,
    )
    print("dot-product tests for slice and pad (pad = 0 and pad = 3): passed")
    #> dot-product tests for slice and pad (pad = 0 and pad = 3): passed
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    pad = 0
    dY = rng.standard_normal((2, 5 + 2 * pad))  # the gradient of a padded (2, 5)
    print(f"pad = 0: dY[:, pad:-pad] has shape {dY[:, pad:-pad].shape}")
    #> pad = 0: dY[:, pad:-pad] has shape (2, 0)
    print(f"pad_backward(dY, pad) has shape {pad_backward(dY, pad).shape}")
    #> pad_backward(dY, pad) has shape (2, 5)
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
