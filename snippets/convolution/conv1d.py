"""y = x ⋆ w (valid): dy_i/dx_j = w_(j-i), from 0; dx correlates dy with w flipped."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian

windows = np.lib.stride_tricks.sliding_window_view  # windows(x, R)[i] = x[i : i + R]


# --8<-- [start:forward]
def conv1d_forward(x, w):
    """y_i = sum_p w_p x_(i+p), counted from 0: x (I,), w (R,) -> y (O,), O = I-R+1."""
    y = windows(x, w.size) @ w  # (O, R) @ (R,): one window of x per output
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_x(w, I):
    """J[i, j] = dy_i/dx_j = sum_p w_p delta_(j, i+p): banded Toeplitz, shape (O, I)."""
    R = w.size
    O = I - R + 1
    # np.eye(O, I, k=p)[i, j] = 1 where j == i + p: one shifted identity per tap
    return sum(w[p] * np.eye(O, I, k=p) for p in range(R))


def jacobian_wrt_w(x, R):
    """J[i, p] = dy_i/dw_p = x_(i+p): shape (O, R), row i is the window of x at i."""
    return windows(x, R).copy()


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def conv1d_backward(dy, x, w):
    """dy (O,) -> dx (I,), dw (R,): the shapes of x and w."""
    R = w.size
    dy_padded = np.pad(dy, R - 1)  # R - 1 zeros at each end: length O + 2(R-1)
    dx = windows(dy_padded, R) @ w[::-1]  # full correlation with the flipped kernel
    dw = windows(x, dy.size) @ dy  # dw_p = sum_i x_(i+p) dy_i: x correlated with dy
    return dx, dw


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    I, R = 8, 3  # O = 6: three different sizes
    x = rng.standard_normal(I)
    w = rng.standard_normal(R)
    # --8<-- [start:toeplitz]
    J = jacobian_wrt_x(w, I)
    print(f"dy/dx {J.shape}: {np.count_nonzero(J)} of {J.size} entries non-zero")
    #> dy/dx (6, 8): 18 of 48 entries non-zero
    names = {w[p]: f"w{p}" for p in range(R)}  # show each entry by its tap
    for i, row in enumerate(J):
        print(f"y_{i}: " + " ".join(f"{names.get(e, '.'):>2}" for e in row))
    #> y_0: w0 w1 w2  .  .  .  .  .
    #> y_1:  . w0 w1 w2  .  .  .  .
    #> y_2:  .  . w0 w1 w2  .  .  .
    #> y_3:  .  .  . w0 w1 w2  .  .
    #> y_4:  .  .  .  . w0 w1 w2  .
    #> y_5:  .  .  .  .  . w0 w1 w2
    # --8<-- [end:toeplitz]
    # --8<-- [start:check]
    dy = rng.standard_normal(I - R + 1)  # a random upstream gradient
    J_x, J_w = jacobian_wrt_x(w, I), jacobian_wrt_w(x, R)
    check_jacobian(J_x, lambda x_: conv1d_forward(x_, w), x)  # central differences
    check_jacobian(J_w, lambda w_: conv1d_forward(x, w_), w)
    dx, dw = conv1d_backward(dy, x, w)
    np.testing.assert_allclose(dx, vjp_from_jacobian(dy, J_x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dw, vjp_from_jacobian(dy, J_w), rtol=1e-12, atol=1e-15)
    check_gradient(dx, lambda x_: np.sum(dy * conv1d_forward(x_, w)), x)  # L = <dy, y>
    check_gradient(dw, lambda w_: np.sum(dy * conv1d_forward(x, w_)), w)
    print(f"dx {dx.shape}, dw {dw.shape}: dy @ J_x, dy @ J_w, finite differences agree")
    #> dx (8,), dw (3,): dy @ J_x, dy @ J_w, finite differences agree
    same = np.allclose(dx, np.convolve(dy, w, mode="full"))  # a true convolution
    print(f"dx == np.convolve(dy, w, 'full'), a signal-processing convolution: {same}")
    #> dx == np.convolve(dy, w, 'full'), a signal-processing convolution: True
    # --8<-- [end:check]
    # --8<-- [start:argument_order]
    right = np.correlate(x, dy, mode="valid")  # dw_p = sum_i x_(i+p) dy_i
    swapped = np.correlate(dy, x, mode="valid")  # the arguments the other way round
    print(f"correlate(x, dy) == dw: {np.allclose(right, dw)}")
    #> correlate(x, dy) == dw: True
    print(f"correlate(dy, x) == dw reversed: {np.allclose(swapped, dw[::-1])}")
    #> correlate(dy, x) == dw reversed: True
    # --8<-- [end:argument_order]


if __name__ == "__main__":
    main()
