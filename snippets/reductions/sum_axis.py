"""For y = X.sum(axis=1), dy_n/dX_pq = delta_np (shape (N, N, D)): dX = dy[:, None]."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def row_sum_forward(X):
    """y_n = sum_d X_nd: one number per row, shape (N,)."""
    y = X.sum(axis=1)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, p, q] = dy_n / dX_pq = delta_np: shape (N,) + (N, D)."""
    N, D = X.shape
    return np.einsum("np,d->npd", np.eye(N), np.ones(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def row_sum_backward(dy, X):
    """dX_pq = dy_p: dy of shape (N,) copied along the summed axis, back to (N, D)."""
    dX = np.broadcast_to(dy[:, None], X.shape).copy()  # copied: new and writable
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(12)
    N, D = 2, 3
    X = rng.standard_normal((N, D))
    dy = rng.standard_normal(N)  # the upstream gradient dL/dy, shape (N,)
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 2, 3), non-zero entries 6 of 12
    check_jacobian(J, row_sum_forward, X)  # central differences
    # The dot-product test on a square X as well: when N == D, dy broadcast along
    # the wrong axis raises no error, it returns wrong numbers (see the pitfall).
    X_sq = rng.standard_normal((4, 4))
    check_vjp(row_sum_forward, lambda v: row_sum_backward(v, X_sq), X_sq, rng)
    check_vjp(row_sum_forward, lambda v: row_sum_backward(v, X), X, rng)
    dX = row_sum_backward(dy, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dy, J), rtol=1e-12)
    # X may feed a second branch, whose gradient is added in place: dX += ...
    assert dX.flags.writeable, "dX is a read-only view: dX += ... would raise"
    dX_branch = rng.standard_normal((N, D))  # the other branch's gradient
    dX += dX_branch
    np.testing.assert_allclose(dX, vjp_from_jacobian(dy, J) + dX_branch, rtol=1e-12)
    print(f"dy {dy.shape} copied back to {dX.shape} == dy contracted with J: True")
    #> dy (2,) copied back to (2, 3) == dy contracted with J: True
    print(f"dX is writable and accumulates (dX += ...): {dX.flags.writeable}")
    #> dX is writable and accumulates (dX += ...): True
    # --8<-- [end:check]

    # --8<-- [start:view]
    view = np.broadcast_to(dy[:, None], X.shape)  # the same numbers, and no copy
    print(f"broadcast_to: strides {view.strides}, writeable {view.flags.writeable}")
    try:
        view += dX_branch  # a second branch's gradient, accumulated in place
    except ValueError as err:
        print(f"view += dX_branch raises ValueError: {err}")
    #> broadcast_to: strides (8, 0), writeable False
    #> view += dX_branch raises ValueError: output array is read-only
    # --8<-- [end:view]

    # --8<-- [start:pitfall]
    for shape in [(2, 3), (4, 4)]:
        X_ = rng.standard_normal(shape)
        dy_ = rng.standard_normal(shape[0])
        try:  # NumPy aligns dy with the LAST axis of X: the axis that was summed away
            naive = np.broadcast_to(dy_, X_.shape).copy()  # dy, not dy[:, None]
        except ValueError:
            print(f"X {shape}: broadcast_to(dy, X.shape) raises ValueError")
            continue
        ok = np.allclose(naive, row_sum_backward(dy_, X_))
        print(f"X {shape}: broadcast_to(dy, X.shape) runs, equals the gradient: {ok}")
    #> X (2, 3): broadcast_to(dy, X.shape) raises ValueError
    #> X (4, 4): broadcast_to(dy, X.shape) runs, equals the gradient: False
    y_col = X_.sum(axis=1, keepdims=True)  # keepdims: y is a column, shape (N, 1)
    dy_col = dy_.reshape(y_col.shape)  # and so is its upstream gradient
    kept = np.broadcast_to(dy_col, X_.shape).copy()  # (N, 1): copied along axis 1
    assert np.allclose(kept, row_sum_backward(dy_, X_))
    print(f"keepdims: dy {dy_col.shape}, broadcast_to(dy, X.shape) is the gradient")
    #> keepdims: dy (4, 1), broadcast_to(dy, X.shape) is the gradient
    # --8<-- [end:pitfall]

    # --8<-- [start:cost]
    N, D = 256, 4096
    jacobian_bytes = N * N * D * 8  # shape (N, N, D), float64
    print(f"J of X.sum(axis=1), N={N}, D={D}: {human_bytes(jacobian_bytes)}")
    #> J of X.sum(axis=1), N=256, D=4096: 2 GiB
    print(f"non-zero: {N * D:,} of {N * N * D:,} entries (a fraction 1/N)")
    #> non-zero: 1,048,576 of 268,435,456 entries (a fraction 1/N)
    print(
        f"backward: reads dy, {human_bytes(N * 8)}; writes dX, {human_bytes(N * D * 8)}"
    )
    #> backward: reads dy, 2 KiB; writes dX, 8 MiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
