"""Numerical checks every snippet uses: finite differences and the dot-product test.

Copy this file next to any snippet of the site and the snippet runs with only
NumPy installed (``python <snippet>.py``).

Conventions (see docs/notation.md):

* The Jacobian of ``y = f(x)`` has shape ``y.shape + x.shape`` with
  ``J[i..., j...] = dy[i...] / dx[j...]``.
* A backward function (a vector-Jacobian product, VJP) maps an upstream
  gradient ``dY`` of shape ``y.shape`` to ``tensordot(dY, J, axes=dY.ndim)``,
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
    dx = numerical_jacobian(lambda z: np.asarray(loss(z), dtype=np.float64), x, eps)
    if dx.shape != np.shape(x):
        raise ValueError(
            f"loss must return a scalar, got shape {dx.shape[: dx.ndim - np.ndim(x)]}"
        )
    return dx


# --8<-- [start:contract]
def vjp_from_jacobian(dY, J):
    """Backward through the full Jacobian: contract dY over the output axes of J."""
    return np.tensordot(dY, J, axes=dY.ndim)


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
    """Dot-product test: <eta, J xi> == <J^T eta, xi> for random xi and eta.

    xi has the shape of x, eta the shape of y = f(x); vjp maps an upstream
    gradient (shape of y) to one of the shape of x. J xi is a directional
    finite difference (two calls of f), so the test never
    builds J: it scales to layers whose Jacobian would not fit in memory.
    """
    x = _as_float64(x)
    y = np.asarray(f(x))
    for _ in range(trials):
        xi = rng.standard_normal(x.shape)
        eta = rng.standard_normal(y.shape)
        J_xi = (f(x + eps * xi) - f(x - eps * xi)) / (2 * eps)
        JT_eta = np.asarray(vjp(eta))
        if JT_eta.shape != x.shape:
            raise AssertionError(
                f"VJP returned shape {JT_eta.shape}, expected the input's {x.shape}"
            )
        lhs = np.sum(eta * J_xi)
        rhs = np.sum(JT_eta * xi)
        np.testing.assert_allclose(
            rhs, lhs, rtol=rtol, atol=atol, err_msg="<J^T eta, xi> != <eta, J xi>"
        )


# --8<-- [end:dot_product_test]


# --8<-- [start:human_bytes]
def human_bytes(nbytes):
    """A size in binary units (1 KiB = 1024 bytes), to three significant digits."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if nbytes < 1024 or unit == "PiB":
            break
        nbytes /= 1024
    return f"{nbytes:.0f} {unit}" if nbytes >= 100 else f"{nbytes:.3g} {unit}"


# --8<-- [end:human_bytes]
