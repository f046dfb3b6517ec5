"""<eta, xi> = sum_ij eta_ij xi_ij = tr(eta^T xi); <eta, A xi> = <A^T eta, xi>."""

import numpy as np


# --8<-- [start:inner]
def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


# --8<-- [end:inner]


def main():
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    N, D, M = 4, 3, 5
    A = rng.standard_normal((N, N))  # square on purpose: A @ eta runs as well
    B = rng.standard_normal((D, M))
    A3 = rng.standard_normal((N, D))  # a Hadamard factor, the shape of xi
    xi = rng.standard_normal((N, D))  # a direction of the input's shape
    eta = rng.standard_normal((N, D))  # a direction of the output's shape
    eta_M = rng.standard_normal((N, M))  # the same, where the output is (N, M)
    xi_b = rng.standard_normal(D)  # a direction of a vector broadcast to N rows
    rules = {
        "<eta, xi> = tr(eta^T xi)": (inner(eta, xi), np.trace(eta.T @ xi)),
        "<eta, A xi> = <A^T eta, xi>": (inner(eta, A @ xi), inner(A.T @ eta, xi)),
        "<eta, xi B> = <eta B^T, xi>": (
            inner(eta_M, xi @ B),
            inner(eta_M @ B.T, xi),
        ),
        "<eta, A3 * xi> = <A3 * eta, xi>": (
            inner(eta, A3 * xi),
            inner(A3 * eta, xi),
        ),
        "<eta, 1 xi_b^T> = <eta^T 1, xi_b>": (
            inner(eta, np.broadcast_to(xi_b, (N, D))),
            inner(eta.sum(axis=0), xi_b),
        ),
        "<eta, xi> = <eta^T, xi^T>": (inner(eta, xi), inner(eta.T, xi.T)),
    }
    for name, (left, right) in rules.items():
        np.testing.assert_allclose(left, right, rtol=1e-12)
        print(f"{name}: True")
    #> <eta, xi> = tr(eta^T xi): True
    #> <eta, A xi> = <A^T eta, xi>: True
    #> <eta, xi B> = <eta B^T, xi>: True
    #> <eta, A3 * xi> = <A3 * eta, xi>: True
    #> <eta, 1 xi_b^T> = <eta^T 1, xi_b>: True
    #> <eta, xi> = <eta^T, xi^T>: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    moved_untransposed = inner(A @ eta, xi)  # A moved across, not transposed
    same = np.isclose(moved_untransposed, inner(eta, A @ xi))
    assert not same, "A moved across untransposed should not pass"
    print(f"<eta, A xi> = <A eta, xi> for a square A: {same}")
    #> <eta, A xi> = <A eta, xi> for a square A: False
    sym = A + A.T  # a symmetric matrix is its own adjoint
    same = np.isclose(inner(sym @ eta, xi), inner(eta, sym @ xi))
    assert same, "a symmetric matrix is its own adjoint"
    print(f"... for a symmetric A: {same}")
    #> ... for a symmetric A: True
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
