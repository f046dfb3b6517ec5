"""For x_hat = (x - mu) rho, dx_hat/dx = rho (I - 1 1^T / D - x_hat x_hat^T / D)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def standardize_forward(x, eps=1e-5):
    """x (D,) -> x_hat (D,): subtract the mean, divide by sqrt(variance + eps)."""
    mu = x.mean()  # mu = (1/D) sum_d x_d
    nu = np.mean((x - mu) ** 2)  # the variance, with 1/D (biased)
    rho = 1.0 / np.sqrt(nu + eps)  # eps sits inside the square root, with nu
    x_hat = (x - mu) * rho
    return x_hat


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def standardize_jacobian(x, eps=1e-5):
    """J[d, q] = dx_hat_d/dx_q = rho (delta_dq - 1/D - x_hat_d x_hat_q / D): (D, D)."""
    D = x.shape[0]
    x_hat = standardize_forward(x, eps)
    rho = 1.0 / np.sqrt(np.mean((x - x.mean()) ** 2) + eps)
    ones = np.ones(D)
    return rho * (np.eye(D) - np.outer(ones, ones) / D - np.outer(x_hat, x_hat) / D)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def standardize_backward(dx_hat, x, eps=1e-5):
    """dx = rho (dx_hat - mean(dx_hat) - x_hat mean(dx_hat * x_hat)): shape (D,)."""
    x_hat = standardize_forward(x, eps)
    rho = 1.0 / np.sqrt(np.mean((x - x.mean()) ** 2) + eps)
    dx = rho * (dx_hat - dx_hat.mean() - x_hat * np.mean(dx_hat * x_hat))
    return dx


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    D, eps = 8, 1e-5
    x = 2.0 + 3.0 * rng.standard_normal(D)  # mean and scale far from 0 and 1
    dx_hat = rng.standard_normal(D)  # the upstream gradient dL/dx_hat
    # --8<-- [start:check]
    J = standardize_jacobian(x, eps)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (8, 8), non-zero entries 64 of 64
    check_jacobian(J, lambda x_: standardize_forward(x_, eps), x)  # finite differences
    dx = standardize_backward(dx_hat, x, eps)
    np.testing.assert_allclose(dx, vjp_from_jacobian(dx_hat, J), rtol=1e-12, atol=1e-15)
    check_vjp(
        lambda x_: standardize_forward(x_, eps),
        lambda d: standardize_backward(d, x, eps),
        x,
        rng,
    )
    print("dx == dx_hat contracted with J == finite differences: True")
    #> dx == dx_hat contracted with J == finite differences: True
    # --8<-- [end:check]
    # --8<-- [start:structure]
    x_hat = standardize_forward(x, eps)
    rho = 1.0 / np.sqrt(np.mean((x - x.mean()) ** 2) + eps)
    ones = np.ones(D)
    np.testing.assert_allclose(J, J.T, rtol=0, atol=1e-15)  # symmetric
    np.testing.assert_allclose(J @ ones, 0.0, atol=1e-14)  # a shift of x: no change
    np.testing.assert_allclose(J @ x_hat, eps * rho**3 * x_hat, atol=1e-14)  # a scale
    print(f"J = J.T, J 1 = 0, J x_hat = eps rho^3 x_hat = {eps * rho**3:.1e} x_hat")
    #> J = J.T, J 1 = 0, J x_hat = eps rho^3 x_hat = 2.1e-06 x_hat
    eigenvalues = np.sort(np.linalg.eigvalsh(J))  # ascending
    np.testing.assert_allclose(eigenvalues[:2], [0.0, eps * rho**3], atol=1e-14)
    np.testing.assert_allclose(eigenvalues[2:], rho, rtol=1e-12)  # D - 2 times rho
    print(f"eigenvalues: 0, eps rho^3, and rho = {rho:.4f} {D - 2} times")
    #> eigenvalues: 0, eps rho^3, and rho = 0.5989 6 times
    np.testing.assert_allclose(dx.sum(), 0.0, atol=1e-14)
    np.testing.assert_allclose(dx @ x_hat, eps * rho**3 * (dx_hat @ x_hat), atol=1e-14)
    print("sum_q dx_q = 0 and dx . x_hat = eps rho^3 (dx_hat . x_hat): True")
    #> sum_q dx_q = 0 and dx . x_hat = eps rho^3 (dx_hat . x_hat): True
    # --8<-- [end:structure]


if __name__ == "__main__":
    main()
