"""Inverted dropout: Y = X * keep / (1 - p_drop) in training, Y = X in evaluation.

The backward multiplies by the same mask and scale: dX = dY * keep / (1 - p_drop).
"""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def draw_keep(shape, p_drop, rng):
    """The mask zeta: 1.0 with probability 1 - p_drop, else 0.0. Drawn once per step."""
    keep = (rng.random(shape) >= p_drop).astype(float)
    return keep


def dropout_forward(X, keep, p_drop):
    """Training (keep given): Y = X * keep / (1 - p_drop); evaluation (None): Y = X."""
    if keep is None:
        Y = X  # evaluation: no mask and no scale; training's scale already matched it
    else:
        Y = X * keep / (1.0 - p_drop)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(keep, p_drop):
    """J[n, d, p, q] = keep_nd / (1 - p_drop) delta_np delta_dq: diagonal."""
    N, D = keep.shape
    return np.einsum("nd,np,dq->ndpq", keep / (1.0 - p_drop), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def dropout_backward(dY, keep, p_drop):
    """dX = dY * keep / (1 - p_drop): the forward's own mask and scale, saved."""
    if keep is None:
        dX = dY  # evaluation: the layer is the identity
    else:
        dX = dY * keep / (1.0 - p_drop)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(9)
    p_drop = 0.25
    X = rng.standard_normal((2, 3))
    dY = rng.standard_normal((2, 3))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    keep = draw_keep(X.shape, p_drop, rng)
    J = jacobian(keep, p_drop)
    print(f"J: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 2, 3), non-zero 5 of 36
    print(f"its diagonal, as (N, D): {np.einsum('ndnd->nd', J).round(3).tolist()}")
    #> its diagonal, as (N, D): [[0.0, 1.333, 1.333], [1.333, 1.333, 1.333]]
    check_jacobian(J, lambda X_: dropout_forward(X_, keep, p_drop), X)  # mask fixed
    dX = dropout_backward(dY, keep, p_drop)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    X_big = rng.standard_normal((64, 768))
    keep_big = draw_keep(X_big.shape, p_drop, rng)
    check_vjp(
        lambda X_: dropout_forward(X_, keep_big, p_drop),
        lambda v: dropout_backward(v, keep_big, p_drop),
        X_big,
        rng,
    )
    print("dY * keep / (1 - p_drop) == dY contracted with J == differences: True")
    #> dY * keep / (1 - p_drop) == dY contracted with J == differences: True

    # The scale: averaged over masks, training's output is evaluation's output.
    draws = 20_000
    total = np.zeros_like(X)
    for _ in range(draws):
        total += dropout_forward(X, draw_keep(X.shape, p_drop, rng), p_drop)
    mean_train = total / draws
    Y_eval = dropout_forward(X, None, p_drop)
    error = np.max(np.abs(mean_train - Y_eval) / np.abs(X))
    print(f"mean over {draws} masks vs evaluation output: relative gap {error:.3f}")
    #> mean over 20000 masks vs evaluation output: relative gap 0.004
    assert error < 0.03  # the standard error is sqrt(p / (1 - p) / draws) = 0.004
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
