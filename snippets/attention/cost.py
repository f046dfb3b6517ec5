"""Memory of attention's backward at T = 8192: the Jacobians, the (T, T) matrix S, the tiles."""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB


# --8<-- [start:cost]
def backward_bytes(T, D_head, tile, itemsize):
    """Bytes of one head of one example, by what the backward keeps."""
    return {
        "dY/dK": (T * D_head) ** 2 * itemsize,  # one full Jacobian
        "S": T * T * itemsize,  # what a plain backward saves or recomputes whole
        "Q, K, V, Y, dY": 5 * T * D_head * itemsize,  # both backwards read these
        "lse, Delta": 2 * T * itemsize,  # what the tiled backward adds: (T,) each
        "tile": 4 * tile * tile * itemsize,  # Z, S, dS, dZ of one (tile, tile) tile
    }


# --8<-- [end:cost]


def main():
    # --8<-- [start:print]
    T, D_head, tile = 8192, 64, 128  # GPT-2's head width; a 128 x 128 tile
    for dtype in (np.float32, np.float16):
        print(f"T = {T}, D_head = {D_head}, one head, {np.dtype(dtype).name}:")
        counted = backward_bytes(T, D_head, tile, np.dtype(dtype).itemsize)
        for what, nbytes in counted.items():
            print(f"  {what}: {human_bytes(nbytes)}")
    #> T = 8192, D_head = 64, one head, float32:
    #>   dY/dK: 1 TiB
    #>   S: 256 MiB
    #>   Q, K, V, Y, dY: 10 MiB
    #>   lse, Delta: 64 KiB
    #>   tile: 256 KiB
    #> T = 8192, D_head = 64, one head, float16:
    #>   dY/dK: 512 GiB
    #>   S: 128 MiB
    #>   Q, K, V, Y, dY: 5 MiB
    #>   lse, Delta: 32 KiB
    #>   tile: 128 KiB
    N, N_head = 8, 12  # a batch of 8 sequences, GPT-2 small's 12 heads, one layer
    S_all = N * N_head * backward_bytes(T, D_head, tile, 2)["S"]
    print(f"S for N = {N}, N_head = {N_head}, float16, one layer: {human_bytes(S_all)}")
    #> S for N = 8, N_head = 12, float16, one layer: 12 GiB
    # --8<-- [end:print]
    # --8<-- [start:check]
    rng = np.random.default_rng(4)
    T, D_head, tile = 32, 4, 8  # the formulas against arrays the page builds
    Q, K = rng.standard_normal((T, D_head)), rng.standard_normal((T, D_head))
    S = np.exp(Q @ K.T / np.sqrt(D_head))
    S /= S.sum(axis=-1, keepdims=True)
    J_K = np.zeros((T, D_head, T, D_head))  # the shape of attention.py's dY/dK
    counted = backward_bytes(T, D_head, tile, 8)
    assert counted["dY/dK"] == J_K.nbytes and counted["S"] == S.nbytes
    assert counted["Q, K, V, Y, dY"] == 5 * Q.nbytes
    assert counted["lse, Delta"] == 2 * S[:, 0].nbytes
    assert counted["tile"] == 4 * S[:tile, :tile].nbytes
    print("byte counts == nbytes of float64 arrays at T = 32: True")
    #> byte counts == nbytes of float64 arrays at T = 32: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
