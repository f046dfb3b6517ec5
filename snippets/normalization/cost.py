"""A normalization layer's full Jacobian has (size of X)^2 entries; the VJP keeps X."""

import numpy as np
from gradcheck import human_bytes, numerical_jacobian

# --8<-- [start:cost]
LAYERS = {  # name: (shape of X, the normalised axis)
    "LayerNorm, GPT-2 small (B, T, C)": ((8, 1024, 768), -1),
    "BatchNorm, a wide layer (N, D)": ((256, 4096), 0),
}


def costs(shape, axis, itemsize=8):
    """Bytes of the full Jacobian, of its non-zeros, and of what the VJP keeps."""
    size = int(np.prod(shape))
    pooled = shape[axis]  # the entries one mean and one variance average over
    full = size * size * itemsize  # shape + shape
    # each output depends on the inputs it was pooled with, and on no other
    nonzero = size * pooled * itemsize
    # X, then mu and rho: one of each per pooled group
    saved = (size + 2 * size // pooled) * itemsize
    return full, nonzero, saved


# --8<-- [end:cost]


def standardize(X, axis, eps=1e-5):
    """(X - mu) rho along one axis: the part of a normalization layer that mixes."""
    Xc = X - X.mean(axis=axis, keepdims=True)
    return Xc / np.sqrt((Xc**2).mean(axis=axis, keepdims=True) + eps)


def main():
    # --8<-- [start:print]
    for name, (shape, axis) in LAYERS.items():
        full, nonzero, saved = costs(shape, axis)
        print(f"{name} {shape}:")
        print(f"  full Jacobian {human_bytes(full)}, non-zero {human_bytes(nonzero)}")
        print(f"  the VJP keeps X, mu, rho: {human_bytes(saved)}")
    #> LayerNorm, GPT-2 small (B, T, C) (8, 1024, 768):
    #>   full Jacobian 288 TiB, non-zero 36 GiB
    #>   the VJP keeps X, mu, rho: 48.1 MiB
    #> BatchNorm, a wide layer (N, D) (256, 4096):
    #>   full Jacobian 8 TiB, non-zero 2 GiB
    #>   the VJP keeps X, mu, rho: 8.06 MiB
    # --8<-- [end:print]
    # --8<-- [start:check]
    rng = np.random.default_rng(8)
    for shape, axis in (((2, 3, 4), -1), ((5, 3), 0)):
        X = rng.standard_normal(shape)
        J = numerical_jacobian(lambda X_, a=axis: standardize(X_, a), X)
        full, nonzero, _ = costs(shape, axis)
        assert J.nbytes == full and np.count_nonzero(J) * 8 == nonzero
    print("the byte counts match the Jacobians built at (2, 3, 4) and (5, 3): True")
    #> the byte counts match the Jacobians built at (2, 3, 4) and (5, 3): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
