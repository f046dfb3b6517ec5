"""ReLU: dY_nd/dX_pq = [X_nd > 0] delta_np delta_dq (Iverson), so dX = dY * [Y > 0]."""

import numpy as np
from gradcheck import EPS, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def relu_forward(X):
    """Y_nd = max(X_nd, 0)."""
    Y = np.maximum(X, 0.0)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, d, p, q] = [X_nd > 0] delta_np delta_dq: shape (N, D, N, D)."""
    N, D = X.shape
    slope = (X > 0).astype(np.float64)  # relu'(0) := 0, the convention
    return np.einsum("nd,np,dq->ndpq", slope, np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def relu_backward(dY, Y):
    """dX = dY * [Y > 0], from the saved output Y (Y > 0 exactly where X > 0)."""
    dX = dY * (Y > 0)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, D = 4, 5
    # --8<-- [start:sample]
    # |X_nd| >= 0.1, far from the kink: a central difference X_nd +- EPS never
    # straddles 0, so finite differences measure the true slope, 0 or 1.
    signs = rng.choice([-1.0, 1.0], size=(N, D))
    X = signs * rng.uniform(0.1, 2.0, size=(N, D))
    # --8<-- [end:sample]
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (4, 5, 4, 5), non-zero entries 9 of 400
    check_jacobian(J, relu_forward, X)  # central differences, away from 0
    Y = relu_forward(X)
    dX = relu_backward(dY, Y)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    check_vjp(relu_forward, lambda v: relu_backward(v, Y), X, rng)  # dot-product test
    print(f"dY * (Y > 0) == dY contracted with J: True ({np.sum(X > 0)} entries pass)")
    #> dY * (Y > 0) == dY contracted with J: True (9 entries pass)
    # --8<-- [end:check]

    # --8<-- [start:kink]
    for x in [-0.1, -EPS / 2, 0.0, EPS / 2, 0.1]:
        central = (relu_forward(x + EPS) - relu_forward(x - EPS)) / (2 * EPS)
        convention = float(x > 0)  # the mask X > 0: relu'(0) = 0
        print(
            f"x = {x:8.1e}: central difference {central:.2f}, relu'(x) {convention:.0f}"
        )
    #> x = -1.0e-01: central difference 0.00, relu'(x) 0
    #> x = -5.0e-07: central difference 0.25, relu'(x) 0
    #> x =  0.0e+00: central difference 0.50, relu'(x) 0
    #> x =  5.0e-07: central difference 0.75, relu'(x) 1
    #> x =  1.0e-01: central difference 1.00, relu'(x) 1
    # --8<-- [end:kink]


if __name__ == "__main__":
    main()
