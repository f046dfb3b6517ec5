"""Dot-product test: <eta, J xi> == <J^T eta, xi> checks a VJP, 2 calls of f per trial."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def matmul_forward(X, W):
    """Y = X W: X (N, D), W (D, M), Y (N, M)."""
    Y = X @ W
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def matmul_backward(dY, X, W):
    """dY = dL/dY (N, M) -> dX = dY W^T (N, D), dW = X^T dY (D, M)."""
    dX = dY @ W.T
    dW = X.T @ dY
    return dX, dW


# --8<-- [end:backward]


# --8<-- [start:counting]
class Counted:
    """Wrap f and count how often a check calls it."""

    def __init__(self, f):
        self.f, self.calls = f, 0

    def __call__(self, x):
        self.calls += 1
        return self.f(x)


# --8<-- [end:counting]


def main():
    rng = np.random.default_rng(0)
    # --8<-- [start:check]
    X, W = rng.standard_normal((2, 3)), rng.standard_normal((3, 3))  # small: both
    J = np.einsum("np,dm->nmpd", np.eye(2), W)  # dY_nm/dX_pd = delta_np W_dm
    dY = rng.standard_normal((2, 3))
    np.testing.assert_allclose(
        vjp_from_jacobian(dY, J), matmul_backward(dY, X, W)[0], rtol=1e-12
    )
    f = Counted(lambda X_: matmul_forward(X_, W))
    check_jacobian(J, f, X)
    print(f"X {X.shape}: finite-difference Jacobian, {f.calls} calls of f")
    #> X (2, 3): finite-difference Jacobian, 13 calls of f
    f = Counted(lambda X_: matmul_forward(X_, W))
    check_vjp(f, lambda dY_: matmul_backward(dY_, X, W)[0], X, rng, trials=3)
    print(f"X {X.shape}: dot-product test, 3 trials, {f.calls} calls of f")
    #> X (2, 3): dot-product test, 3 trials, 7 calls of f
    check_vjp(  # dW the same way: W is an input of f too
        lambda W_: matmul_forward(X, W_),
        lambda dY_: matmul_backward(dY_, X, W)[1],
        W,
        rng,
    )

    X, W = rng.standard_normal((256, 1024)), rng.standard_normal((1024, 1024))
    f = Counted(lambda X_: matmul_forward(X_, W))
    # J is never built: only f and the backward function are called
    check_vjp(f, lambda dY_: matmul_backward(dY_, X, W)[0], X, rng, trials=3)
    print(f"X {X.shape}: dot-product test, 3 trials, {f.calls} calls of f")
    #> X (256, 1024): dot-product test, 3 trials, 7 calls of f
    print(f"the finite-difference Jacobian would need {2 * X.size + 1:,} calls")
    #> the finite-difference Jacobian would need 524,289 calls
    J_bytes = matmul_forward(X, W).size * X.size * 8  # Y.shape + X.shape, float64
    print(f"and hold {human_bytes(J_bytes)}")
    #> and hold 512 GiB
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
