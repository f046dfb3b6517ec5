"""y = A x, L = c . y: dy/dx = A (numerator) or A^T (denominator); dL/dx = A^T c."""

import numpy as np

from gradcheck import check_gradient, check_jacobian


# --8<-- [start:forward]
def forward(A, x):
    """y_i = sum_j A_ij x_j, A (2, 3), x (3,), y (2,)."""
    return A @ x


def loss(c, A, x):
    """L = sum_i c_i y_i, a scalar."""
    return c @ forward(A, x)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_numerator(A):
    """Numerator layout (this site): rows follow y, columns follow x: A, (2, 3)."""
    return A.copy()


def jacobian_denominator(A):
    """Denominator layout: rows follow x, columns follow y: A^T, (3, 2)."""
    return A.T.copy()


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def grad_numerator(c, A):
    """dL/dx as a row vector (1, 3): dL/dy (1, 2) times dy/dx (2, 3)."""
    return c[None, :] @ jacobian_numerator(A)


def grad_denominator(c, A):
    """dL/dx as a column vector (3, 1): dy/dx (3, 2) times dL/dy (2, 1)."""
    return jacobian_denominator(A) @ c[:, None]


def grad_site(c, A):
    """dL/dx with the shape of x, (3,): contract c with the Jacobian over y's axis."""
    return np.tensordot(c, A, axes=1)  # = A.T @ c


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((2, 3))
    x = rng.standard_normal(3)
    c = rng.standard_normal(2)
    # --8<-- [start:check]
    check_jacobian(jacobian_numerator(A), lambda x_: forward(A, x_), x)
    np.testing.assert_array_equal(jacobian_denominator(A), A.T)
    print(f"dy/dx: numerator {A.shape}, denominator {A.T.shape}")
    #> dy/dx: numerator (2, 3), denominator (3, 2)

    num, den, ours = grad_numerator(c, A), grad_denominator(c, A), grad_site(c, A)
    print(f"dL/dx: numerator {num.shape}, denominator {den.shape}, ours {ours.shape}")
    #> dL/dx: numerator (1, 3), denominator (3, 1), ours (3,)
    check_gradient(ours, lambda x_: loss(c, A, x_), x)
    np.testing.assert_allclose(num.ravel(), ours, rtol=1e-12)
    np.testing.assert_allclose(den.ravel(), ours, rtol=1e-12)
    print("same three numbers in all three, only the shape differs: True")
    #> same three numbers in all three, only the shape differs: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
