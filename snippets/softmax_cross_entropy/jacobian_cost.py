"""Batched softmax: (N, C, N, C) Jacobian, (N, C, C) blocks, (N, C) gradient."""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB

BYTES = 8  # float64


def softmax_jacobian(Z):
    """dS_nc / dZ_pj = delta_np S_nc (delta_cj - S_nj), the (N, C, N, C) tensor."""
    N, C = Z.shape
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    S = E / np.sum(E, axis=1, keepdims=True)
    blocks = np.einsum("nc,cj->ncj", S, np.eye(C)) - np.einsum("nc,nj->ncj", S, S)
    return np.einsum("np,ncj->ncpj", np.eye(N), blocks)


# --8<-- [start:cost]
def jacobian_sizes(N, C):
    """Entries of the full Jacobian, of its non-zero blocks, of the gradient."""
    full = N * C * N * C  # dS[n, c] / dZ[p, j] for every n, c, p, j
    blocks = N * C * C  # only n == p is non-zero: N dense (C, C) blocks
    grad = N * C  # dZ has the shape of Z
    return full, blocks, grad


# --8<-- [end:cost]


def main():
    rng = np.random.default_rng(6)
    # --8<-- [start:check]
    Z = rng.standard_normal((3, 5))  # a small batch: build the tensor and count
    J = softmax_jacobian(Z)
    full, blocks, grad = jacobian_sizes(3, 5)
    assert (J.size, np.count_nonzero(J)) == (full, blocks)
    print(f"N = 3, C = 5: {J.size} entries, {np.count_nonzero(J)} non-zero")
    #> N = 3, C = 5: 225 entries, 75 non-zero
    # --8<-- [end:check]

    # --8<-- [start:numbers]
    N, C = 256, 4096
    full, blocks, grad = jacobian_sizes(N, C)
    print(f"full (N, C, N, C): {full * BYTES:,} bytes = {human_bytes(full * BYTES)}")
    #> full (N, C, N, C): 8,796,093,022,208 bytes = 8 TiB
    print(f"blocks (N, C, C): {blocks * BYTES:,} bytes = {human_bytes(blocks * BYTES)}")
    #> blocks (N, C, C): 34,359,738,368 bytes = 32 GiB
    print(f"fused dZ (N, C): {grad * BYTES:,} bytes = {human_bytes(grad * BYTES)}")
    #> fused dZ (N, C): 8,388,608 bytes = 8 MiB
    print(f"full / fused = {full // grad:,} = N * C")
    #> full / fused = 1,048,576 = N * C
    print(f"blocks / fused = {blocks // grad:,} = C")
    #> blocks / fused = 4,096 = C
    # --8<-- [end:numbers]


if __name__ == "__main__":
    main()
