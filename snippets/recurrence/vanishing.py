"""The gradient reaching H_k shrinks or grows with the distance K - k, as powers of W_h."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def rnn_forward(X, H0, Wx, Wh, b):
    """X (N, K, D), H0 (N, M) -> H (N, K, M): H_k = tanh(H_{k-1} Wh + X_k Wx + b)."""
    N, K, _ = X.shape
    H = np.zeros((N, K, Wh.shape[0]))
    H_prev = H0
    for k in range(K):
        H_prev = np.tanh(H_prev @ Wh + X[:, k] @ Wx + b)
        H[:, k] = H_prev
    return H


# --8<-- [end:forward]


# --8<-- [start:norms]
def with_spectral_radius(A, radius):
    """A rescaled so that its largest |eigenvalue| is radius."""
    return A * radius / np.max(np.abs(np.linalg.eigvals(A)))


def gradients_reaching(dH_K, H, Wh):
    """dL/dH_k for k = K, K-1, ..., 1 (list index: the distance K - k), L = <dH_K, H_K>."""
    reaching = [dH_K]  # dL/dH_k, all paths: here k = K
    for k in reversed(range(1, H.shape[1])):  # from H_{k+1} back to H_k (0-based k)
        dU = reaching[-1] * (1 - H[:, k] ** 2)  # dU_{k+1}
        reaching.append(dU @ Wh.T)  # dL/dH_k: one more factor diag(1 - H^2) Wh^T
    return reaching


def gradient_norms(radius, input_scale, N=16, K=60, D=8, M=64, seed=0):
    """||dL/dH_k|| against the distance K - k for random Wh of spectral radius radius."""
    rng = np.random.default_rng(seed)
    Wh = with_spectral_radius(rng.standard_normal((M, M)), radius)
    Wx = input_scale * rng.standard_normal((D, M)) / np.sqrt(D)
    X, H0, b = rng.standard_normal((N, K, D)), np.zeros((N, M)), np.zeros(M)
    H = rnn_forward(X, H0, Wx, Wh, b)
    dH_K = rng.standard_normal((N, M))  # L = <dH_K, H_K>: a loss on the last state
    norms = [np.linalg.norm(R) for R in gradients_reaching(dH_K, H, Wh)]
    return np.array(norms), np.linalg.norm(Wh, 2)  # and Wh's largest singular value


# --8<-- [end:norms]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(4)  # first the gradients themselves, at a small size
    N, K, D, M = 2, 6, 3, 4
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx, Wh, b = rng.standard_normal((D, M)), rng.standard_normal((M, M)), np.zeros(M)
    H, dH_K = rnn_forward(X, H0, Wx, Wh, b), rng.standard_normal((N, M))

    def L_of_H1(H1_):  # the loss as a function of H_1: steps 2 .. K run from it
        return np.sum(dH_K * rnn_forward(X[:, 1:], H1_, Wx, Wh, b)[:, -1])

    check_gradient(gradients_reaching(dH_K, H, Wh)[-1], L_of_H1, H[:, 0])
    print("dL/dH_1, K - 1 steps back from H_K == finite differences: True")
    #> dL/dH_1, K - 1 steps back from H_K == finite differences: True
    distances = [10, 20, 40, 59]
    print(
        "spectral radius (||Wh||_2) | ||dL/dH_k|| / ||dL/dH_K|| at K - k = 10, 20, 40, 59"
    )
    #> spectral radius (||Wh||_2) | ||dL/dH_k|| / ||dL/dH_K|| at K - k = 10, 20, 40, 59
    for input_scale in (0.1, 1.0):
        print(f"inputs scaled by {input_scale}:")
        for radius in (0.5, 0.9, 1.1, 1.5, 3.0):
            norms, top = gradient_norms(radius, input_scale)
            ratio = norms / norms[0]
            distance = np.arange(len(norms))  # K - k
            assert np.all(ratio <= top**distance * (1 + 1e-12))  # |tanh'| <= 1
            print(
                f"  {radius:3} ({top:.2f}): "
                + "  ".join(f"{ratio[d]:8.1e}" for d in distances)
            )
    #> inputs scaled by 0.1:
    #>   0.5 (0.98):  5.2e-04   3.0e-07   1.7e-13   2.4e-19
    #>   0.9 (1.77):  1.5e-01   2.4e-02   1.1e-03   8.4e-05
    #>   1.1 (2.16):  5.9e-01   3.5e-01   1.9e-01   2.3e-01
    #>   1.5 (2.95):  1.9e+00   3.4e+00   1.0e+01   9.2e+01
    #>   3.0 (5.90):  2.4e+01   3.8e+02   1.5e+05   2.0e+08
    #> inputs scaled by 1.0:
    #>   0.5 (0.98):  1.2e-05   1.6e-10   3.7e-20   9.1e-30
    #>   0.9 (1.77):  3.2e-03   9.4e-06   9.5e-11   1.5e-15
    #>   1.1 (2.16):  1.7e-02   3.0e-04   1.1e-07   4.2e-11
    #>   1.5 (2.95):  1.8e-01   3.4e-02   7.3e-04   2.1e-05
    #>   3.0 (5.90):  1.3e+01   1.0e+02   1.3e+04   1.2e+06
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
