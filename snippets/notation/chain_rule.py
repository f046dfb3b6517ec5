"""For z = g(y), y = f(x): dz/dx = tensordot(dz/dy, dy/dx, axes=y.ndim)."""

import numpy as np

from gradcheck import check_gradient, check_jacobian, check_vjp


# --8<-- [start:forward]
def f(A, x):
    """y_kl = tanh(sum_ij A_klij x_ij): x (2, 3) -> y (4, 2)."""
    return np.tanh(np.tensordot(A, x, axes=2))


def g(B, y):
    """z_ab = sin(sum_kl B_abkl y_kl): y (4, 2) -> z (2, 2)."""
    return np.sin(np.tensordot(B, y, axes=2))


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_f(A, x):
    """dy_kl/dx_ij = (1 - y_kl^2) A_klij: shape (4, 2) + (2, 3)."""
    y = f(A, x)
    return (1 - y**2)[:, :, None, None] * A


def jacobian_g(B, y):
    """dz_ab/dy_kl = cos(u_ab) B_abkl with u = B . y: shape (2, 2) + (4, 2)."""
    u = np.tensordot(B, y, axes=2)
    return np.cos(u)[:, :, None, None] * B


# --8<-- [end:jacobian]


# --8<-- [start:chain]
def chain(J_g, J_f, y_ndim):
    """dz/dx: multiply and sum over the axes of y, shared by both Jacobians."""
    return np.tensordot(J_g, J_f, axes=y_ndim)  # (2, 2, 4, 2) . (4, 2, 2, 3)


def chain_einsum(J_g, J_f):
    """The same contraction with every index named: sum over k and l."""
    return np.einsum("abkl,klij->abij", J_g, J_f)


# --8<-- [end:chain]


# --8<-- [start:backward]
def backward(A, B, x, dZ):
    """Reverse mode: dZ (shape of z) -> dY (shape of y) -> dX (shape of x).

    Each step contracts the upstream gradient with one local Jacobian over the
    output axes; the elementwise factors are applied directly, so no Jacobian
    is ever built.
    """
    y = f(A, x)
    u = np.tensordot(B, y, axes=2)
    dU = dZ * np.cos(u)  # z = sin(u): elementwise, shape (2, 2)
    dY = np.tensordot(dU, B, axes=dU.ndim)  # u_ab = sum_kl B_abkl y_kl: (4, 2)
    dV = dY * (1 - y**2)  # y = tanh(v): elementwise, shape (4, 2)
    return np.tensordot(dV, A, axes=dV.ndim)  # v_kl = sum_ij A_klij x_ij: (2, 3)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((4, 2, 2, 3))
    B = rng.standard_normal((2, 2, 4, 2))
    x = rng.standard_normal((2, 3))
    # --8<-- [start:check]
    y = f(A, x)
    J_f = jacobian_f(A, x)
    J_g = jacobian_g(B, y)
    J = chain(J_g, J_f, y.ndim)
    print(f"J_g {J_g.shape} . J_f {J_f.shape} over {y.ndim} axes -> J {J.shape}")
    #> J_g (2, 2, 4, 2) . J_f (4, 2, 2, 3) over 2 axes -> J (2, 2, 2, 3)
    np.testing.assert_allclose(chain_einsum(J_g, J_f), J, rtol=1e-12, atol=1e-15)
    check_jacobian(J, lambda x_: g(B, f(A, x_)), x)  # the composite, numerically

    try:  # the other order does not even fit here: J_f ends in x's axes
        np.tensordot(J_f, J_g, axes=y.ndim)
        raised = False
    except ValueError:
        raised = True
    assert raised
    print(f"tensordot(J_f, J_g) with these shapes raises ValueError: {raised}")
    #> tensordot(J_f, J_g) with these shapes raises ValueError: True
    # --8<-- [end:check]

    # --8<-- [start:vjp]
    dZ = rng.standard_normal(J.shape[:2])  # upstream gradient dL/dz: the shape of z
    dX_full = np.tensordot(dZ, J, axes=dZ.ndim)  # contract over z's axes
    dY = np.tensordot(dZ, J_g, axes=dZ.ndim)  # or one Jacobian at a time: (4, 2)
    dX_steps = np.tensordot(dY, J_f, axes=dY.ndim)  # (2, 3)
    dX = backward(A, B, x, dZ)
    print(f"dZ {dZ.shape} -> dY {dY.shape} -> dX {dX.shape}, x {x.shape}")
    #> dZ (2, 2) -> dY (4, 2) -> dX (2, 3), x (2, 3)
    np.testing.assert_allclose(dX_steps, dX_full, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dX, dX_full, rtol=1e-12, atol=1e-15)
    check_gradient(dX, lambda x_: np.sum(dZ * g(B, f(A, x_))), x)  # L = <dZ, z>
    check_vjp(lambda x_: g(B, f(A, x_)), lambda v: backward(A, B, x, v), x, rng)
    # --8<-- [end:vjp]

    # --8<-- [start:pitfall]
    P, Q = rng.standard_normal((3, 3)), rng.standard_normal((3, 3))
    x3 = rng.standard_normal(3)  # x, y, z all of shape (3,): every order fits
    Jf3 = (1 - np.tanh(P @ x3) ** 2)[:, None] * P  # dy/dx, y = tanh(P x)
    Jg3 = np.cos(Q @ np.tanh(P @ x3))[:, None] * Q  # dz/dy, z = sin(Q y)
    J3 = np.tensordot(Jg3, Jf3, axes=1)  # dz/dy . dy/dx, that is Jg3 @ Jf3
    check_jacobian(J3, lambda x_: np.sin(Q @ np.tanh(P @ x_)), x3)
    wrong = np.tensordot(Jf3, Jg3, axes=1)  # same shape (3, 3), wrong numbers
    print(f"wrong order: shape {wrong.shape}, equal to J: {np.allclose(wrong, J3)}")
    #> wrong order: shape (3, 3), equal to J: False
    # --8<-- [end:pitfall]
    assert not np.allclose(wrong, J3)

    # --8<-- [start:cost]
    N, D, M = 256, 4096, 4096  # a batch through a layer: X (N, D) -> Y (N, M)
    jacobian_bytes = (N * M) * (N * D) * 8  # dY/dX: shape (N, M, N, D), float64
    gradient_bytes = (N * D) * 8  # dX: shape (N, D)
    print(f"dY/dX {(N, M, N, D)}: {jacobian_bytes / 2**40:.0f} TiB")
    #> dY/dX (256, 4096, 256, 4096): 8 TiB
    print(f"dX {(N, D)}: {gradient_bytes / 2**20:.0f} MiB")
    #> dX (256, 4096): 8 MiB
    print(f"ratio: {jacobian_bytes // gradient_bytes:,} = N * M")
    #> ratio: 1,048,576 = N * M
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
