"""JAX: the cross-entropy's dZ = dL (S - T) / N, with None for the integer labels."""

import jax
import jax.numpy as jnp
import numpy as np
from jax.test_util import check_grads


# --8<-- [start:forward]
def cross_entropy_forward(Z, labels):
    """Integer labels (N,): L = -(1/N) sum_n logS[n, t_n]."""
    N = Z.shape[0]
    L = -jnp.mean(jax.nn.log_softmax(Z, axis=1)[jnp.arange(N), labels])
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def cross_entropy_backward(dL=1.0, *, S, labels):
    """dZ = dL (S - T) / N, with the one-hot T never built (CS231n, makemore)."""
    N = S.shape[0]
    dZ = S.at[jnp.arange(N), labels].add(-1.0)  # arrays are immutable: no -=
    dZ = dZ * dL / N
    return dZ


# --8<-- [end:backward]


# --8<-- [start:function]
@jax.custom_vjp
def cross_entropy(Z, labels):
    """The mean cross-entropy of the logits Z (N, C) and integer labels (N,)."""
    return cross_entropy_forward(Z, labels)


def cross_entropy_fwd(Z, labels):  # fwd may compute: S is a residual
    return cross_entropy_forward(Z, labels), (jax.nn.softmax(Z, axis=1), labels)


def cross_entropy_bwd(residuals, dL):
    S, labels = residuals
    return cross_entropy_backward(dL, S=S, labels=labels), None  # None: labels


cross_entropy.defvjp(cross_entropy_fwd, cross_entropy_bwd)
# --8<-- [end:function]


def main():
    jax.config.update("jax_enable_x64", True)  # float64, before any array is made
    rng = np.random.default_rng(0)
    N, C = 6, 4
    # --8<-- [start:check]
    Z = jnp.asarray(rng.standard_normal((N, C)))
    labels = jnp.asarray(rng.integers(0, C, size=N))  # int64: no gradient
    L, dZ = jax.value_and_grad(cross_entropy)(Z, labels)  # argnums=0: Z only
    print(f"L {L.shape}, dZ {dZ.shape}, labels {labels.dtype}")
    #> L (), dZ (6, 4), labels int64
    same = jnp.allclose(dZ, jax.grad(cross_entropy_forward)(Z, labels))
    assert same, "cross_entropy's backward disagrees with JAX's"
    print(f"dZ equals jax.grad of the plain forward: {same}")
    #> dZ equals jax.grad of the plain forward: True
    # under jit too: the labels are an ordinary (traced) argument
    agree = jnp.allclose(jax.jit(jax.grad(cross_entropy))(Z, labels), dZ)
    assert agree, "jit changed the gradient"
    print(f"jit(grad) agrees: {agree}")
    #> jit(grad) agrees: True
    check_grads(lambda Z_: cross_entropy(Z_, labels), (Z,), order=1, modes=["rev"])
    print("jax.test_util.check_grads in float64: passed")
    #> jax.test_util.check_grads in float64: passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
