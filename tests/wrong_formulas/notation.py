"""The notation chapter's checks fail when its contractions are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/notation/chain_rule.py",
        "J3 = np.tensordot(Jg3, Jf3, axes=1)",
        "J3 = np.tensordot(Jf3, Jg3, axes=1)",
        "chain rule in the wrong order: dy/dx . dz/dy, same (3, 3) shape",
    ),
    (
        "snippets/notation/chain_rule.py",
        "dX_full = np.tensordot(dZ, J, axes=dZ.ndim)",
        "dX_full = np.tensordot(dZ, J, axes=1)",
        "VJP contracted over one axis of z instead of both: not the shape of x",
    ),
    (
        "snippets/notation/kronecker_delta.py",
        '"il,jk->ijkl", delta(n), delta(m)',
        '"ik,jl->ijkl", delta(n), delta(m)',
        "transpose's deltas on the wrong index pairs (the identity's pattern)",
    ),
    (
        "snippets/notation/kronecker_delta.py",
        '"ik,jl->ijkl", delta(m), delta(n)',
        '"ij,kl->ijkl", delta(m), delta(n)',
        "identity's deltas pair output with output, input with input",
    ),
]
