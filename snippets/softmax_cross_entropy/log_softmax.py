"""log s = z - lse(z): d(log s)_c / dz_j = delta_cj - s_j; dz = dlogs - s sum(dlogs)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def log_softmax_forward(Z):
    """logS[n, c] = Z[n, c] - lse(Z[n]) = log S[n, c], without ever forming S."""
    zhat = np.max(Z, axis=-1, keepdims=True)  # the max of each row
    lse = zhat + np.log(np.sum(np.exp(Z - zhat), axis=-1, keepdims=True))
    logS = Z - lse
    return logS


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def log_softmax_jacobian(z):
    """J[c, j] = d(log s)_c / dz_j = delta_cj - s_j: the (C, C) matrix I - 1 s^T."""
    s = np.exp(log_softmax_forward(z))
    C = s.shape[0]
    return np.eye(C) - np.outer(np.ones(C), s)  # every row is e_c - s


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def log_softmax_backward(dlogS, logS):
    """dZ[n, j] = dlogS[n, j] - S[n, j] sum_c dlogS[n, c], for (C,) or (N, C)."""
    S = np.exp(logS)  # the softmax, from what the forward returned
    dZ = dlogS - S * np.sum(dlogS, axis=-1, keepdims=True)
    return dZ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    # --8<-- [start:check]
    z, dlogs = rng.standard_normal(5), rng.standard_normal(5)  # one vector, C = 5
    J = log_softmax_jacobian(z)
    symmetric = np.allclose(J, J.T)
    print(f"shape {J.shape}, non-zero {np.count_nonzero(J)}, symmetric {symmetric}")
    #> shape (5, 5), non-zero 25, symmetric False
    check_jacobian(J, log_softmax_forward, z)  # central differences
    logs = log_softmax_forward(z)
    dz = log_softmax_backward(dlogs, logs)
    np.testing.assert_allclose(dz, vjp_from_jacobian(dlogs, J), rtol=1e-12, atol=1e-15)
    Z = rng.standard_normal((3, 4))  # a batch, N = 3, C = 4
    logS = log_softmax_forward(Z)
    check_vjp(
        log_softmax_forward, lambda dlogS: log_softmax_backward(dlogS, logS), Z, rng
    )
    print(f"dlogs contracted with J == cheap VJP {dz.shape}; batch {logS.shape} too")
    #> dlogs contracted with J == cheap VJP (5,); batch (3, 4) too
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    z_far = np.array([0.0, -800.0])  # exp(-800) underflows to 0.0
    e = np.exp(z_far - np.max(z_far))
    with np.errstate(divide="ignore"):
        naive = np.log(e / np.sum(e))  # log of the softmax: log(0.0)
    print(
        f"log(softmax(z)): {naive[1]}, log_softmax(z): {log_softmax_forward(z_far)[1]}"
    )
    #> log(softmax(z)): -inf, log_softmax(z): -800.0
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
