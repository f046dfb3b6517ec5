"""Broadcasting is a gather with repeated indices: its backward sums over the copied axes."""

import numpy as np
from gradcheck import check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def broadcast_forward(x, shape):
    """y = np.broadcast_to(x, shape): every entry of y is a copy of one entry of x."""
    y = np.broadcast_to(x, shape)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def broadcast_jacobian(in_shape, out_shape):
    """J[i, j] = 1 if y[i] is a copy of x[j]: the gather of x's flat positions."""
    size = int(np.prod(in_shape))
    source = np.broadcast_to(np.arange(size).reshape(in_shape), out_shape)
    J = source[..., None] == np.arange(size)  # one 1 per output entry
    return J.reshape(tuple(out_shape) + tuple(in_shape)).astype(float)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def broadcast_backward(dy, shape):
    """Sum dy (the broadcast result's shape) back down to x's shape, `shape`.

    The backward of any broadcast: sum over the leading axes broadcasting added,
    then over the axes where x had size 1, keeping them (keepdims=True).
    """
    extra = dy.ndim - len(shape)  # axes prepended, e.g. (M,) seen as (1, M)
    dx = dy.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, s in enumerate(shape) if s == 1 and dx.shape[i] != 1)
    dx = dx.sum(axis=stretched, keepdims=True)
    return dx


# --8<-- [end:backward]


def shape_pairs(rng, count):
    """(in_shape, out_shape) that NumPy can broadcast: drop leading axes, set some to 1."""
    pairs = [
        ((), (3, 4)),  # a scalar
        ((4,), (3, 4)),  # a row bias
        ((3, 1), (3, 4)),  # a column
        ((1, 1), (3, 4)),
        ((3, 4), (3, 4)),  # nothing to do
        ((1, 4, 1), (2, 3, 4, 5)),  # prepended, stretched and kept axes together
        ((1,), (1,)),  # size 1 in both: kept, not summed
    ]
    while len(pairs) < count:
        out_shape = tuple(rng.integers(1, 5, size=rng.integers(0, 5)).tolist())
        kept = out_shape[rng.integers(0, len(out_shape) + 1) :]  # drop leading axes
        in_shape = tuple(1 if rng.random() < 0.4 else s for s in kept)
        pairs.append((in_shape, out_shape))
    return pairs


def main():
    rng = np.random.default_rng(18)
    # --8<-- [start:check]
    pairs = shape_pairs(rng, 300)
    for in_shape, out_shape in pairs:
        x = rng.standard_normal(in_shape)
        dy = rng.standard_normal(out_shape)
        dx = broadcast_backward(dy, in_shape)
        J = broadcast_jacobian(in_shape, out_shape)
        np.testing.assert_allclose(dx, vjp_from_jacobian(dy, J), rtol=1e-12, atol=1e-12)
        source = np.broadcast_to(np.arange(x.size).reshape(in_shape), out_shape)
        added = np.bincount(source.ravel(), weights=dy.ravel(), minlength=x.size)
        np.testing.assert_allclose(dx, added.reshape(in_shape), rtol=1e-12, atol=1e-12)
        check_vjp(
            lambda x_, s=out_shape: broadcast_forward(x_, s),
            lambda dy_, s=in_shape: broadcast_backward(dy_, s),
            x,
            rng,
        )
    print(f"{len(pairs)} shape pairs: dx == Jacobian contraction == scatter-add: True")
    #> 300 shape pairs: dx == Jacobian contraction == scatter-add: True
    print(f"e.g. {pairs[5][0]} -> {pairs[5][1]}, {pairs[-1][0]} -> {pairs[-1][1]}")
    #> e.g. (1, 4, 1) -> (2, 3, 4, 5), (1,) -> (3, 1, 1, 1)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
