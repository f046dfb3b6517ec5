"""For mu = X.mean(axis=0, keepdims=True), dmu_0d/dX_pq = delta_dq / N: dX = dmu / N."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def batch_mean_forward(X):
    """mu_0d = 1/N sum_n X_nd: the batch mean, kept 2-D, shape (1, D)."""
    mu = X.mean(axis=0, keepdims=True)
    return mu


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[0, d, p, q] = dmu_0d / dX_pq = delta_dq / N: shape (1, D) + (N, D)."""
    N, D = X.shape
    return np.einsum("dq,p->dpq", np.eye(D), np.full(N, 1.0 / N))[None]


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def batch_mean_backward(dmu, X):
    """dX_pq = dmu_0q / N: dmu of shape (1, D) broadcasts over the N rows as is."""
    dX = np.broadcast_to(dmu / X.shape[0], X.shape).copy()  # copied: writable
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(13)
    N, D = 4, 3
    X = rng.standard_normal((N, D))
    dmu = rng.standard_normal((1, D))  # the upstream gradient dL/dmu, shape (1, D)
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (1, 3, 4, 3), non-zero entries 12 of 36
    check_jacobian(J, batch_mean_forward, X)  # central differences
    dX = batch_mean_backward(dmu, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dmu, J), rtol=1e-12)
    check_vjp(batch_mean_forward, lambda v: batch_mean_backward(v, X), X, rng)
    # X may feed a second branch, whose gradient is added in place: dX += ...
    assert dX.flags.writeable, "dX is a read-only view: dX += ... would raise"
    dX_branch = rng.standard_normal((N, D))  # the other branch's gradient
    dX += dX_branch
    np.testing.assert_allclose(dX, vjp_from_jacobian(dmu, J) + dX_branch, rtol=1e-12)
    print(f"dmu {dmu.shape} / N broadcast to {dX.shape} == dmu contracted with J: True")
    #> dmu (1, 3) / N broadcast to (4, 3) == dmu contracted with J: True
    print(f"dX is writable and accumulates (dX += ...): {dX.flags.writeable}")
    #> dX is writable and accumulates (dX += ...): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
