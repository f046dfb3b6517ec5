"""Numerical checks every snippet uses: finite differences and the dot-product test.

Conventions (see docs/notation.md):

* The Jacobian of ``y = f(x)`` has shape ``y.shape + x.shape`` with
  ``J[i..., j...] = dy[i...] / dx[j...]``.
* A backward function (a vector-Jacobian product, VJP) maps an upstream
  gradient ``g`` of shape ``y.shape`` to ``tensordot(g, J, axes=g.ndim)``,
  which has shape ``x.shape``.

Everything here runs in float64: central differences lose about a third of the
significant digits, and float32 has too few to spare (docs/checking_derivatives.md).
"""

import numpy as np

# --8<-- [start:tolerances]
EPS = 1e-6  # finite-difference step: near cbrt(machine epsilon) ~ 6e-6 for float64
RTOL = 1e-6  # central differences are accurate to ~1e-10 here; 1e-6 leaves room
ATOL = 1e-8  # for entries that should be exactly zero (most of a Jacobian)
# --8<-- [end:tolerances]


def _as_float64(x):
    x = np.asarray(x)
    if x.dtype != np.float64:
        raise TypeError(
            f"gradcheck needs float64 input, got {x.dtype}: finite differences in "
            "lower precision are dominated by rounding error"
        )
    return x


# --8<-- [start:numerical_jacobian]
def numerical_jacobian(f, x, eps=EPS):
    """Central-difference Jacobian of f at x, of shape f(x).shape + x.shape."""
    x = _as_float64(x)
    y = np.asarray(f(x))
    J = np.zeros(y.shape + x.shape)
    for j in np.ndindex(x.shape):  # one input entry at a time
        step = np.zeros_like(x)
        step[j] = eps
        J[(..., *j)] = (f(x + step) - f(x - step)) / (2 * eps)
    return J


# --8<-- [end:numerical_jacobian]


def numerical_gradient(loss, x, eps=EPS):
    """Central-difference gradient of a scalar loss at x: shape x.shape."""
    g = numerical_jacobian(lambda z: np.asarray(loss(z), dtype=np.float64), x, eps)
    if g.shape != np.shape(x):
        raise ValueError(
            f"loss must return a scalar, got shape {g.shape[: g.ndim - np.ndim(x)]}"
        )
    return g


# --8<-- [start:contract]
def vjp_from_jacobian(g, J):
    """Backward through the full Jacobian: contract g over the output axes of J."""
    return np.tensordot(g, J, axes=g.ndim)


# --8<-- [end:contract]


def check_jacobian(J, f, x, rtol=RTOL, atol=ATOL):
    """Assert that an explicitly built Jacobian J matches finite differences of f."""
    J_num = numerical_jacobian(f, x)
    if J.shape != J_num.shape:
        raise AssertionError(f"Jacobian shape {J.shape}, expected {J_num.shape}")
    np.testing.assert_allclose(
        J, J_num, rtol=rtol, atol=atol, err_msg="Jacobian != finite differences"
    )


def check_gradient(grad, loss, x, rtol=RTOL, atol=ATOL):
    """Assert that an analytic gradient of a scalar loss matches finite differences."""
    g_num = numerical_gradient(loss, x)
    if np.shape(grad) != g_num.shape:
        raise AssertionError(f"gradient shape {np.shape(grad)}, expected {g_num.shape}")
    np.testing.assert_allclose(
        grad, g_num, rtol=rtol, atol=atol, err_msg="gradient != finite differences"
    )


# --8<-- [start:dot_product_test]
def check_vjp(f, vjp, x, rng, trials=3, eps=EPS, rtol=RTOL, atol=ATOL):
    """Dot-product test: <v, J u> == <J^T v, u> for random u (shape of x), v (of y).

    J u is a directional finite difference (two calls of f), so the test never
    builds J: it scales to layers whose Jacobian would not fit in memory.
    """
    x = _as_float64(x)
    y = np.asarray(f(x))
    for _ in range(trials):
        u = rng.standard_normal(x.shape)
        v = rng.standard_normal(y.shape)
        Ju = (f(x + eps * u) - f(x - eps * u)) / (2 * eps)
        JTv = np.asarray(vjp(v))
        if JTv.shape != x.shape:
            raise AssertionError(
                f"VJP returned shape {JTv.shape}, expected the input's {x.shape}"
            )
        lhs = np.sum(v * Ju)
        rhs = np.sum(JTv * u)
        np.testing.assert_allclose(
            rhs, lhs, rtol=rtol, atol=atol, err_msg="<J^T v, u> != <v, J u>"
        )


# --8<-- [end:dot_product_test]
