"""For L = (1/N) sum_n ℓ_n with ℓ_n = sum_m (Y_nm - T_nm)^2, dY = 2 (Y - T) / N."""

import numpy as np
from gradcheck import check_gradient, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def per_example_losses(Y, T):
    """ℓ_n = sum_m (Y_nm - T_nm)^2: one squared error per example, shape (N,)."""
    return np.sum((Y - T) ** 2, axis=1)


def mse_per_example_forward(Y, T):
    """L = 1/N sum_n ℓ_n: the mean over the batch of the per-example errors."""
    L = np.mean(per_example_losses(Y, T))
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_per_example(Y, T):
    """J[n, p, q] = dℓ_n / dY_pq = delta_np 2 (Y_pq - T_pq): shape (N,) + (N, M)."""
    N = Y.shape[0]
    return np.einsum("np,pq->npq", np.eye(N), 2.0 * (Y - T))


def grad_mean(N):
    """dL/dℓ_n = 1/N for every n: the batch mean's gradient, shape (N,)."""
    return np.full(N, 1.0 / N)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def mse_per_example_backward(dL=1.0, *, Y, T):
    """dY = dL * 2 (Y - T) / N: the batch mean's 1/N, once, in every row."""
    N = Y.shape[0]
    dY = dL * 2 * (Y - T) / N
    return dY


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(17)
    N, M = 4, 3
    Y = rng.standard_normal((N, M))
    T = rng.standard_normal((N, M))
    # --8<-- [start:check]
    J = jacobian_per_example(Y, T)
    print(f"dℓ/dY: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> dℓ/dY: shape (4, 4, 3), non-zero entries 12 of 48
    dY_full = vjp_from_jacobian(grad_mean(N), J)  # contract dL/dℓ with dℓ/dY
    dY = mse_per_example_backward(Y=Y, T=T)  # dL = 1: L is the loss
    np.testing.assert_allclose(dY, dY_full, rtol=1e-12)
    check_gradient(dY, lambda Y_: mse_per_example_forward(Y_, T), Y)  # central diff.
    check_vjp(
        lambda Y_: mse_per_example_forward(Y_, T),
        lambda v: mse_per_example_backward(v, Y=Y, T=T),
        Y,
        rng,
    )
    print(f"dY = 2 (Y - T) / {N}: matches the contraction and finite differences")
    #> dY = 2 (Y - T) / 4: matches the contraction and finite differences
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    no_mean = 2 * (Y - T)  # the gradient of the sum, not of the mean
    print(f"without the 1/N: {np.mean(no_mean / dY):.0f} times too large (N = {N})")
    #> without the 1/N: 4 times too large (N = 4)
    per_element = np.mean((Y - T) ** 2)  # np.mean over all N M entries
    ratio = mse_per_example_forward(Y, T) / per_element
    print(f"per-example L / per-element L = {ratio:.0f} (M = {M})")
    #> per-example L / per-element L = 3 (M = 3)
    # --8<-- [end:pitfall]

    # --8<-- [start:cost]
    N, M = 256, 4096
    print(f"dℓ/dY for N={N}, M={M}: shape {(N, N, M)}, {human_bytes(N * N * M * 8)}")
    #> dℓ/dY for N=256, M=4096: shape (256, 256, 4096), 2 GiB
    print(f"dY = 2 (Y - T) / N: shape {(N, M)}, {human_bytes(N * M * 8)}")
    #> dY = 2 (Y - T) / N: shape (256, 4096), 8 MiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
