"""The softmax and cross-entropy chapter's checks fail when its formulas are wrong."""

D = "snippets/softmax_cross_entropy/"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        D + "softmax_jacobian.py",
        "return np.diag(s) - np.outer(s, s)",
        "return np.diag(s)",
        "only the delta_ij term kept: J = diag(s)",
    ),
    (
        D + "softmax_jacobian.py",
        "return np.diag(s) - np.outer(s, s)",
        "return np.diag(s * (1 - s))",
        "off-diagonal forgotten, softmax treated as elementwise like the sigmoid",
    ),
    (
        D + "softmax_jacobian.py",
        "return np.diag(s) - np.outer(s, s)",
        "return np.diag(s) + np.outer(s, s)",
        "sign of s s^T flipped: J = diag(s) + s s^T",
    ),
    (
        D + "softmax_vjp.py",
        "return s * (g - g @ s)",
        "return s * g",
        "VJP without the (g . s) term: dz = s * g",
    ),
    (
        D + "softmax_vjp.py",
        "return S * (G - np.sum(G * S, axis=1, keepdims=True))",
        "return S * G",
        "batched VJP without the row sums: dZ = S * G",
    ),
    (
        D + "softmax_vjp.py",
        "np.sum(G * S, axis=1, keepdims=True)",
        "np.sum(G * S, axis=0, keepdims=True)",
        "batched VJP summing over the batch axis instead of the classes",
    ),
    (
        D + "logsumexp_shift.py",
        "return m + np.log(np.sum(np.exp(z - m)))",
        "return np.log(np.sum(np.exp(z - m)))",
        "max subtracted but never added back: logsumexp(z) - max(z)",
    ),
    (
        D + "log_softmax.py",
        "return g - s * np.sum(g)",
        "return g - g @ s",
        "log-softmax VJP with the Jacobian untransposed: J g instead of J^T g",
    ),
    (
        D + "cross_entropy.py",
        "return (softmax_rows(Z) - Y) / N",
        "return softmax_rows(Z) - Y",
        "fused gradient without the 1/N of the mean",
    ),
    (
        D + "cross_entropy.py",
        "return (softmax_rows(Z) - Y) / N",
        "return (Y - softmax_rows(Z)) / N",
        "fused gradient with the sign flipped: (Y - S) / N",
    ),
    (
        D + "cross_entropy.py",
        "dS = -Y / (N * S)",
        "dS = -Y / S",
        "chain through the Jacobian without the 1/N in dL/dS",
    ),
    (
        D + "soft_targets.py",
        "return (softmax_rows(Z) * r - T) / Z.shape[0]",
        "return (softmax_rows(Z) - T) / Z.shape[0]",
        "soft targets whose rows do not sum to 1 given the one-hot formula",
    ),
]
