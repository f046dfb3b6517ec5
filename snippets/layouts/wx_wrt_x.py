"""For y = W x, W (m, n): numerator layout dy/dx = W (m, n), denominator layout W.T."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(W, x):
    """y_i = sum_k W_ik x_k, shape (m,)."""
    return W @ x


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(W, x):
    """J[i, j] = dy_i / dx_j = sum_k W_ik delta_kj = W_ij: shape y.shape + x.shape."""
    delta = np.eye(x.shape[0])  # delta[k, j] = 1 if k == j else 0
    return np.einsum("ik,kj->ij", W, delta)  # (m, n)


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def numerator_layout(W):
    """Numerator layout (Wikipedia's first column): dy/dx = W, shape (m, n)."""
    return W


def denominator_layout(W):
    """Denominator layout (Wikipedia's second column): dy/dx = W.T, shape (n, m)."""
    return W.T


def to_this_site(J_denominator):
    """This site's Jacobian, y.shape + x.shape, is the denominator one transposed."""
    return J_denominator.T


# --8<-- [end:layouts]


# --8<-- [start:backward]
def backward(W, dy):
    """dx_j = sum_i dy_i W_ij, that is dx = W.T @ dy: shape x.shape."""
    return W.T @ dy


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    m, n = 3, 4
    W = rng.standard_normal((m, n))
    x = rng.standard_normal(n)
    dy = rng.standard_normal(m)  # upstream gradient dL/dy
    # --8<-- [start:check]
    J_num, J_den = numerator_layout(W), denominator_layout(W)
    print(f"numerator {J_num.shape}, denominator {J_den.shape}")
    #> numerator (3, 4), denominator (4, 3)
    J = to_this_site(J_den)
    check_jacobian(J, lambda x_: forward(W, x_), x)  # central differences
    np.testing.assert_array_equal(J, jacobian(W, x))
    print(f"this site: shape {J.shape}, equal to W: {np.array_equal(J, W)}")
    #> this site: shape (3, 4), equal to W: True
    # the chain rule multiplies in opposite orders in the two layouts
    dx = backward(W, dy)
    np.testing.assert_allclose(dx, vjp_from_jacobian(dy, J), rtol=1e-12)
    np.testing.assert_allclose(dx, dy @ J_num, rtol=1e-12)  # row times (m, n)
    np.testing.assert_allclose(dx, J_den @ dy, rtol=1e-12)  # (n, m) times column
    check_vjp(lambda x_: forward(W, x_), lambda g: backward(W, g), x, rng)
    print(f"dx: shape {dx.shape}, dy @ J_num == J_den @ dy: True")
    #> dx: shape (4,), dy @ J_num == J_den @ dy: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
