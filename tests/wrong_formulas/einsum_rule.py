"""The einsum rule chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/einsum_rule/einsum_vjp.py",
        "terms = [output] + [s for j, s in enumerate(inputs) if j != k]",
        "terms = [s for j, s in enumerate(inputs) if j != k] + [output]",
        "operand order swapped in the rewritten spec: dY's letters given to B "
        "(runs on the square matmul, wrong numbers)",
    ),
    (
        "snippets/einsum_rule/einsum_vjp.py",
        "extras.append(np.eye(sizes[a]))",
        "extras.append(np.ones((sizes[a], sizes[a])))",
        "delta dropped for a repeated letter: the diagonal treated as a full matrix",
    ),
    (
        "snippets/einsum_rule/einsum_vjp.py",
        "extras.append(np.ones(sizes[a]))",
        "extras.append(np.ones(sizes[a]) / sizes[a])",
        "a 1/n where a plain broadcast belongs: the sum's backward taken for a mean's",
    ),
    (
        "snippets/einsum_rule/einsum_vjp.py",
        'output = "".join(sorted(a for a in set(lhs) - {","} if lhs.count(a) == 1))',
        'output = "".join(a for a in dict.fromkeys(lhs) if a != "," and lhs.count(a) == 1)',
        "implicit mode read in order of appearance: NumPy sorts, so 'ba' is a transpose",
    ),
    (
        "snippets/einsum_rule/einsum_vjp.py",
        'einsum_vjp("nd->d", dmu / N, X)',
        'einsum_vjp("nd->d", dmu, X)',
        "mean = einsum then a scale: the scale's 1/N forgotten in the backward",
    ),
    (
        "snippets/einsum_rule/einsum_vjp.py",
        'einsum_vjp("id,jd->ij", dZ / np.sqrt(D_head), Q, K)',
        'einsum_vjp("id,jd->ij", dZ, Q, K)',
        "attention scores: the 1/sqrt(D_head) scale forgotten in dQ and dK",
    ),
    (
        "snippets/einsum_rule/diagonal.py",
        "dA = np.diag(dY)",
        "dA = np.broadcast_to(dY[:, None], A.shape)",
        "diagonal treated as a full matrix: dY copied along rows, off-diagonal not zero",
    ),
    (
        "snippets/einsum_rule/diagonal.py",
        "dA = dy * np.eye(len(A))",
        "dA = dy * np.ones_like(A)",
        "trace's delta dropped: the gradient of the sum of all entries instead",
    ),
    (
        "snippets/einsum_rule/cost.py",
        "for a in set(spec) if a.isalpha()",
        'for a in set(spec.split("->")[1]) if a.isalpha()',
        "multiply-adds counted over the output's letters only: the summed letter forgotten",
    ),
    (
        "snippets/einsum_rule/exercise.py",
        "dx = dx_slot1 + dx_slot2",
        "dx = dx_slot1",
        "x fills two slots: one slot's gradient kept, the other's not summed in",
    ),
]
