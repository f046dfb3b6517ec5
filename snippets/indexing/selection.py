"""Every op on this page is y = x.ravel()[source]: J selects, and dx is a scatter-add of dy."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def gather_forward(x, source):
    """y[i] = x.ravel()[source[i]], and 0 where source[i] is -1 (a padded entry)."""
    y = np.where(source >= 0, x.ravel()[source], 0.0)
    return y


# --8<-- [end:forward]


# --8<-- [start:sources]
def sources(x):
    """(name, op, source): source = the op applied to the flat positions of x."""
    pos = np.arange(x.size).reshape(x.shape)  # pos[i] = flat index of entry i of x
    ops = {
        "reshape": lambda a: a.reshape(6, 4),
        "transpose": lambda a: a.transpose(2, 0, 1),
        "slice": lambda a: a[:, 1:, ::2],
        "broadcast": lambda a: np.broadcast_to(a, (3, 2, 3, 4)),
        "concatenate": lambda a: np.concatenate([a, a[:, :1]], axis=1),
        "take": lambda a: np.take(a, [2, 0, 2], axis=1),
        "boolean mask": lambda a: a[x > 0],  # the mask comes from x, not from a
    }
    out = [(name, op, op(pos)) for name, op in ops.items()]

    def pad(a, value=0.0):
        return np.pad(a, ((0, 0), (1, 1), (0, 0)), constant_values=value)

    out.append(("pad", pad, pad(pos, value=-1)))  # -1: a padded entry copies nothing
    edge = lambda a: np.pad(a, ((0, 0), (1, 1), (0, 0)), mode="edge")  # noqa: E731
    out.append(("edge pad", edge, edge(pos)))  # copies the border entries
    return out


# --8<-- [end:sources]


# --8<-- [start:jacobian]
def selection_jacobian(source, x_shape):
    """J[i, j] = 1 if y[i] is a copy of x[j]: at most one 1 per output entry."""
    size = int(np.prod(x_shape))
    J = source[..., None] == np.arange(size)
    return J.reshape(source.shape + tuple(x_shape)).astype(float)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def gather_backward(dy, source, x_shape):
    """dx[j] = the sum of dy[i] over every i with source[i] == j (zero if none)."""
    keep = source >= 0
    size = int(np.prod(x_shape))
    dx = np.bincount(source[keep], weights=dy[keep], minlength=size)
    dx = dx.reshape(x_shape)
    return dx


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(19)
    x = rng.standard_normal((2, 3, 4))
    # --8<-- [start:check]
    for name, op, source in sources(x):
        np.testing.assert_array_equal(gather_forward(x, source), op(x))  # a gather
        J = selection_jacobian(source, x.shape)
        check_jacobian(J, lambda x_, s=source: gather_forward(x_, s), x)
        dy = rng.standard_normal(source.shape)
        dx = gather_backward(dy, source, x.shape)
        np.testing.assert_allclose(dx, vjp_from_jacobian(dy, J), rtol=1e-12, atol=1e-15)
        copies = J.reshape(source.size, x.size).sum(axis=0)  # of each entry of x
        low, high = int(copies.min()), int(copies.max())
        print(f"{name:12} y {source.shape!s:12} copies of an x entry: {low} to {high}")
    #> reshape      y (6, 4)       copies of an x entry: 1 to 1
    #> transpose    y (4, 2, 3)    copies of an x entry: 1 to 1
    #> slice        y (2, 2, 2)    copies of an x entry: 0 to 1
    #> broadcast    y (3, 2, 3, 4) copies of an x entry: 3 to 3
    #> concatenate  y (2, 4, 4)    copies of an x entry: 1 to 2
    #> take         y (2, 3, 4)    copies of an x entry: 0 to 2
    #> boolean mask y (14,)        copies of an x entry: 0 to 1
    #> pad          y (2, 5, 4)    copies of an x entry: 1 to 1
    #> edge pad     y (2, 5, 4)    copies of an x entry: 1 to 2

    x = rng.standard_normal((16, 64, 32))  # a realistic size: the dot-product test
    source = np.take(
        np.arange(x.size).reshape(x.shape), rng.integers(0, 64, 80), axis=1
    )
    check_vjp(
        lambda x_: gather_forward(x_, source),
        lambda dy_: gather_backward(dy_, source, x.shape),
        x,
        rng,
    )
    print("dot-product test, a take of 80 columns from 64 (repeats): passed")
    #> dot-product test, a take of 80 columns from 64 (repeats): passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
