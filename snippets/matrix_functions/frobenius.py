"""For y = ||X||_F, dy/dX = X / ||X||_F where X != 0; at X = 0 backward returns 0."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def norm_forward(X):
    """y = sqrt(sum_ij X_ij^2) = sqrt(<X, X>), any shape of X."""
    y = np.sqrt(np.sum(X * X))
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[k, l] = dy / dX_kl = sum_ij 2 X_ij delta_ik delta_jl / (2 y) = X_kl / y."""
    D, M = X.shape
    y = norm_forward(X)
    return np.einsum("ij,ik,jl->kl", X, np.eye(D), np.eye(M)) / y


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def norm_backward(dy, X, y):
    """dX = dy X / y; at X = 0, 0: the smallest of the subgradients (||V|| <= 1)."""
    dX = dy * X / y if y > 0 else np.zeros_like(X)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(6)
    X = rng.standard_normal((3, 4))
    dy = rng.standard_normal()
    # --8<-- [start:check]
    y = norm_forward(X)
    J = jacobian(X)
    check_gradient(J, norm_forward, X)
    dX = norm_backward(dy, X, y)
    np.testing.assert_allclose(dX, dy * J, rtol=1e-12)
    print(
        f"dy/dX == X / ||X||_F == finite differences, of norm {np.linalg.norm(J):.1f}"
    )
    #> dy/dX == X / ||X||_F == finite differences, of norm 1.0
    X = rng.standard_normal((300, 200))
    y = norm_forward(X)
    check_vjp(norm_forward, lambda dy_: norm_backward(dy_, X, y), X, rng)
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (300, 200): True
    # --8<-- [end:check]
    # --8<-- [start:zero]
    zero, xi, h = np.zeros((3, 4)), rng.standard_normal((3, 4)), 1e-6
    up = (norm_forward(zero + h * xi) - norm_forward(zero)) / h  # slope along xi
    down = (norm_forward(zero - h * xi) - norm_forward(zero)) / h  # along -xi
    print(f"at X = 0: slope along xi {up:.3f}, along -xi {down:.3f}: not linear")
    #> at X = 0: slope along xi 2.924, along -xi 2.924: not linear
    with np.errstate(invalid="ignore"):  # 0 / 0
        naive = dy * zero / norm_forward(zero)
    print(f"X / ||X||_F at 0: all nan {np.all(np.isnan(naive))}; backward: 0")
    #> X / ||X||_F at 0: all nan True; backward: 0
    check_gradient(norm_backward(1.0, zero, 0.0), norm_forward, zero)  # central: 0
    # --8<-- [end:zero]


if __name__ == "__main__":
    main()
