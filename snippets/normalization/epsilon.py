"""With x_hat = x / (sqrt(psi) + eps), eps outside the root, the two terms scale apart."""

import numpy as np
from gradcheck import check_gradient, check_vjp, numerical_jacobian


# --8<-- [start:forward]
def rms_outside_forward(X, gamma, eps=1e-5):
    """RMSNorm of X (..., D) as the original RMSNorm code has it: eps outside the root."""
    root = np.sqrt(np.mean(X**2, axis=-1, keepdims=True))  # the root mean square
    X_hat = X / (root + eps)  # eps added to the root, not to psi = root^2
    Y = gamma * X_hat
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def rms_outside_backward(dY, X, gamma, eps=1e-5):
    """dY (..., D) -> dX (..., D), dgamma (D,) for eps outside the root."""
    D = X.shape[-1]
    root = np.sqrt(np.mean(X**2, axis=-1, keepdims=True))
    X_hat = X / (root + eps)
    dX_hat = dY * gamma
    # dX_hat_d/dX_q = delta_dq / (root + eps) - X_hat_d X_hat_q / (D root)
    dX = (
        dX_hat / (root + eps)
        - X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True) / root
    )
    dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)
    return dX, dgamma


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(7)
    N, D, eps = 3, 4, 1e-5
    gamma = rng.standard_normal(D)
    # --8<-- [start:check]
    X = 1e-2 * rng.standard_normal((N, D))  # small activations: eps is not negligible
    dY = rng.standard_normal((N, D))
    dX, dgamma = rms_outside_backward(dY, X, gamma, eps)
    check_gradient(dX, lambda X_: np.sum(dY * rms_outside_forward(X_, gamma, eps)), X)
    check_gradient(
        dgamma, lambda g_: np.sum(dY * rms_outside_forward(X, g_, eps)), gamma
    )
    check_vjp(
        lambda X_: rms_outside_forward(X_, gamma, eps),
        lambda dY_: rms_outside_backward(dY_, X, gamma, eps)[0],
        X,
        rng,
    )
    print("eps outside the root: dX, dgamma == finite differences: True")
    #> eps outside the root: dX, dgamma == finite differences: True
    # --8<-- [end:check]
    # --8<-- [start:compare]
    for scale in (1.0, 1e-2, 1e-3):
        Xs = scale * rng.standard_normal((N, D))
        psi = np.mean(Xs**2, axis=-1)
        inside = 1.0 / np.sqrt(psi + eps)  # PyTorch's RMSNorm, LLaMA, T5
        outside = 1.0 / (np.sqrt(psi) + eps)  # the original RMSNorm code
        ratio = np.round(outside / inside, 3).tolist()
        print(f"activations ~{scale:g}: outside / inside = {ratio}")
    #> activations ~1: outside / inside = [1.0, 1.0, 1.0]
    #> activations ~0.01: outside / inside = [1.086, 1.105, 1.044]
    #> activations ~0.001: outside / inside = [2.627, 2.988, 2.743]
    psi = np.mean(X**2, axis=-1, keepdims=True)  # the check's X, activations ~1e-2
    rho = 1.0 / np.sqrt(psi + eps)
    X_hat, dX_hat = X * rho, dY * gamma
    dX_inside = rho * (dX_hat - X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True))
    right = np.allclose(dX_inside, dX)
    print(f"eps-inside backward, eps-outside forward: right {right}")
    #> eps-inside backward, eps-outside forward: right False
    # --8<-- [end:compare]
    # --8<-- [start:constant_row]
    x = np.full(D, 0.7)  # a constant row (LayerNorm): variance 0, x_hat = 0
    J = numerical_jacobian(lambda x_: (x_ - x_.mean()) / np.sqrt(x_.var() + eps), x)
    rho = 1.0 / np.sqrt(eps)
    np.testing.assert_allclose(J, rho * (np.eye(D) - 1.0 / D), rtol=1e-6)
    print(f"constant row: J = rho (I - 1 1^T / D), rho = 1/sqrt(eps) = {rho:.1f}")
    #> constant row: J = rho (I - 1 1^T / D), rho = 1/sqrt(eps) = 316.2
    with np.errstate(invalid="ignore"):
        x_hat = (x - x.mean()) / np.sqrt(x.var())  # eps = 0
    print(f"with eps = 0: x_hat = 0/0, all nan: {np.isnan(x_hat).all()}")
    #> with eps = 0: x_hat = 0/0, all nan: True
    # --8<-- [end:constant_row]


if __name__ == "__main__":
    main()
