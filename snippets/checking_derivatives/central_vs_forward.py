"""Central differences have error O(h^2), forward differences O(h), for a step h."""

import numpy as np
from gradcheck import ATOL, RTOL, check_jacobian


# --8<-- [start:error]
def relative_error(analytic, numerical):
    """max over entries of |analytic - numerical| / (|numerical| + ATOL/RTOL).

    gradcheck passes when this is <= RTOL, that is when every entry has
    |analytic - numerical| <= ATOL + RTOL |numerical|.
    """
    return np.max(np.abs(analytic - numerical) / (np.abs(numerical) + ATOL / RTOL))


# --8<-- [end:error]


# --8<-- [start:differences]
def forward_difference(f, x, eps):
    """Forward-difference Jacobian, shape f(x).shape + x.shape: error O(eps)."""
    y = f(x)
    J = np.zeros(y.shape + x.shape)
    for j in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[j] = eps
        J[(..., *j)] = (f(x + step) - y) / eps
    return J


def central_difference(f, x, eps):
    """Central-difference Jacobian (as in gradcheck.numerical_jacobian): O(eps^2)."""
    y = f(x)
    J = np.zeros(y.shape + x.shape)
    for j in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[j] = eps
        J[(..., *j)] = (f(x + step) - f(x - step)) / (2 * eps)
    return J


# --8<-- [end:differences]


# --8<-- [start:jacobian]
def jacobian_sin(X):
    """Y = sin(X): dY_ij/dX_kl = delta_ik delta_jl cos(X_ij), shape X.shape + X.shape."""
    rows, cols = X.shape
    return np.einsum("ik,jl,ij->ijkl", np.eye(rows), np.eye(cols), np.cos(X))


# --8<-- [end:jacobian]


def main():
    # --8<-- [start:check]
    X = np.array([[0.2, 0.4, 0.6], [0.8, 1.0, 1.2]])  # cos(X) from 0.36 to 0.98
    J = jacobian_sin(X)
    check_jacobian(J, np.sin, X)  # gradcheck: central differences, eps = 1e-6

    steps = [1e-1, 1e-2, 1e-3, 1e-4]  # the step h, in code eps
    err_fwd = [relative_error(J, forward_difference(np.sin, X, h)) for h in steps]
    err_ctr = [relative_error(J, central_difference(np.sin, X, h)) for h in steps]
    for h, ef, ec in zip(steps, err_fwd, err_ctr, strict=True):
        print(f"h {h:.0e}: forward error {ef:.0e}, central error {ec:.0e}")
    #> h 1e-01: forward error 1e-01, central error 2e-03
    #> h 1e-02: forward error 1e-02, central error 2e-05
    #> h 1e-03: forward error 1e-03, central error 2e-07
    #> h 1e-04: forward error 1e-04, central error 2e-09

    # the order: how many decades the error drops when h drops one decade
    order_fwd = np.mean(np.diff(-np.log10(err_fwd)))
    order_ctr = np.mean(np.diff(-np.log10(err_ctr)))
    print(f"forward: error ~ h^{order_fwd:.0f}, central: error ~ h^{order_ctr:.0f}")
    #> forward: error ~ h^1, central: error ~ h^2
    np.testing.assert_allclose(order_fwd, 1, atol=0.1)
    np.testing.assert_allclose(order_ctr, 2, atol=0.1)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
