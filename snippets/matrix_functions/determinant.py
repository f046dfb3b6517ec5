"""For y = det(X), dy/dX_kl is the cofactor of X_kl, which is det(X) (X^-T)_kl."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def det_forward(X):
    """y = det(X), a scalar, for a square X (D, D)."""
    y = np.linalg.det(X)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[k, l] = dy / dX_kl = (-1)^(k+l) det(X without row k and column l)."""
    D = X.shape[0]
    J = np.zeros((D, D))
    for k, l in np.ndindex(D, D):  # det is linear in row k: expand along it
        minor = np.delete(np.delete(X, k, axis=0), l, axis=1)
        J[k, l] = (-1) ** (k + l) * np.linalg.det(minor)
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def det_backward(dy, X, y):
    """dX = dy det(X) X^-T: the cofactor matrix, valid while X is invertible."""
    dX = dy * y * np.linalg.inv(X).T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    D = 3
    X = rng.standard_normal((D, D))
    dy = rng.standard_normal()
    # --8<-- [start:check]
    y = det_forward(X)
    J = jacobian(X)  # cofactors, from minors: no inverse anywhere
    check_gradient(J, det_forward, X)
    dX = det_backward(dy, X, y)
    np.testing.assert_allclose(dX, dy * J, rtol=1e-10)
    X_dot, h = rng.standard_normal((D, D)), 1e-6  # ydot = det(X) tr(X^-1 X_dot)
    y_dot = (det_forward(X + h * X_dot) - det_forward(X - h * X_dot)) / (2 * h)
    np.testing.assert_allclose(
        y_dot, y * np.trace(np.linalg.solve(X, X_dot)), rtol=1e-6
    )
    print("cofactors == det(X) X^-T == finite differences; ydot == det tr(X^-1 X_dot)")
    #> cofactors == det(X) X^-T == finite differences; ydot == det tr(X^-1 X_dot)
    D = 64  # the dot-product test at a realistic size; 1/sqrt(D) keeps det finite
    X = rng.standard_normal((D, D)) / np.sqrt(D) + np.eye(D)
    y = det_forward(X)
    check_vjp(det_forward, lambda dy_: det_backward(dy_, X, y), X, rng)
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (64, 64): True
    # --8<-- [end:check]
    # --8<-- [start:singular]
    X = rng.standard_normal((3, 3))
    X[2] = X[0]  # two equal rows: det(X) = 0, no inverse, rank 2
    try:
        det_backward(1.0, X, det_forward(X))
    except np.linalg.LinAlgError as err:
        print(f"det(X) X^-T at a singular X: LinAlgError ({err})")
    #> det(X) X^-T at a singular X: LinAlgError (Singular matrix)
    J = jacobian(X)  # the cofactors still exist: det is a polynomial in X
    check_gradient(J, det_forward, X)
    print(f"cofactor gradient there == finite differences, non-zero: {np.any(J != 0)}")
    #> cofactor gradient there == finite differences, non-zero: True
    # --8<-- [end:singular]


if __name__ == "__main__":
    main()
