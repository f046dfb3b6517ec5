"""At W (4096, 4096), db/dW takes 512 GiB, dW 128 MiB; a batch of N multiplies dY/dW by N."""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB


# --8<-- [start:cost]
def nbytes(shape, itemsize=8):
    """Bytes of a float64 array of this shape."""
    return int(np.prod(shape)) * itemsize


# --8<-- [end:cost]


def main():
    # --8<-- [start:check]
    M = D = 4096  # W: (M, D), a square layer of a common size
    N = 256  # a batch: X (N, D), Y (N, M), row n of Y is W X[n]
    shapes = {
        "W and dW": (M, D),
        "db/da = W": (M, D),
        "db/dW": (M, M, D),
        "dY/dW, a batch": (N, M, M, D),
        "dY/dX, a batch": (N, M, N, D),
    }
    for name, shape in shapes.items():
        print(f"{name:15} {shape!s:24} {human_bytes(nbytes(shape))}")
    #> W and dW        (4096, 4096)             128 MiB
    #> db/da = W       (4096, 4096)             128 MiB
    #> db/dW           (4096, 4096, 4096)       512 GiB
    #> dY/dW, a batch  (256, 4096, 4096, 4096)  128 TiB
    #> dY/dX, a batch  (256, 4096, 256, 4096)   8 TiB
    one, batch = nbytes((M, M, D)), nbytes((N, M, M, D))
    print(f"db/dW over dW: {one // nbytes((M, D)):,} = M (1 entry in M is non-zero)")
    #> db/dW over dW: 4,096 = M (1 entry in M is non-zero)
    print(f"dY/dW over db/dW: {batch // one:,} = N")
    #> dY/dW over db/dW: 256 = N
    print(f"dY/dX over db/da: {nbytes((N, M, N, D)) // nbytes((M, D)):,} = N^2")
    #> dY/dX over db/da: 65,536 = N^2
    assert one == M * nbytes((M, D)) and batch == N * one
    assert nbytes((N, M, N, D)) == N**2 * nbytes((M, D))
    assert nbytes((3, 3, 3)) == 27 * 8 and nbytes((3, 3)) == 9 * 8
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
