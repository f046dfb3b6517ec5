"""Central differences have error O(eps^2), forward differences O(eps)."""

import numpy as np

from gradcheck import check_jacobian


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
    """Y = sin(X): dY_ij/dX_kl = delta_ik delta_jl cos(X_ij), shape X.shape * 2."""
    m, n = X.shape
    return np.einsum("ik,jl,ij->ijkl", np.eye(m), np.eye(n), np.cos(X))


# --8<-- [end:jacobian]


def main():
    # --8<-- [start:check]
    X = np.array([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]])  # exact inputs, no randomness
    J = jacobian_sin(X)
    check_jacobian(J, np.sin, X)  # gradcheck: central differences, eps = 1e-6

    steps = [1e-1, 1e-2, 1e-3, 1e-4]
    err_fwd = [np.max(np.abs(forward_difference(np.sin, X, e) - J)) for e in steps]
    err_ctr = [np.max(np.abs(central_difference(np.sin, X, e) - J)) for e in steps]
    for e, ef, ec in zip(steps, err_fwd, err_ctr, strict=True):
        print(f"eps {e:.0e}: forward error {ef:.0e}, central error {ec:.0e}")
    #> eps 1e-01: forward error 5e-02, central error 2e-03
    #> eps 1e-02: forward error 5e-03, central error 2e-05
    #> eps 1e-03: forward error 5e-04, central error 2e-07
    #> eps 1e-04: forward error 5e-05, central error 2e-09

    # the order: how many decades the error drops when eps drops one decade
    order_fwd = np.mean(np.diff(-np.log10(err_fwd)))
    order_ctr = np.mean(np.diff(-np.log10(err_ctr)))
    print(f"forward: error ~ eps^{order_fwd:.0f}, central: error ~ eps^{order_ctr:.0f}")
    #> forward: error ~ eps^1, central: error ~ eps^2
    np.testing.assert_allclose(order_fwd, 1, atol=0.1)
    np.testing.assert_allclose(order_ctr, 2, atol=0.1)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
