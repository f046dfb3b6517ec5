"""The full Jacobians of X^-1, solve and A X B at D = 1024, against the gradients."""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB

BYTES = 8  # float64


# --8<-- [start:shapes]
def shapes(D, K):
    """(what, Jacobian shape = output + input, gradient, its shape = the input's)."""
    return [
        ("X^-1", (D, D, D, D), "dX", (D, D)),
        ("solve, wrt X", (D, K, D, D), "dX", (D, D)),
        ("solve, wrt F", (D, K, D, K), "dF", (D, K)),
        ("A X B, all (D, D)", (D, D, D, D), "dX", (D, D)),  # kron: (D^2, D^2)
    ]


# --8<-- [end:shapes]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(11)
    D, K = 3, 2  # the Jacobians the page builds have these shapes
    X, F = rng.standard_normal((D, D)) + D * np.eye(D), rng.standard_normal((D, K))
    Xinv = np.linalg.inv(X)
    built = [
        np.einsum("ik,lj->ijkl", Xinv, Xinv).shape,
        np.einsum("ik,lj->ijkl", Xinv, Xinv @ F).shape,
        np.einsum("ik,jl->ijkl", Xinv, np.eye(K)).shape,
        np.einsum("ik,lj->ijkl", X, X).shape,
    ]
    assert built == [j for _, j, _, _ in shapes(D, K)]
    print(f"shapes at D, K = {D}, {K}: True")
    #> shapes at D, K = 3, 2: True
    # --8<-- [end:check]
    # --8<-- [start:cost]
    D, K = 1024, 64  # a 1024 x 1024 matrix, 64 right-hand sides, float64
    for what, j_shape, d_name, d_shape in shapes(D, K):
        j_bytes, d_bytes = BYTES * np.prod(j_shape), BYTES * np.prod(d_shape)
        j_size, d_size = human_bytes(j_bytes), human_bytes(d_bytes)
        print(f"{what:>17}: Jacobian {j_size:>7}, {d_name} {d_size:>7}")
    #>              X^-1: Jacobian   8 TiB, dX   8 MiB
    #>      solve, wrt X: Jacobian 512 GiB, dX   8 MiB
    #>      solve, wrt F: Jacobian  32 GiB, dF 512 KiB
    #> A X B, all (D, D): Jacobian   8 TiB, dX   8 MiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
