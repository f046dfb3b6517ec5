"""For y = g(u), u = f(x): dy/dx = tensordot(dy/du, du/dx, axes=u.ndim)."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, human_bytes


# --8<-- [start:forward]
def tanh_layer_forward(x, A):
    """f: u_kl = tanh(sum_ij A_klij x_ij), x (2, 3) -> u (4, 2)."""
    u = np.tanh(np.tensordot(A, x, axes=2))
    return u


def sin_layer_forward(u, B):
    """g: y_pr = sin(v_pr), v_pr = sum_kl B_prkl u_kl, u (4, 2) -> y (2, 2)."""
    v = np.tensordot(B, u, axes=2)  # the sine's argument, shape (2, 2)
    y = np.sin(v)
    return y


def two_layers_forward(x, A, B):
    """y = g(f(x)): x (2, 3) -> u (4, 2) -> y (2, 2)."""
    y = sin_layer_forward(tanh_layer_forward(x, A), B)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_f(x, A):
    """du_kl/dx_ij = (1 - u_kl^2) A_klij: shape (4, 2) + (2, 3)."""
    u = tanh_layer_forward(x, A)
    return (1 - u**2)[:, :, None, None] * A


def jacobian_g(u, B):
    """dy_pr/du_kl = cos(v_pr) B_prkl with v = B . u: shape (2, 2) + (4, 2)."""
    v = np.tensordot(B, u, axes=2)
    return np.cos(v)[:, :, None, None] * B


# --8<-- [end:jacobian]


# --8<-- [start:chain]
def chain(J_g, J_f, u_ndim):
    """dy/dx: multiply and sum over the axes of u, shared by both Jacobians."""
    return np.tensordot(J_g, J_f, axes=u_ndim)  # (2, 2, 4, 2) . (4, 2, 2, 3)


def chain_einsum(J_g, J_f):
    """The same contraction with every index named: sum over k and l."""
    return np.einsum("prkl,klij->prij", J_g, J_f)


# --8<-- [end:chain]


# --8<-- [start:backward]
def sin_layer_backward(dy, u, B):
    """dy (shape of y) -> du (shape of u): no Jacobian is built."""
    v = np.tensordot(B, u, axes=2)
    dv = dy * np.cos(v)  # y = sin(v): elementwise, shape (2, 2)
    du = np.tensordot(dv, B, axes=dv.ndim)  # v_pr = sum_kl B_prkl u_kl: (4, 2)
    return du


def tanh_layer_backward(du, u, A):
    """du (shape of u) -> dx (shape of x); the forward's output u gives tanh'."""
    dx = np.tensordot(du * (1 - u**2), A, axes=du.ndim)  # (2, 3)
    return dx


def two_layers_backward(dy, x, A, B):
    """Reverse mode: the layers' backward functions in reverse order."""
    u = tanh_layer_forward(x, A)  # what the forward computed on the way
    du = sin_layer_backward(dy, u, B)
    dx = tanh_layer_backward(du, u, A)
    return dx


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((4, 2, 2, 3))
    B = rng.standard_normal((2, 2, 4, 2))
    x = rng.standard_normal((2, 3))
    # --8<-- [start:check]
    u = tanh_layer_forward(x, A)
    J_f = jacobian_f(x, A)
    J_g = jacobian_g(u, B)
    J = chain(J_g, J_f, u.ndim)
    print(f"J_g {J_g.shape} . J_f {J_f.shape} over {u.ndim} axes -> J {J.shape}")
    #> J_g (2, 2, 4, 2) . J_f (4, 2, 2, 3) over 2 axes -> J (2, 2, 2, 3)
    np.testing.assert_allclose(chain_einsum(J_g, J_f), J, rtol=1e-12, atol=1e-15)
    check_jacobian(J, lambda x_: two_layers_forward(x_, A, B), x)  # numerically

    try:  # the other order does not even fit here: J_f ends in x's axes
        np.tensordot(J_f, J_g, axes=u.ndim)
        raised = False
    except ValueError:
        raised = True
    assert raised
    print(f"tensordot(J_f, J_g) with these shapes raises ValueError: {raised}")
    #> tensordot(J_f, J_g) with these shapes raises ValueError: True
    # --8<-- [end:check]

    # --8<-- [start:vjp]
    dy = rng.standard_normal(J.shape[:2])  # upstream gradient dL/dy: the shape of y
    dx_full = np.tensordot(dy, J, axes=dy.ndim)  # contract over y's axes
    du = np.tensordot(dy, J_g, axes=dy.ndim)  # or one Jacobian at a time: (4, 2)
    dx_steps = np.tensordot(du, J_f, axes=du.ndim)  # (2, 3)
    dx = two_layers_backward(dy, x, A, B)  # no Jacobian at all
    print(f"dy {dy.shape} -> du {du.shape} -> dx {dx.shape}, x {x.shape}")
    #> dy (2, 2) -> du (4, 2) -> dx (2, 3), x (2, 3)
    np.testing.assert_allclose(dx_steps, dx_full, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dx, dx_full, rtol=1e-12, atol=1e-15)
    # L = <dy, y> = sum_pr dy_pr y_pr has gradient dy with respect to y
    check_gradient(dx, lambda x_: np.sum(dy * two_layers_forward(x_, A, B)), x)
    check_vjp(
        lambda x_: two_layers_forward(x_, A, B),
        lambda dy_: two_layers_backward(dy_, x, A, B),
        x,
        rng,
    )
    # --8<-- [end:vjp]

    # --8<-- [start:pitfall]
    A3, B3 = rng.standard_normal((3, 3)), rng.standard_normal((3, 3))
    x3 = rng.standard_normal(3)  # x, u, y all of shape (3,): every order fits
    Jf3 = (1 - np.tanh(A3 @ x3) ** 2)[:, None] * A3  # du/dx, u = tanh(A3 x)
    Jg3 = np.cos(B3 @ np.tanh(A3 @ x3))[:, None] * B3  # dy/du, y = sin(B3 u)
    J3 = np.tensordot(Jg3, Jf3, axes=1)  # dy/du . du/dx, that is Jg3 @ Jf3
    check_jacobian(J3, lambda x_: np.sin(B3 @ np.tanh(A3 @ x_)), x3)
    wrong = np.tensordot(Jf3, Jg3, axes=1)  # same shape (3, 3), wrong numbers
    print(f"wrong order: shape {wrong.shape}, equal to J: {np.allclose(wrong, J3)}")
    #> wrong order: shape (3, 3), equal to J: False
    # --8<-- [end:pitfall]
    assert not np.allclose(wrong, J3)

    # --8<-- [start:cost]
    N, D, M = 256, 4096, 4096  # a batch through a layer: X (N, D) -> Y (N, M)
    jacobian_bytes = (N * M) * (N * D) * 8  # dY/dX: shape (N, M, N, D), float64
    gradient_bytes = (N * D) * 8  # dX: shape (N, D)
    print(f"dY/dX {(N, M, N, D)}: {human_bytes(jacobian_bytes)}")
    #> dY/dX (256, 4096, 256, 4096): 8 TiB
    print(f"dX {(N, D)}: {human_bytes(gradient_bytes)}")
    #> dX (256, 4096): 8 MiB
    print(f"ratio: {jacobian_bytes // gradient_bytes:,} = N * M")
    #> ratio: 1,048,576 = N * M
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
