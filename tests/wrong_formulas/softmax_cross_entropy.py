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
        "dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))",
        "dZ = S * dS",
        "VJP without the row sums (dS . s): dZ = S * dS",
    ),
    (
        D + "softmax_vjp.py",
        "np.sum(dS * S, axis=-1, keepdims=True)",
        "np.sum(dS * S, axis=0, keepdims=True)",
        "batched VJP summing over the batch axis instead of the classes",
    ),
    (
        D + "softmax_vjp.py",
        "np.sum(dS * S, axis=-1, keepdims=True)",
        "np.sum(dS, axis=-1, keepdims=True)",
        "row sums of dS instead of dS * S: the log-softmax rule used for softmax",
    ),
    (
        D + "logsumexp_shift.py",
        "lse = zhat + np.log(np.sum(np.exp(z - zhat)))",
        "lse = np.log(np.sum(np.exp(z - zhat)))",
        "max subtracted but never added back: lse(z) - max(z)",
    ),
    (
        D + "logsumexp_shift.py",
        "lse = zhat + np.log(np.sum(np.exp(z - zhat)))",
        "lse = zhat + np.log(np.sum(np.exp(z)))",
        "max added back but never subtracted: lse(z) + max(z)",
    ),
    (
        D + "log_softmax.py",
        "dZ = dlogS - S * np.sum(dlogS, axis=-1, keepdims=True)",
        "dZ = dlogS - np.sum(dlogS * S, axis=-1, keepdims=True)",
        "log-softmax VJP with the Jacobian untransposed: J dlogs instead of J^T dlogs",
    ),
    (
        D + "row_and_column_sums.py",
        "np.eye(s.size) - np.outer(np.ones(s.size), s)",
        "np.eye(s.size) - np.outer(s, np.ones(s.size))",
        "log-softmax Jacobian transposed: I - s 1^T, whose rows do not sum to 0",
    ),
    (
        D + "cross_entropy.py",
        "dZ = dL * (S - T) / N",
        "dZ = dL * (S - T)",
        "fused gradient without the 1/N of the mean",
    ),
    (
        D + "cross_entropy.py",
        "dZ = dL * (S - T) / N",
        "dZ = dL * (T - S) / N",
        "fused gradient with the sign flipped: (T - S) / N",
    ),
    (
        D + "cross_entropy.py",
        "dZ *= dL / N",
        "dZ *= dL",
        "integer-label gradient without the 1/N of the mean",
    ),
    (
        D + "cross_entropy.py",
        "dZ[np.arange(N), labels] -= 1.0",
        "dZ[:, labels] -= 1.0",
        "integer labels used as column indices: 1 subtracted in every row",
    ),
    (
        D + "cross_entropy.py",
        "dS = -T / (N * S)",
        "dS = -T / S",
        "chain through the Jacobian without the 1/N in dL/dS",
    ),
    (
        D + "soft_targets.py",
        "dZ = dL * (S * T_sum - T) / S.shape[0]",
        "dZ = dL * (S - T) / S.shape[0]",
        "soft targets whose rows do not sum to 1 given the one-hot formula",
    ),
]
