"""The notation chapter's checks fail when its contractions are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/notation/chain_rule.py",
        "J3 = np.tensordot(Jg3, Jf3, axes=1)",
        "J3 = np.tensordot(Jf3, Jg3, axes=1)",
        "chain rule in the wrong order: du/dx . dy/du, same (3, 3) shape",
    ),
    (
        "snippets/notation/chain_rule.py",
        "dx_full = np.tensordot(dy, J, axes=dy.ndim)",
        "dx_full = np.tensordot(dy, J, axes=1)",
        "VJP contracted over one axis of y instead of both: not the shape of x",
    ),
    (
        "snippets/notation/chain_rule.py",
        "np.tensordot(du * (1 - u**2), A, axes=du.ndim)",
        "np.tensordot(du, A, axes=du.ndim)",
        "the tanh's derivative 1 - u^2 forgotten in the backward pass",
    ),
    (
        "snippets/notation/kronecker_delta.py",
        '"il,jk->ijkl", delta(D), delta(N)',
        '"ik,jl->ijkl", delta(D), delta(N)',
        "transpose's deltas on the wrong index pairs (the identity's pattern)",
    ),
    (
        "snippets/notation/kronecker_delta.py",
        '"ik,jl->ijkl", delta(N), delta(D)',
        '"ij,kl->ijkl", delta(N), delta(D)',
        "identity's deltas pair output with output, input with input",
    ),
    (
        "snippets/notation/jacobian_shape.py",
        "return A.copy()  # y is linear",
        "return np.moveaxis(A, 0, -1).copy()  # y is linear",
        "Jacobian read in the other order: input axes first, shape (2, 3, 4)",
    ),
    (
        "snippets/notation/numerator_denominator.py",
        "dx = np.tensordot(dy, A, axes=1)  # = A.T @ dy",
        "dx = dy[None, :] @ A  # = A.T @ dy",
        "the numerator layout's (1, 3) row kept: not the shape (3,) of x",
    ),
    (
        "snippets/notation/exercise_outer.py",
        "dx = (dy + dy.T) @ x\n    return dx",
        "dx = 2 * dy @ x\n    return dx",
        "the transposed term dropped: right only for a symmetric dy",
    ),
]
