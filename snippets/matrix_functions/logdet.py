"""For y = log|det X| (slogdet), dy/dX = X^-T, whatever the sign of det X."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def logabsdet_forward(X):
    """y = log|det X|; slogdet returns the sign apart, so det X < 0 is no problem."""
    y = np.linalg.slogdet(X).logabsdet  # .sign is +1 or -1, apart
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[k, l] = dy / dX_kl = cofactor_kl / det(X): the chain rule through log|.|."""
    D = X.shape[0]
    J = np.zeros((D, D))
    for k, l in np.ndindex(D, D):
        minor = np.delete(np.delete(X, k, axis=0), l, axis=1)
        J[k, l] = (-1) ** (k + l) * np.linalg.det(minor) / np.linalg.det(X)
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def logabsdet_backward(dy, X):
    """dX = dy X^-T: the det factor of d det / dX cancels against the 1/det of log."""
    dX = dy * np.linalg.inv(X).T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    D = 3
    X = rng.standard_normal((D, D))
    X[0] = -X[0] if np.linalg.det(X) > 0 else X[0]  # make det X negative
    dy = rng.standard_normal()
    # --8<-- [start:check]
    sign = np.linalg.slogdet(X).sign
    with np.errstate(invalid="ignore"):  # log of a negative number
        naive = np.log(np.linalg.det(X))
    print(f"det X < 0: sign {sign:+.0f}; np.log(np.linalg.det(X)) is {naive}")
    #> det X < 0: sign -1; np.log(np.linalg.det(X)) is nan
    J = jacobian(X)  # cofactors / det, from minors: no inverse
    check_gradient(J, logabsdet_forward, X)
    dX = logabsdet_backward(dy, X)
    np.testing.assert_allclose(dX, dy * J, rtol=1e-10)
    print("d log|det X| / dX == X^-T == finite differences, at det X < 0: True")
    #> d log|det X| / dX == X^-T == finite differences, at det X < 0: True
    D = 512  # the dot-product test at a size where det itself overflows
    X = rng.standard_normal((D, D))
    with np.errstate(over="ignore"):  # det: the product of D pivots
        det = np.linalg.det(X)
    y, y_max = logabsdet_forward(X), np.log(np.finfo(np.float64).max)
    print(f"det X = {det}: log|det X| = {y:.0f} > log(largest float64) = {y_max:.1f}")
    #> det X = -inf: log|det X| = 1340 > log(largest float64) = 709.8
    check_vjp(logabsdet_forward, lambda dy_: logabsdet_backward(dy_, X), X, rng)
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (512, 512): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
