"""Clark's softmax + cross-entropy: dJ/dtheta = y_hat - y; a batch mean: (P - Y)/N."""

import numpy as np

from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def softmax(z):
    """p_i = exp(z_i) / sum_j exp(z_j), along the last axis."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def loss_one(theta, y):
    """One example (Clark): J = -sum_i y_i log y_hat_i, theta and y of shape (C,)."""
    return -np.sum(y * np.log(softmax(theta)))


def loss_batch(Z, Y):
    """This site: L = mean over the batch of the example losses, Z and Y (N, C)."""
    return -np.sum(Y * np.log(softmax(Z))) / Z.shape[0]


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_jacobian(theta):
    """J[i, j] = d y_hat_i / d theta_j = delta_ij p_i - p_i p_j: shape (C, C)."""
    p = softmax(theta)
    return np.diag(p) - np.outer(p, p)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward_one(theta, y):
    """Clark's result: dJ/dtheta = y_hat - y, shape (C,)."""
    return softmax(theta) - y


def backward_batch(Z, Y):
    """Row n is example n's y_hat - y; the 1/N comes from the batch mean."""
    N = Z.shape[0]
    return (softmax(Z) - Y) / N


# --8<-- [end:backward]


# --8<-- [start:layouts]
def jacobian_formulation(theta, y):
    """Clark's "Jacobian formulation": dJ/dtheta is a (1, C) row."""
    return backward_one(theta, y).reshape(1, -1)


def shape_convention(theta, y):
    """Clark's "shape convention", and this site: the shape of theta."""
    return backward_one(theta, y).reshape(theta.shape)


# --8<-- [end:layouts]


def main():
    rng = np.random.default_rng(6)
    N, C = 5, 4
    Z = rng.standard_normal((N, C))
    Y = np.eye(C)[rng.integers(0, C, size=N)]  # one-hot labels
    theta, y = Z[0], Y[0]
    # --8<-- [start:check]
    J = softmax_jacobian(theta)
    check_jacobian(J, softmax, theta)  # central differences
    dy_hat = -y / softmax(theta)  # dJ/dy_hat
    dtheta = vjp_from_jacobian(dy_hat, J)  # uses sum_i y_i = 1
    np.testing.assert_allclose(dtheta, backward_one(theta, y), rtol=1e-10, atol=1e-12)
    check_gradient(shape_convention(theta, y), lambda t: loss_one(t, y), theta)
    row = jacobian_formulation(theta, y)
    print(f"Jacobian formulation {row.shape}, shape convention {theta.shape}")
    #> Jacobian formulation (1, 4), shape convention (4,)
    dZ = backward_batch(Z, Y)
    check_gradient(dZ, lambda Z_: loss_batch(Z_, Y), Z)
    np.testing.assert_allclose(N * dZ[0], backward_one(theta, y), rtol=1e-12)
    print(f"batch: dZ {dZ.shape}, row 0 times N equals y_hat - y: True")
    #> batch: dZ (5, 4), row 0 times N equals y_hat - y: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
