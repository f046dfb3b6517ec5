"""For y = f(x), J (M_out, D_in): the JVP is J xdot, the VJP is J^T dy.

jacfwd stacks D_in JVPs (the columns J e_j), jacrev stacks M_out VJPs (the rows
e_i^T J); both equal the finite-difference Jacobian. The network:
U = x W1 + b1, H = max(U, 0), y = H W2 + b2: x (D_in,), U, H (M,), y (M_out,).
"""

import numpy as np
from gradcheck import EPS, check_jacobian, check_vjp


# --8<-- [start:forward]
def mlp_forward(x, W1, b1, W2, b2):
    """y = max(x W1 + b1, 0) W2 + b2: (D_in,) -> (M_out,). Backward needs U."""
    U = x @ W1 + b1  # (M,)
    H = np.maximum(U, 0.0)  # (M,)
    y = H @ W2 + b2  # (M_out,)
    return y


# --8<-- [end:forward]


# --8<-- [start:jvp]
def mlp_jvp(x_dot, U, W1, W2):
    """ydot = J xdot: the forward pass linearised at x, applied to xdot."""
    U_dot = x_dot @ W1  # the bias is a constant: its tangent is zero
    H_dot = U_dot * (U > 0)  # ReLU's slope, [U > 0], times the tangent
    y_dot = H_dot @ W2  # (M_out,)
    return y_dot


# --8<-- [end:jvp]


# --8<-- [start:jacobian]
def mlp_jacobian(U, W1, W2):
    """J[i, j] = dy_i/dx_j = sum_m W2[m, i] [U_m > 0] W1[j, m]: (M_out, D_in)."""
    return np.einsum("mi,m,jm->ij", W2, (U > 0).astype(float), W1)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def mlp_backward(dy, U, W1, W2):
    """dx = J^T dy: the JVP's three steps, in reverse order, each transposed."""
    dH = dy @ W2.T  # (M,)
    dU = dH * (U > 0)  # (M,)
    dx = dU @ W1.T  # (D_in,)
    return dx


# --8<-- [end:backward]


# --8<-- [start:jacfwd_jacrev]
def jacfwd(jvp, D_in):
    """D_in JVPs: J e_j is column j, so stack them along the input axis."""
    columns = [jvp(e_j) for e_j in np.eye(D_in)]  # each of shape (M_out,)
    return np.stack(columns, axis=1)  # (M_out, D_in)


def jacrev(vjp, M_out):
    """M_out VJPs: J^T e_i is row i, so stack them along the output axis."""
    rows = [vjp(e_i) for e_i in np.eye(M_out)]  # each of shape (D_in,)
    return np.stack(rows, axis=0)  # (M_out, D_in)


# --8<-- [end:jacfwd_jacrev]


def network(rng, D_in, M, M_out):
    """Random weights, and an input x whose pre-activations keep off the kink."""
    W1 = rng.standard_normal((D_in, M)) / np.sqrt(D_in)
    b1 = rng.standard_normal(M)
    W2 = rng.standard_normal((M, M_out)) / np.sqrt(M)
    b2 = rng.standard_normal(M_out)
    x = rng.standard_normal(D_in)
    U = x @ W1 + b1
    assert np.abs(U).min() > 100 * EPS, "a pre-activation sits on the ReLU kink"
    return x, W1, b1, W2, b2, U


def partial_forward(W1, b1, W2, b2):
    """The network as a function of x alone."""
    return lambda x: mlp_forward(x, W1, b1, W2, b2)


def main():
    rng = np.random.default_rng(1)
    # --8<-- [start:check]
    D_in, M, M_out = 3, 4, 4  # W2 square on purpose: dy @ W2 would run too
    x, W1, b1, W2, b2, U = network(rng, D_in, M, M_out)
    J = mlp_jacobian(U, W1, W2)
    f = partial_forward(W1, b1, W2, b2)  # y as a function of x alone
    check_jacobian(J, f, x)  # central differences, one input entry at a time
    x_dot = rng.standard_normal(D_in)  # a tangent: input-shaped
    dy = rng.standard_normal(M_out)  # an upstream gradient: output-shaped
    np.testing.assert_allclose(mlp_jvp(x_dot, U, W1, W2), J @ x_dot, rtol=1e-12)
    np.testing.assert_allclose(mlp_backward(dy, U, W1, W2), dy @ J, rtol=1e-12)
    print(f"J {J.shape}: JVP == J @ x_dot, VJP == dy @ J == J.T @ dy: True")
    #> J (4, 3): JVP == J @ x_dot, VJP == dy @ J == J.T @ dy: True
    jvps, vjps = [], []  # the directions each one is called with, to count them
    J_fwd = jacfwd(lambda v: jvps.append(v) or mlp_jvp(v, U, W1, W2), D_in)
    J_rev = jacrev(lambda v: vjps.append(v) or mlp_backward(v, U, W1, W2), M_out)
    check_jacobian(J_fwd, f, x)
    check_jacobian(J_rev, f, x)
    print(f"jacfwd: {len(jvps)} JVPs, jacrev: {len(vjps)} VJPs, both {J_fwd.shape}")
    #> jacfwd: 3 JVPs, jacrev: 4 VJPs, both (4, 3)
    print("jacfwd == jacrev == finite differences: True")
    #> jacfwd == jacrev == finite differences: True
    # --8<-- [end:check]
    # --8<-- [start:check_vjp_is_a_jvp]
    D_in, M, M_out = 784, 256, 10  # a realistic size: no Jacobian is built
    x, W1, b1, W2, b2, U = network(rng, D_in, M, M_out)
    f = partial_forward(W1, b1, W2, b2)
    check_vjp(f, lambda dy_: mlp_backward(dy_, U, W1, W2), x, rng)
    xi = rng.standard_normal(D_in)  # a random input-shaped direction, as check_vjp's
    J_xi = (f(x + EPS * xi) - f(x - EPS * xi)) / (2 * EPS)  # its line, verbatim
    np.testing.assert_allclose(J_xi, mlp_jvp(xi, U, W1, W2), rtol=1e-6, atol=1e-9)
    print(f"check_vjp's J_xi {J_xi.shape} is a JVP by central differences: True")
    #> check_vjp's J_xi (10,) is a JVP by central differences: True
    # --8<-- [end:check_vjp_is_a_jvp]
    # --8<-- [start:pitfall]
    eta, h = rng.standard_normal(M_out), 1e-3  # a larger step: f is linear here
    U_plus, U_minus = (x_ @ W1 + b1 for x_ in (x + h * xi, x - h * xi))
    assert np.all((U_plus > 0) == (U > 0)) and np.all((U_minus > 0) == (U > 0))
    moved = mlp_backward(eta, U_plus, W1, W2) - mlp_backward(eta, U_minus, W1, W2)
    assert np.all(moved == 0)  # the backward reads U only through the mask [U > 0]
    print(f"ReLU network: the VJP does not move as x moves: {np.all(moved == 0)}")
    #> ReLU network: the VJP does not move as x moves: True
    # the forward pass alone: the second difference of <eta, f> along xi is zero
    second = eta @ (f(x + h * xi) - 2 * f(x) + f(x - h * xi)) / h**2
    assert abs(second) < 1e-6, f"curvature {second}"
    print(f"<eta, f(x)> has zero second derivative along xi: {abs(second) < 1e-6}")
    #> <eta, f(x)> has zero second derivative along xi: True
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
