"""The full Jacobians of a two-layer MLP's layers against its gradients, in bytes.

For X (N, D), W1 (D, M), W2 (M, C): dU/dW1 has N M D M entries, dH/dU has
(N M)^2, dZ/dH has N C N M, dZ/dW2 has N C M C; backward creates only arrays
of the shapes of Z, U, X, W1, W2, ... (float64: 8 bytes an entry).
"""

import numpy as np
from gradcheck import human_bytes


# --8<-- [start:cost]
def jacobian_entries(N, D, M, C):
    """Entries of each layer's full Jacobian (output shape + input shape)."""
    return {
        "dU/dW1 (N, M, D, M)": N * M * D * M,
        "dU/db1 (N, M, M)": N * M * M,
        "dH/dU (N, M, N, M)": (N * M) ** 2,
        "dZ/dH (N, C, N, M)": N * C * N * M,
        "dZ/dW2 (N, C, M, C)": N * C * M * C,
        "dZ/db2 (N, C, C)": N * C * C,
    }


def backward_entries(N, D, M, C):
    """Entries of the gradients backward computes: dZ, dH, dU, dX and dW1 ... db2."""
    return N * C + 2 * N * M + N * D + (D * M + M) + (M * C + C)


def n_params(D, M, C):
    return D * M + M + M * C + C


# --8<-- [end:cost]


def main():
    # --8<-- [start:check]
    N, D, M, C = 4, 2, 5, 3  # build the six tensors at a tiny size and count them
    rng = np.random.default_rng(0)
    X, U, H = (rng.standard_normal(s) for s in [(N, D), (N, M), (N, M)])
    W2 = rng.standard_normal((M, C))
    eye_N, eye_M, eye_C, ones_N = np.eye(N), np.eye(M), np.eye(C), np.ones(N)
    built = [  # the Jacobians of jacobian_chain.py, repeated
        np.einsum("ni,mj->nmij", X, eye_M),
        np.einsum("n,mj->nmj", ones_N, eye_M),
        np.einsum("np,mj,nm->nmpj", eye_N, eye_M, U > 0),
        np.einsum("np,jc->ncpj", eye_N, W2),
        np.einsum("ni,cj->ncij", H, eye_C),
        np.einsum("n,cj->ncj", ones_N, eye_C),
    ]
    assert [J.size for J in built] == list(jacobian_entries(N, D, M, C).values())
    # --8<-- [end:check]
    # --8<-- [start:report]
    for label, (N, D, M, C) in [
        ("spirals", (300, 2, 32, 3)),
        ("MNIST-sized", (256, 784, 1024, 10)),
    ]:
        J = jacobian_entries(N, D, M, C)
        print(f"{label}: N={N}, D={D}, M={M}, C={C}, {n_params(D, M, C):,} parameters")
        for name, entries in J.items():
            print(f"  {name:20} {human_bytes(8 * entries):>9}")
        full, vjp = 8 * sum(J.values()), 8 * backward_entries(N, D, M, C)
        print(
            f"  all six {human_bytes(full)}; backward {human_bytes(vjp)};"
            f" ratio {full / vjp:,.0f}"
        )
        print(f"  finite-difference check: {2 * n_params(D, M, C):,} forward passes")
    #> spirals: N=300, D=2, M=32, C=3, 195 parameters
    #>   dU/dW1 (N, M, D, M)   4.69 MiB
    #>   dU/db1 (N, M, M)      2.34 MiB
    #>   dH/dU (N, M, N, M)     703 MiB
    #>   dZ/dH (N, C, N, M)    65.9 MiB
    #>   dZ/dW2 (N, C, M, C)    675 KiB
    #>   dZ/db2 (N, C, C)      21.1 KiB
    #>   all six 777 MiB; backward 163 KiB; ratio 4,872
    #>   finite-difference check: 390 forward passes
    #> MNIST-sized: N=256, D=784, M=1024, C=10, 814,090 parameters
    #>   dU/dW1 (N, M, D, M)   1.53 TiB
    #>   dU/db1 (N, M, M)         2 GiB
    #>   dH/dU (N, M, N, M)     512 GiB
    #>   dZ/dH (N, C, N, M)       5 GiB
    #>   dZ/dW2 (N, C, M, C)    200 MiB
    #>   dZ/db2 (N, C, C)       200 KiB
    #>   all six 2.04 TiB; backward 11.8 MiB; ratio 181,714
    #>   finite-difference check: 1,628,180 forward passes
    # --8<-- [end:report]


if __name__ == "__main__":
    main()
