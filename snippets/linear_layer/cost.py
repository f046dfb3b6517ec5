"""The full Jacobians of Y = X W + b at N = 256, D = M = 4096, against dW, dX, db."""

import numpy as np
from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB

BYTES = 8  # float64


# --8<-- [start:shapes]
def jacobian_shapes(N, D, M):
    """Output shape + input shape, for each input of Y = X W + b."""
    return {"dY/dW": (N, M, D, M), "dY/dX": (N, M, N, D), "dY/db": (N, M, M)}


def gradient_shapes(N, D, M):
    """What backward returns: each gradient has the shape of its variable."""
    return {"dW": (D, M), "dX": (N, D), "db": (M,)}


# --8<-- [end:shapes]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(6)
    N, D, M = 2, 3, 4  # the shapes above are those of the tensors built on the page
    X, W = rng.standard_normal((N, D)), rng.standard_normal((D, M))
    built = {
        "dY/dW": np.einsum("nd,mk->nmdk", X, np.eye(M)).shape,
        "dY/dX": np.einsum("np,dm->nmpd", np.eye(N), W).shape,
        "dY/db": np.broadcast_to(np.eye(M), (N, M, M)).shape,
    }
    assert built == jacobian_shapes(N, D, M)
    print(f"shapes at N, D, M = 2, 3, 4: {built == jacobian_shapes(N, D, M)}")
    #> shapes at N, D, M = 2, 3, 4: True
    # --8<-- [end:check]
    # --8<-- [start:cost]
    N, D, M = 256, 4096, 4096  # a batch of 256, a 4096 -> 4096 layer, float64
    jac, grad = jacobian_shapes(N, D, M), gradient_shapes(N, D, M)
    for (j_name, j_shape), (d_name, d_shape) in zip(
        jac.items(), grad.items(), strict=True
    ):
        j_bytes, d_bytes = BYTES * np.prod(j_shape), BYTES * np.prod(d_shape)
        j_size, d_size = human_bytes(j_bytes), human_bytes(d_bytes)
        print(f"{j_name} {j_size}, {d_name} {d_size}: {j_bytes // d_bytes:,}x")
    #> dY/dW 128 TiB, dW 128 MiB: 1,048,576x
    #> dY/dX 8 TiB, dX 8 MiB: 1,048,576x
    #> dY/db 32 GiB, db 32 KiB: 1,048,576x
    through_J = N * M * D * M  # tensordot(dY, dY/dW): one multiply-add per entry
    direct = D * N * M  # X.T @ dY
    print(f"multiply-adds for dW: {through_J:.2e} through dY/dW, {direct:.2e} direct")
    #> multiply-adds for dW: 1.76e+13 through dY/dW, 4.29e+09 direct
    print(f"work ratio {through_J // direct:,} = M; memory ratio {N * M:,} = Y.size")
    #> work ratio 4,096 = M; memory ratio 1,048,576 = Y.size
    johnson = np.prod(jacobian_shapes(64, 4096, 4096)["dY/dX"])  # N = 64, float32
    print(
        f"Johnson's dY/dX: {johnson:,} entries, {human_bytes(4 * johnson)} in float32"
    )
    #> Johnson's dY/dX: 68,719,476,736 entries, 256 GiB in float32
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
