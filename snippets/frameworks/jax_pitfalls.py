"""JAX custom_vjp: the mistakes readers report, each error, and its fix."""

import jax
import jax.numpy as jnp
import numpy as np
from jax.test_util import check_grads


def error_message(action, key):
    """Run action, which must raise; 'Type: ...key...' once the message holds key."""
    try:
        action()
    except Exception as err:
        assert key in str(err), f"{key!r} is not in the message: {err}"
        return f"{type(err).__name__}: ...{key}..."
    raise AssertionError("no error was raised")


def linear_forward(X, W, b):
    Y = X @ W + b
    return Y


def cross_entropy_forward(Z, labels):
    N = Z.shape[0]
    L = -jnp.mean(jax.nn.log_softmax(Z, axis=1)[jnp.arange(N), labels])
    return L


def with_vjp(fwd, bwd, nondiff_argnums=()):
    """The forward made a custom_vjp function with the rules fwd and bwd."""
    f = jax.custom_vjp(lambda *args: fwd(*args)[0], nondiff_argnums=nondiff_argnums)
    f.defvjp(fwd, bwd)
    return f


def ce_fwd(Z, labels):
    return cross_entropy_forward(Z, labels), (jax.nn.softmax(Z, axis=1), labels)


def ce_dZ(S, labels, dL):
    N = S.shape[0]
    return S.at[jnp.arange(N), labels].add(-1.0) * dL / N


def linear_fwd(X, W, b):
    return linear_forward(X, W, b), (X, W)


# --8<-- [start:structure]
def ce_bwd_bare(residuals, dL):
    S, labels = residuals
    return ce_dZ(S, labels, dL)  # wrong: a bare array; two inputs want a 2-tuple


def linear_bwd_two(residuals, dY):
    X, W = residuals
    return dY @ W.T, X.T @ dY  # wrong: db forgotten, a 2-tuple for 3 inputs


def ce_bwd(residuals, dL):
    S, labels = residuals
    return ce_dZ(S, labels, dL), None  # right: one entry per input, None for labels


def show_structure(X, W, b, Z, labels):
    key = "must produce a tuple of length equal to the number of arguments"
    bare = with_vjp(ce_fwd, ce_bwd_bare)
    print(error_message(lambda: jax.grad(bare)(Z, labels), key))
    #> TypeError: ...must produce a tuple of length equal to the number of arguments...
    two = with_vjp(linear_fwd, linear_bwd_two)
    print(error_message(lambda: jax.vjp(two, X, W, b)[1](X @ W), key))
    #> TypeError: ...must produce a tuple of length equal to the number of arguments...
    fixed = with_vjp(ce_fwd, ce_bwd)
    check_grads(lambda Z_: fixed(Z_, labels), (Z,), order=1, modes=["rev"])
    print("(dZ, None): check_grads passed")
    #> (dZ, None): check_grads passed


# --8<-- [end:structure]


# --8<-- [start:nondiff_argnums]
def ce_bwd_nondiff(labels, residuals, dL):  # nondiff arguments come first in bwd
    S, _ = residuals
    return (ce_dZ(S, labels, dL),)


def show_nondiff_argnums(Z, labels):
    ce = with_vjp(ce_fwd, ce_bwd_nondiff, nondiff_argnums=(1,))  # labels: an array
    print(f"works without jit: {jax.grad(ce)(Z, labels).shape}")
    #> works without jit: (6, 4)
    key = "nondiff_argnums"
    print(error_message(lambda: jax.jit(jax.grad(ce))(Z, labels), key))
    #> UnexpectedTracerError: ...nondiff_argnums...


# --8<-- [end:nondiff_argnums]


# --8<-- [start:float32]
def linear_bwd_off(residuals, dY):
    X, W = residuals
    return dY @ W.T, 1.003 * (X.T @ dY), dY.sum(axis=0)  # wrong: dW 0.3 % too big


def show_float32(X, W, b):
    off = with_vjp(linear_fwd, linear_bwd_off)
    inputs32 = [V.astype(jnp.float32) for V in (X, W, b)]
    check_grads(off, inputs32, order=1, modes=["rev"])  # tolerance 2e-3 in float32
    print("float32: check_grads passed a dW that is 0.3 % off")
    #> float32: check_grads passed a dW that is 0.3 % off
    key = "Not equal to tolerance"
    print(error_message(lambda: check_grads(off, (X, W, b), 1, modes=["rev"]), key))
    #> AssertionError: ...Not equal to tolerance...


# --8<-- [end:float32]


# --8<-- [start:modes]
def linear_bwd(residuals, dY):
    X, W = residuals
    return dY @ W.T, X.T @ dY, dY.sum(axis=0)  # right


def show_modes(X, W, b):
    linear = with_vjp(linear_fwd, linear_bwd)
    key = "can't apply forward-mode autodiff (jvp) to a custom_vjp function"
    print(error_message(lambda: check_grads(linear, (X, W, b), order=1), key))
    #> TypeError: ...can't apply forward-mode autodiff (jvp) to a custom_vjp function...
    check_grads(linear, (X, W, b), order=1, modes=["rev"])
    print("modes=['rev']: check_grads passed")
    #> modes=['rev']: check_grads passed


# --8<-- [end:modes]


def main():
    jax.config.update("jax_enable_x64", True)  # float64, before any array is made
    rng = np.random.default_rng(3)
    X, W, b = (jnp.asarray(rng.standard_normal(s)) for s in ((8, 5), (5, 5), (5,)))
    Z = jnp.asarray(rng.standard_normal((6, 4)))
    labels = jnp.asarray(rng.integers(0, 4, size=6))
    show_structure(X, W, b, Z, labels)
    show_nondiff_argnums(Z, labels)
    show_float32(X, W, b)
    show_modes(X, W, b)


if __name__ == "__main__":
    main()
