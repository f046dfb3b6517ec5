"""Y = einsum("ij,jk->ik", A, B) has dA = einsum("ik,jk->ij", dY, B): swap A's, Y's letters.

The gradient of one operand is the einsum of dY and the other operands whose
output letters are that operand's: swap the operand's letters with the output's.
Two repairs make the swap exact: a letter the operand repeats (a diagonal) gets a
fresh letter and a delta, np.eye; a letter only the operand has (summed in the
forward) gets a vector of ones, so dY is broadcast along it.

Copy this file alone: einsum_vjp needs NumPy only (the checks in main() use
gradcheck.py from the same folder).
"""

import numpy as np

# --8<-- [start:parse]
# NumPy's index letters; fresh ones for deltas are taken in this order
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def parse_spec(spec, *operands):
    """(inputs, output, sizes) of spec: one letter string per operand, the output's
    letters, and each letter's length. Raises ValueError naming what is wrong."""
    if "..." in spec:
        raise ValueError(f"{spec!r}: ellipsis is not supported, name each axis")
    lhs, arrow, output = spec.replace(" ", "").partition("->")
    if "->" in output:
        raise ValueError(f"{spec!r}: more than one '->'")
    inputs = lhs.split(",")
    bad = sorted(set("".join(inputs) + output) - set(LETTERS))
    if bad:
        raise ValueError(f"{spec!r}: {bad} are not index letters (a-z, A-Z)")
    if not arrow:  # implicit mode, as NumPy: letters seen once, alphabetically
        output = "".join(sorted(a for a in set(lhs) - {","} if lhs.count(a) == 1))
    if len(inputs) != len(operands):
        raise ValueError(
            f"{spec!r} names {len(inputs)} operand(s), got {len(operands)} array(s)"
        )
    sizes = {}
    for k, (letters, A) in enumerate(zip(inputs, operands, strict=True)):
        if len(letters) != np.ndim(A):
            raise ValueError(
                f"{spec!r}: operand {k} has {np.ndim(A)} axes, "
                f"{letters!r} names {len(letters)}"
            )
        for a, n in zip(letters, np.shape(A), strict=True):
            if sizes.setdefault(a, n) != n:
                raise ValueError(
                    f"{spec!r}: index {a!r} has length {sizes[a]} and {n} (operand {k})"
                )
    for a in output:
        if output.count(a) > 1:
            raise ValueError(f"{spec!r}: output index {a!r} repeated")
        if a not in sizes:
            raise ValueError(f"{spec!r}: output index {a!r} is in no operand")
    return inputs, output, sizes


# --8<-- [end:parse]


# --8<-- [start:forward]
def einsum_forward(spec, *operands):
    """Y = einsum(spec, *operands), once parse_spec has accepted the spec."""
    inputs, output, _ = parse_spec(spec, *operands)
    Y = np.einsum(",".join(inputs) + "->" + output, *operands)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def einsum_jacobian(spec, k, *operands):
    """dY/dA_k, shape Y.shape + A_k.shape: the other operands times one delta
    (np.eye) per axis of A_k, tying that axis's letter to a fresh letter."""
    inputs, output, sizes = parse_spec(spec, *operands)
    fresh = [a for a in LETTERS if a not in sizes][: len(inputs[k])]
    others = [j for j in range(len(inputs)) if j != k]
    terms = [inputs[j] for j in others] + [
        a + f for a, f in zip(inputs[k], fresh, strict=True)
    ]
    arrays = [operands[j] for j in others] + [np.eye(sizes[a]) for a in inputs[k]]
    J_spec = ",".join(terms) + "->" + output + "".join(fresh)
    return np.einsum(J_spec, *arrays)


# --8<-- [end:jacobian]


# --8<-- [start:vjp]
def rewrite(inputs, output, sizes, k):
    """The einsum giving dA_k: its spec, whose operands are dY, the other
    operands in their order, then extra arrays (deltas and ones), and those."""
    terms = [output] + [s for j, s in enumerate(inputs) if j != k]
    fresh = iter(a for a in LETTERS if a not in sizes)
    target, extras = "", []
    for a in inputs[k]:
        if a in target:  # A_k repeats a: a diagonal, so a fresh letter and a delta
            f = next(fresh)
            terms.append(a + f)
            extras.append(np.eye(sizes[a]))
            target += f
        else:
            target += a
    for a in dict.fromkeys(inputs[k]):
        if not any(a in t for t in terms):  # only A_k has a: summed in the forward,
            terms.append(a)  # so dY is broadcast along it, times a vector of ones
            extras.append(np.ones(sizes[a]))
    return ",".join(terms) + "->" + target, extras


def einsum_vjp(spec, dY, *operands):
    """(dA_1, ..., dA_K): the gradient of every operand of Y = einsum(spec, ...)."""
    inputs, output, sizes = parse_spec(spec, *operands)
    if np.shape(dY) != tuple(sizes[a] for a in output):  # Y's shape
        shape = tuple(sizes[a] for a in output)
        raise ValueError(f"{spec!r}: dY has shape {np.shape(dY)}, Y has {shape}")
    grads = []
    for k in range(len(operands)):
        dA_spec, extras = rewrite(inputs, output, sizes, k)
        others = [A for j, A in enumerate(operands) if j != k]
        grads.append(np.einsum(dA_spec, dY, *others, *extras))
    return tuple(grads)


# --8<-- [end:vjp]


def spec_shapes(spec, sizes):
    """The operands' shapes for the letters of spec, lengths from sizes."""
    return [tuple(sizes[a] for a in s) for s in spec.split("->")[0].split(",")]


def one_operand(spec, ops, k):
    """Y as a function of operand k alone, the others held fixed."""
    return lambda A_: np.einsum(spec, *ops[:k], A_, *ops[k + 1 :])


def main():
    from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian

    rng = np.random.default_rng(0)
    # --8<-- [start:jacobian_check]
    spec = "ij,jk->ik"  # Y = A B, sizes i, j, k = 2, 3, 4
    A, B = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    J = einsum_jacobian(spec, 0, A, B)  # J[i, k, p, q] = delta_ip B_qk
    print(f"dY/dA {J.shape}: {np.count_nonzero(J)} of {J.size} entries non-zero")
    #> dY/dA (2, 4, 2, 3): 24 of 48 entries non-zero
    check_jacobian(J, one_operand(spec, [A, B], 0), A)  # central differences
    A = rng.standard_normal((3, 3))
    for spec in ("ii->i", "ii->", "ij->i", "ij->ji"):
        J = einsum_jacobian(spec, 0, A)
        check_jacobian(J, one_operand(spec, [A], 0), A)
        print(f"{spec:<7} dY/dA {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    #> ii->i   dY/dA (3, 3, 3): 3 of 27 non-zero
    #> ii->    dY/dA (3, 3): 3 of 9 non-zero
    #> ij->i   dY/dA (3, 3, 3): 9 of 27 non-zero
    #> ij->ji  dY/dA (3, 3, 3, 3): 9 of 81 non-zero
    # --8<-- [end:jacobian_check]
    # --8<-- [start:rewrite]
    names = ("A", "B", "A3")  # the operands of one spec, in their order
    for spec in ("ij,jk->ik", "i,j->ij", "ij->i", "ii->i", "ii->", "ij,jk,kl->il"):
        ops = [np.ones(s) for s in spec_shapes(spec, dict.fromkeys(spec, 2))]
        inputs, output, sizes = parse_spec(spec, *ops)
        for k in range(len(inputs)):
            dA_spec, extras = rewrite(inputs, output, sizes, k)
            args = ["dY", *(n for j, n in enumerate(names[: len(ops)]) if j != k)]
            args += ["np.eye" if E.ndim == 2 else "np.ones" for E in extras]
            lead = spec if k == 0 else ""
            print(f"{lead:<13} d{names[k]:<2} = einsum({dA_spec!r}, {', '.join(args)})")
    #> ij,jk->ik     dA  = einsum('ik,jk->ij', dY, B)
    #>               dB  = einsum('ik,ij->jk', dY, A)
    #> i,j->ij       dA  = einsum('ij,j->i', dY, B)
    #>               dB  = einsum('ij,i->j', dY, A)
    #> ij->i         dA  = einsum('i,j->ij', dY, np.ones)
    #> ii->i         dA  = einsum('i,ia->ia', dY, np.eye)
    #> ii->          dA  = einsum(',ia->ia', dY, np.eye)
    #> ij,jk,kl->il  dA  = einsum('il,jk,kl->ij', dY, B, A3)
    #>               dB  = einsum('il,ij,kl->jk', dY, A, A3)
    #>               dA3 = einsum('il,ij,jk->kl', dY, A, B)
    # --8<-- [end:rewrite]
    # --8<-- [start:check]
    CHECKED = [  # a square case first: there, a letter in the wrong place still runs
        ("ij,jk->ik", dict(i=3, j=3, k=3)),
        ("ij,jk->ik", dict(i=2, j=3, k=4)),
        ("nij,njk->nik", dict(n=2, i=3, j=2, k=4)),
        ("i,j->ij", dict(i=2, j=3)),
        ("ij->i", dict(i=2, j=3)),
        ("ij->", dict(i=2, j=3)),
        ("ij->ji", dict(i=2, j=3)),
        ("ii->i", dict(i=3)),
        ("ii->", dict(i=3)),
        ("iij,jk->ki", dict(i=2, j=3, k=2)),
        ("ij,jk,kl->il", dict(i=2, j=3, k=4, l=2)),
        ("ba", dict(a=2, b=3)),  # implicit mode: 'ba->ab', a transpose
        ("ij,jk", dict(i=2, j=3, k=4)),  # implicit mode: 'ij,jk->ik'
    ]
    for spec, sizes in CHECKED:
        ops = [rng.standard_normal(s) for s in spec_shapes(spec, sizes)]
        Y = einsum_forward(spec, *ops)
        np.testing.assert_allclose(Y, np.einsum(spec, *ops), rtol=1e-12, atol=1e-15)
        dY = rng.standard_normal(Y.shape)  # a random upstream gradient
        for k, dA in enumerate(einsum_vjp(spec, dY, *ops)):
            J = einsum_jacobian(spec, k, *ops)
            np.testing.assert_allclose(dA, vjp_from_jacobian(dY, J), atol=1e-12)
            f = one_operand(spec, ops, k)
            check_gradient(dA, lambda A_, f=f, dY=dY: np.sum(dY * f(A_)), ops[k])
    print(f"{len(CHECKED)} specs: == Jacobian contraction == finite differences: True")
    #> 13 specs: == Jacobian contraction == finite differences: True
    spec = "nij,njk->nik"  # a realistic size: 16 products (64, 32) @ (32, 48)
    ops = [rng.standard_normal((16, 64, 32)), rng.standard_normal((16, 32, 48))]
    for k in range(2):
        vjp = lambda dY, k=k: einsum_vjp(spec, dY, *ops)[k]  # noqa: E731
        check_vjp(one_operand(spec, ops, k), vjp, ops[k], rng)
    print(f"{spec} at (16, 64, 32), (16, 32, 48): dot-product test passed: True")
    #> nij,njk->nik at (16, 64, 32), (16, 32, 48): dot-product test passed: True
    # --8<-- [end:check]
    # --8<-- [start:errors]
    A, B = np.ones((2, 3)), np.ones((3, 4))
    BAD = [  # (spec, operands): each refused before any arithmetic
        ("i->ij", [np.ones(2)]),
        ("ij->ii", [A]),
        ("...ij->...i", [A]),
        ("ij,jk->ik", [A]),
        ("ijk->i", [A]),
        ("ij,jk->ik", [A, A]),
        ("i,i->i", [np.ones(1), np.ones(3)]),
        ("ij->i->j", [A]),
        ("ij,jk->ik", [A, B]),  # a valid spec, but a dY of the wrong shape
    ]
    for spec, ops in BAD:
        try:
            np.einsum(spec, *ops)
            numpy = "runs  "
        except ValueError:
            numpy = "raises"
        try:
            einsum_vjp(spec, np.ones(2), *ops)
        except ValueError as error:
            print(f"np.einsum {numpy} | {error}")
        else:
            raise AssertionError(f"{spec!r} accepted")
    #> np.einsum raises | 'i->ij': output index 'j' is in no operand
    #> np.einsum raises | 'ij->ii': output index 'i' repeated
    #> np.einsum runs   | '...ij->...i': ellipsis is not supported, name each axis
    #> np.einsum raises | 'ij,jk->ik' names 2 operand(s), got 1 array(s)
    #> np.einsum raises | 'ijk->i': operand 0 has 2 axes, 'ijk' names 3
    #> np.einsum raises | 'ij,jk->ik': index 'j' has length 3 and 2 (operand 1)
    #> np.einsum runs   | 'i,i->i': index 'i' has length 1 and 3 (operand 1)
    #> np.einsum raises | 'ij->i->j': more than one '->'
    #> np.einsum runs   | 'ij,jk->ik': dY has shape (2,), Y has (2, 4)
    # --8<-- [end:errors]
    # --8<-- [start:reproduce]
    N, D, M, K = 2, 3, 4, 5  # K: the number of matrices in a batched product
    X, W, b = rng.standard_normal((N, D)), rng.standard_normal((D, M)), rng.random(M)
    ones = np.ones(N)  # the bias is copied to N rows: an outer product with ones
    A, B = rng.standard_normal((K, N, D)), rng.standard_normal((K, D, M))
    A1, B1 = rng.standard_normal(N), rng.standard_normal(M)  # two vectors
    A_sq = rng.standard_normal((D, D))  # a square matrix
    SITE = {  # what: (spec, operands, the site's formulas for their gradients)
        "Y = X W": ("nd,dm->nm", [X, W], lambda dY: (dY @ W.T, X.T @ dY)),
        "bias 1_N b^T": ("n,m->nm", [ones, b], lambda dY: (dY @ b, dY.sum(axis=0))),
        "batched matmul": (
            "knd,kdm->knm",
            [A, B],
            lambda dY: (dY @ B.swapaxes(1, 2), A.swapaxes(1, 2) @ dY),
        ),
        "outer product": ("n,m->nm", [A1, B1], lambda dY: (dY @ B1, dY.T @ A1)),
        "row sum": ("nd->n", [X], lambda dY: (np.broadcast_to(dY[:, None], X.shape),)),
        "batch sum": ("nd->d", [X], lambda dY: (np.broadcast_to(dY, X.shape),)),
        "sum of all": ("nd->", [X], lambda dY: (dY * np.ones_like(X),)),
        "transpose": ("nd->dn", [X], lambda dY: (dY.T,)),
        "trace": ("ii->", [A_sq], lambda dY: (dY * np.eye(D),)),
        "diagonal": ("ii->i", [A_sq], lambda dY: (np.diag(dY),)),
    }
    for what, (spec, ops, site) in SITE.items():
        dY = rng.standard_normal(einsum_forward(spec, *ops).shape)
        for dA, dA_site in zip(einsum_vjp(spec, dY, *ops), site(dY), strict=True):
            np.testing.assert_allclose(dA, dA_site, rtol=1e-12, atol=1e-15)
        print(f"{what:<15} {spec:<13} einsum_vjp == the site's formulas: True")
    #> Y = X W         nd,dm->nm     einsum_vjp == the site's formulas: True
    #> bias 1_N b^T    n,m->nm       einsum_vjp == the site's formulas: True
    #> batched matmul  knd,kdm->knm  einsum_vjp == the site's formulas: True
    #> outer product   n,m->nm       einsum_vjp == the site's formulas: True
    #> row sum         nd->n         einsum_vjp == the site's formulas: True
    #> batch sum       nd->d         einsum_vjp == the site's formulas: True
    #> sum of all      nd->          einsum_vjp == the site's formulas: True
    #> transpose       nd->dn        einsum_vjp == the site's formulas: True
    #> trace           ii->          einsum_vjp == the site's formulas: True
    #> diagonal        ii->i         einsum_vjp == the site's formulas: True
    mu = einsum_forward("nd->d", X) / N  # the batch mean: an einsum, then a scale
    dmu = rng.standard_normal(D)
    (dX,) = einsum_vjp("nd->d", dmu / N, X)  # the scale's backward first: dmu / N
    np.testing.assert_allclose(mu, X.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(dX, np.broadcast_to(dmu / N, X.shape), rtol=1e-12)
    print(
        f"{'batch mean':<15} {'nd->d, / N':<13} einsum_vjp == the site's formula: True"
    )
    #> batch mean      nd->d, / N    einsum_vjp == the site's formula: True
    # --8<-- [end:reproduce]
    # --8<-- [start:attention]
    T, D_head = 5, 4  # the attention page's letters: sequence length, head width
    Q, K, V = (rng.standard_normal((T, D_head)) for _ in range(3))
    Z = einsum_forward("id,jd->ij", Q, K) / np.sqrt(D_head)  # Q K^T / sqrt(D_head)
    np.testing.assert_allclose(Z, Q @ K.T / np.sqrt(D_head), rtol=1e-12)
    S = rng.standard_normal((T, T))  # any weights will do; attention has softmax(Z)
    Y = einsum_forward("ij,jd->id", S, V)
    dY = rng.standard_normal(Y.shape)
    dS, dV = einsum_vjp("ij,jd->id", dY, S, V)
    np.testing.assert_allclose(dS, dY @ V.T, rtol=1e-12)
    np.testing.assert_allclose(dV, S.T @ dY, rtol=1e-12)
    print("Y = S V:       dS == dY @ V.T, dV == S.T @ dY: True")
    #> Y = S V:       dS == dY @ V.T, dV == S.T @ dY: True
    dZ = rng.standard_normal(Z.shape)  # what the softmax's backward sends to Z
    dQ, dK = einsum_vjp("id,jd->ij", dZ / np.sqrt(D_head), Q, K)  # the scale first
    np.testing.assert_allclose(dQ, dZ @ K / np.sqrt(D_head), rtol=1e-12)
    np.testing.assert_allclose(dK, dZ.T @ Q / np.sqrt(D_head), rtol=1e-12)
    print("Z = Q K^T / r: dQ == dZ @ K / r, dK == dZ.T @ Q / r, r = sqrt(D_head): True")
    #> Z = Q K^T / r: dQ == dZ @ K / r, dK == dZ.T @ Q / r, r = sqrt(D_head): True
    # --8<-- [end:attention]


if __name__ == "__main__":
    main()
