"""A 3x3 conv on a 224x224x64 input: its Jacobians in TiB, its backward in MiB."""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB

BYTES = 8  # float64
windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:counts]
def taps_inside(I, R, padding):
    """Sum over output positions of the taps that land inside X (not on padding)."""
    O = I + 2 * padding - R + 1
    return sum(min(i + R, I + padding) - max(i, padding) for i in range(O))


def sizes(N, D, M, I_h, I_w, R, padding):
    """Entries of each array, for a square R x R kernel at stride 1."""
    O_h, O_w = I_h + 2 * padding - R + 1, I_w + 2 * padding - R + 1
    X, Y, W = N * D * I_h * I_w, N * M * O_h * O_w, M * D * R * R
    inside = taps_inside(I_h, R, padding) * taps_inside(I_w, R, padding)
    return {
        "dY/dX": Y * X,
        "dY/dX non-zero": N * M * D * inside,  # one W entry per tap inside X
        "dY/dW": Y * W,
        "X_im2col": N * O_h * O_w * D * R * R,
        "X": X,
        "W": W,
        "Y": Y,
    }


# --8<-- [end:counts]


def conv2d_padded(X, W, padding):
    """Stride-1 convolution of the zero-padded X, no bias."""
    X_pad = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    X_win = windows(X_pad, W.shape[2:], axis=(2, 3))
    return np.einsum("ndijpq,mdpq->nmij", X_win, W, optimize=True)


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(8)
    N, D, M, I_h, I_w, R, padding = 2, 3, 4, 6, 5, 3, 1  # small, built entry by entry
    W = rng.standard_normal((M, D, R, R))
    Y_shape = conv2d_padded(np.zeros((N, D, I_h, I_w)), W, padding).shape
    J = np.zeros((*Y_shape, N, D, I_h, I_w))  # the conv is linear in X: J e_k = Y(e_k)
    for k in np.ndindex(N, D, I_h, I_w):
        unit = np.zeros((N, D, I_h, I_w))
        unit[k] = 1.0
        J[(..., *k)] = conv2d_padded(unit, W, padding)
    counts = sizes(N, D, M, I_h, I_w, R, padding)
    assert J.size == counts["dY/dX"] and np.count_nonzero(J) == counts["dY/dX non-zero"]
    print(f"dY/dX {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero, as counted")
    #> dY/dX (2, 4, 6, 5, 2, 3, 6, 5): 4992 of 43200 non-zero, as counted
    # --8<-- [end:check]
    # --8<-- [start:cost]
    counts = sizes(N=1, D=64, M=64, I_h=224, I_w=224, R=3, padding=1)  # one image
    for name, entries in counts.items():
        print(f"{name:>15}: {entries:>18,} entries, {human_bytes(BYTES * entries)}")
    #>           dY/dX: 10,312,216,477,696 entries, 75 TiB
    #>  dY/dX non-zero:      1,838,694,400 entries, 13.7 GiB
    #>           dY/dW:    118,380,036,096 entries, 882 GiB
    #>        X_im2col:         28,901,376 entries, 220 MiB
    #>               X:          3,211,264 entries, 24.5 MiB
    #>               W:             36,864 entries, 288 KiB
    #>               Y:          3,211,264 entries, 24.5 MiB
    grads = BYTES * (counts["X"] + counts["W"])  # dX and dW: the shapes of X and W
    print(f"the backward returns dX and dW: {human_bytes(grads)}")
    #> the backward returns dX and dW: 24.8 MiB
    ratio, im2col = counts["dY/dX"] // counts["X"], counts["X_im2col"] / counts["X"]
    print(f"dY/dX is {ratio:,} times dX; X_im2col is {im2col:.0f} times X")
    #> dY/dX is 3,211,264 times dX; X_im2col is 9 times X
    batch = sizes(N=32, D=64, M=64, I_h=224, I_w=224, R=3, padding=1)
    size_J, size_X = (
        human_bytes(BYTES * batch["dY/dX"]),
        human_bytes(BYTES * batch["X"]),
    )
    print(f"a batch of 32: dY/dX {size_J}, dX {size_X}")
    #> a batch of 32: dY/dX 75 PiB, dX 784 MiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
