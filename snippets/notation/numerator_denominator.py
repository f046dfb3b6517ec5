"""y = A x, L = dy . y: dy/dx = A (numerator) or A^T (denominator); dL/dx = A^T dy."""

import numpy as np
from gradcheck import check_gradient, check_jacobian


# --8<-- [start:forward]
def matvec_forward(A, x):
    """y_i = sum_j A_ij x_j, A (2, 3), x (3,), y (2,)."""
    y = A @ x
    return y


def loss(dy, A, x):
    """L = sum_i dy_i y_i, a scalar whose gradient with respect to y is dy."""
    return dy @ matvec_forward(A, x)


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
def matvec_backward(dy, A):
    """dL/dx with the shape of x, (3,): contract dy with the Jacobian over y's axis."""
    dx = np.tensordot(dy, A, axes=1)  # = A.T @ dy
    return dx


# --8<-- [end:backward]


# --8<-- [start:layouts]
def grad_numerator(dy, A):
    """dL/dx as a row vector (1, 3): dL/dy (1, 2) times dy/dx (2, 3)."""
    return dy[None, :] @ jacobian_numerator(A)


def grad_denominator(dy, A):
    """dL/dx as a column vector (3, 1): dy/dx (3, 2) times dL/dy (2, 1)."""
    return jacobian_denominator(A) @ dy[:, None]


# --8<-- [end:layouts]


def main():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((2, 3))
    x = rng.standard_normal(3)
    dy = rng.standard_normal(2)
    # --8<-- [start:check]
    check_jacobian(jacobian_numerator(A), lambda x_: matvec_forward(A, x_), x)
    np.testing.assert_array_equal(jacobian_denominator(A), A.T)
    print(f"dy/dx: numerator {A.shape}, denominator {A.T.shape}")
    #> dy/dx: numerator (2, 3), denominator (3, 2)

    num, den = grad_numerator(dy, A), grad_denominator(dy, A)
    ours = matvec_backward(dy, A)
    print(f"dL/dx: numerator {num.shape}, denominator {den.shape}, ours {ours.shape}")
    #> dL/dx: numerator (1, 3), denominator (3, 1), ours (3,)
    check_gradient(ours, lambda x_: loss(dy, A, x_), x)
    np.testing.assert_allclose(num.ravel(), ours, rtol=1e-12)
    np.testing.assert_allclose(den.ravel(), ours, rtol=1e-12)
    print("same three numbers in all three, only the shape differs: True")
    #> same three numbers in all three, only the shape differs: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
