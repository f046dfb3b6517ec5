"""For Y = np.where(mask, X1, X2), dX1 = np.where(mask, dY, 0) and dX2 = np.where(mask, 0, dY)."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def where_forward(X1, X2, mask):
    """Y_nd = X1_nd where mask_nd, else X2_nd: all three (N, D); mask is boolean."""
    Y = np.where(mask, X1, X2)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(mask):
    """dY_nd/dX1_pq = [mask_nd] delta_np delta_dq; dY/dX2 the same with [not mask_nd]."""
    N, D = mask.shape
    diagonal = np.einsum(
        "np,dq->ndpq", np.eye(N), np.eye(D)
    )  # elementwise: (N, D, N, D)
    J1 = mask[:, :, None, None] * diagonal
    J2 = ~mask[:, :, None, None] * diagonal
    return J1, J2


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def where_backward(dY, mask):
    """Route each entry of dY to the input it was taken from; the other gets 0."""
    dX1 = np.where(mask, dY, 0.0)
    dX2 = np.where(mask, 0.0, dY)
    return dX1, dX2


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(16)
    N, D = 3, 4
    X1, X2 = rng.standard_normal((N, D)), rng.standard_normal((N, D))
    mask = rng.random((N, D)) < 0.5
    dY = rng.standard_normal((N, D))
    # --8<-- [start:check]
    J1, J2 = jacobian(mask)
    check_jacobian(J1, lambda X1_: where_forward(X1_, X2, mask), X1)
    check_jacobian(J2, lambda X2_: where_forward(X1, X2_, mask), X2)
    dX1, dX2 = where_backward(dY, mask)
    np.testing.assert_allclose(dX1, vjp_from_jacobian(dY, J1), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dX2, vjp_from_jacobian(dY, J2), rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(dX1 + dX2, dY)  # every entry of dY goes somewhere
    print(f"J1 {J1.shape}: non-zero {np.count_nonzero(J1)}, J2: {np.count_nonzero(J2)}")
    #> J1 (3, 4, 3, 4): non-zero 3, J2: 9

    N, D = 128, 256
    X1, X2 = rng.standard_normal((N, D)), rng.standard_normal((N, D))
    mask = rng.random((N, D)) < 0.5
    check_vjp(
        lambda X1_: where_forward(X1_, X2, mask),
        lambda dY_: where_backward(dY_, mask)[0],
        X1,
        rng,
    )
    check_vjp(
        lambda X2_: where_forward(X1, X2_, mask),
        lambda dY_: where_backward(dY_, mask)[1],
        X2,
        rng,
    )
    print(f"dot-product tests at N={N}, D={D}, for X1 and X2: passed")
    #> dot-product tests at N=128, D=256, for X1 and X2: passed
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    X = np.array([[4.0, -1.0, 0.25], [-9.0, 1.0, 2.25]])
    mask = X > 0  # Y = sqrt(X) where X > 0, else 0
    dY = rng.standard_normal(X.shape)
    with np.errstate(invalid="ignore"):
        U = np.sqrt(X)  # both branches are computed everywhere: nan where X < 0
        Y = where_forward(U, np.zeros_like(X), mask)  # the nan is not selected
        dU, _ = where_backward(dY, mask)  # 0 where the branch was not taken
        dX_naive = dU * 0.5 / U  # then sqrt's backward: 0 * nan = nan
    print(f"Y finite: {np.isfinite(Y).all()}; nan in dX: {np.isnan(dX_naive).sum()}")
    #> Y finite: True; nan in dX: 2
    X_safe = np.where(mask, X, 1.0)  # the double where: sqrt never sees X <= 0
    U = np.sqrt(X_safe)
    dU, _ = where_backward(dY, mask)
    dX, _ = where_backward(dU * 0.5 / U, mask)  # sqrt's, then the inner where's
    safe_sqrt = lambda X_: np.sqrt(np.where(X_ > 0, X_, 1.0))  # noqa: E731
    check_gradient(dX, lambda X_: np.sum(dY * np.where(X_ > 0, safe_sqrt(X_), 0.0)), X)
    print(f"double where: dX finite {np.isfinite(dX).all()}, == finite differences")
    #> double where: dX finite True, == finite differences
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
