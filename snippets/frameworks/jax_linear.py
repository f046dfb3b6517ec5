"""JAX: Y = X W + b as a jax.custom_vjp function whose backward is the site's."""

import jax
import jax.numpy as jnp
import numpy as np
from jax.test_util import check_grads


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """X (N, D), W (D, M), b (M,) -> Y (N, M). Keep X and W: backward needs them."""
    Y = X @ W + b
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dY = dL/dY (N, M) -> dX (N, D), dW (D, M), db (M,): the shapes of X, W, b."""
    dX = dY @ W.T  # (N, M) @ (M, D): sums over the output index m
    dW = X.T @ dY  # (D, N) @ (N, M): sums over the batch index n
    db = dY.sum(axis=0)  # (N, M) -> (M,): sums over the batch index n
    return dX, dW, db


# --8<-- [end:backward]


# --8<-- [start:function]
@jax.custom_vjp
def linear(X, W, b):
    """Y = X W + b, differentiated by linear_backward instead of by JAX."""
    return linear_forward(X, W, b)


def linear_fwd(X, W, b):  # the output, and the residuals backward will need
    return linear_forward(X, W, b), (X, W)


def linear_bwd(residuals, dY):  # a tuple: one gradient per input of linear
    X, W = residuals
    return linear_backward(dY, X, W)


linear.defvjp(linear_fwd, linear_bwd)
# --8<-- [end:function]


def main():
    jax.config.update("jax_enable_x64", True)  # float64, before any array is made
    rng = np.random.default_rng(3)
    N, D, M = 8, 5, 5  # a square W on purpose, as on the linear layer page
    # --8<-- [start:check]
    X, W, b = (jnp.asarray(rng.standard_normal(s)) for s in ((N, D), (D, M), (M,)))
    Y, linear_vjp = jax.vjp(linear, X, W, b)
    dY = jnp.asarray(rng.standard_normal((N, M)))  # a random upstream gradient
    dX, dW, db = linear_vjp(dY)
    print(f"Y {Y.shape} {Y.dtype}; dX {dX.shape}, dW {dW.shape}, db {db.shape}")
    #> Y (8, 5) float64; dX (8, 5), dW (5, 5), db (5,)
    # the same numbers as JAX's own derivative of X @ W + b
    expected = jax.vjp(linear_forward, X, W, b)[1](dY)
    same = all(jnp.allclose(a, e) for a, e in zip((dX, dW, db), expected, strict=True))
    assert same, "linear's backward disagrees with JAX's"
    print(f"dX, dW, db equal jax.vjp's: {same}")
    #> dX, dW, db equal jax.vjp's: True
    # finite differences against backward: reverse mode only (custom_vjp has no JVP)
    check_grads(linear, (X, W, b), order=1, modes=["rev"])  # raises AssertionError
    print("jax.test_util.check_grads in float64: passed")
    #> jax.test_util.check_grads in float64: passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
