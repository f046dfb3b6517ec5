"""The full Jacobians of a two-layer MLP's layers against its gradients, in bytes.

For X (N, D), W1 (D, M), W2 (M, K): dA/dW1 has N M D M entries, dH/dA has
(N M)^2, dZ/dH has N K N M, dZ/dW2 has N K M K; backward stores only arrays of
the shapes of X W1, W1, W2, ... (float64: 8 bytes an entry).
"""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB

from snippets.mlp_by_hand import jacobian_chain as jc


# --8<-- [start:cost]
def jacobian_entries(N, D, M, K):
    """Entries of each layer's full Jacobian (output shape + input shape)."""
    return {
        "dA/dW1 (N, M, D, M)": N * M * D * M,
        "dA/db1 (N, M, M)": N * M * M,
        "dH/dA (N, M, N, M)": (N * M) ** 2,
        "dZ/dH (N, K, N, M)": N * K * N * M,
        "dZ/dW2 (N, K, M, K)": N * K * M * K,
        "dZ/db2 (N, K, K)": N * K * K,
    }


def backward_entries(N, D, M, K):
    """Entries of every array backward creates: dZ, dH, dA and the 4 gradients."""
    return N * K + 2 * N * M + (D * M + M) + (M * K + K)


def n_params(D, M, K):
    return D * M + M + M * K + K


# --8<-- [end:cost]


def main():
    # --8<-- [start:check]
    N, D, M, K = 4, 2, 5, 3  # build the tensors at a tiny size and count them
    rng = np.random.default_rng(0)
    X, A, H = (rng.standard_normal(s) for s in [(N, D), (N, M), (N, M)])
    built = [
        jc.jac_A_wrt_W1(X, M),
        jc.jac_A_wrt_b1(N, M),
        jc.jac_H_wrt_A(A),
        jc.jac_Z_wrt_H(rng.standard_normal((M, K)), N),
        jc.jac_Z_wrt_W2(H, K),
        jc.jac_Z_wrt_b2(N, K),
    ]
    assert [J.size for J in built] == list(jacobian_entries(N, D, M, K).values())
    # --8<-- [end:check]
    # --8<-- [start:report]
    for label, (N, D, M, K) in [
        ("spirals", (300, 2, 32, 3)),
        ("MNIST-sized", (256, 784, 1024, 10)),
    ]:
        J = jacobian_entries(N, D, M, K)
        print(f"{label}: N={N}, D={D}, M={M}, K={K}, {n_params(D, M, K):,} parameters")
        for name, entries in J.items():
            print(f"  {name:20} {human_bytes(8 * entries):>9}")
        full, vjp = 8 * sum(J.values()), 8 * backward_entries(N, D, M, K)
        ratio = full / vjp
        print(f"  all six {human_bytes(full)}; backward {human_bytes(vjp)}; ratio {ratio:,.0f}")
        print(f"  finite-difference check: {2 * n_params(D, M, K):,} forward passes")
    #> spirals: N=300, D=2, M=32, K=3, 195 parameters
    #>   dA/dW1 (N, M, D, M)     4.9 MB
    #>   dA/db1 (N, M, M)        2.5 MB
    #>   dH/dA (N, M, N, M)    737.3 MB
    #>   dZ/dH (N, K, N, M)     69.1 MB
    #>   dZ/dW2 (N, K, M, K)   691.2 kB
    #>   dZ/db2 (N, K, K)       21.6 kB
    #>   all six 814.5 MB; backward 162.4 kB; ratio 5,017
    #>   finite-difference check: 390 forward passes
    #> MNIST-sized: N=256, D=784, M=1024, K=10, 814,090 parameters
    #>   dA/dW1 (N, M, D, M)     1.7 TB
    #>   dA/db1 (N, M, M)        2.1 GB
    #>   dH/dA (N, M, N, M)    549.8 GB
    #>   dZ/dH (N, K, N, M)      5.4 GB
    #>   dZ/dW2 (N, K, M, K)   209.7 MB
    #>   dZ/db2 (N, K, K)      204.8 kB
    #>   all six 2.2 TB; backward 10.7 MB; ratio 208,912
    #>   finite-difference check: 1,628,180 forward passes
    # --8<-- [end:report]


if __name__ == "__main__":
    main()
