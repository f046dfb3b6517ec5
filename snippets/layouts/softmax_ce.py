"""Clark's dJ/dtheta = y_hat - y is this site's s - T_n; for a batch, (S - T) / N."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def softmax(Z):
    """S = exp(Z) / (row sums of exp(Z)) along the last axis: z (C,) or Z (N, C)."""
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))  # shifted by the row max
    return E / E.sum(axis=-1, keepdims=True)


def log_softmax(Z):
    """log S = Z - lse(Z) along the last axis, never forming S: z (C,) or Z (N, C)."""
    zhat = Z.max(axis=-1, keepdims=True)  # the max of each row
    return Z - zhat - np.log(np.exp(Z - zhat).sum(axis=-1, keepdims=True))


def example_loss(z, T_n):
    """Clark's J for one example, here ell_n = -sum_c T_nc log s_c: z, T_n (C,)."""
    return -np.sum(T_n * log_softmax(z))


def softmax_cross_entropy_forward(Z, T):
    """This site: L = (1/N) sum_n ell_n, the mean over the batch: Z, T (N, C)."""
    L = -np.sum(T * log_softmax(Z)) / Z.shape[0]
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_jacobian(z):
    """J[c, j] = ds_c / dz_j = delta_cj s_c - s_c s_j: shape (C, C)."""
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def softmax_cross_entropy_backward(dL=1.0, *, S, T):
    """dZ = dL (S - T) / N: row n is example n's s - T_n (Clark's y_hat - y), over N."""
    dZ = dL * (S - T) / S.shape[0]
    return dZ


# --8<-- [end:backward]


# --8<-- [start:layouts]
def jacobian_formulation(dz):
    """Clark's "Jacobian formulation": dJ/dtheta as a (1, C) row."""
    return dz.reshape(1, -1)


def shape_convention(dz, z_shape):
    """Clark's "shape convention", and this site: the shape of theta, our z."""
    return dz.reshape(z_shape)


# --8<-- [end:layouts]


def main():
    rng = np.random.default_rng(6)
    N, C = 5, 4
    Z = rng.standard_normal((N, C))
    T = np.eye(C)[rng.integers(0, C, size=N)]  # one-hot targets
    z, T_n = Z[0], T[0]  # example n = 0 (NumPy counts from 0)
    # --8<-- [start:check]
    J = softmax_jacobian(z)
    check_jacobian(J, softmax, z)  # central differences
    ds = -T_n / softmax(z)  # d ell_n / ds_c = -T_nc / s_c, the log's derivative
    dz = vjp_from_jacobian(ds, J)  # the contraction; uses sum_c T_nc = 1
    s = softmax(z)
    np.testing.assert_allclose(dz, s - T_n, rtol=1e-10, atol=1e-12)  # Clark's result
    check_gradient(shape_convention(dz, z.shape), lambda z_: example_loss(z_, T_n), z)
    row = jacobian_formulation(dz)
    print(f"Jacobian formulation {row.shape}, shape convention {z.shape}")
    #> Jacobian formulation (1, 4), shape convention (4,)
    dL = rng.standard_normal()  # a random upstream gradient for the loss
    dZ = softmax_cross_entropy_backward(dL, S=softmax(Z), T=T)
    check_gradient(dZ, lambda Z_: dL * softmax_cross_entropy_forward(Z_, T), Z)
    np.testing.assert_allclose(N * dZ[0] / dL, s - T_n, rtol=1e-12)
    print(f"batch: dZ {dZ.shape}, and N dZ[0] / dL is example 0's s - T_n: True")
    #> batch: dZ (5, 4), and N dZ[0] / dL is example 0's s - T_n: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
