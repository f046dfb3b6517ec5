"""dY/dA_k of an einsum has Y.size * A_k.size entries; dA_k costs what the forward costs."""

import numpy as np
from gradcheck import human_bytes, numerical_jacobian

BYTES = 8  # float64


# --8<-- [start:shapes]
def jacobian_shape(spec, sizes, k):
    """dY/dA_k: Y's letters, then operand k's letters (explicit specs only)."""
    inputs, output = spec.split("->")
    return tuple(sizes[a] for a in output + inputs.split(",")[k])


def multiply_adds(spec, sizes):
    """A plain einsum loops once over every combination of its distinct letters."""
    return int(np.prod([sizes[a] for a in set(spec) if a.isalpha()]))


def einsum_loop(spec, *operands):
    """A plain einsum, written as the loop: (Y, the number of multiply-adds)."""
    inputs, output = spec.split("->")
    terms = list(zip(inputs.split(","), operands, strict=True))
    sizes = {a: n for s, A in terms for a, n in zip(s, A.shape, strict=True)}
    letters = sorted(sizes)
    Y, count = np.zeros([sizes[a] for a in output]), 0
    for values in np.ndindex(*(sizes[a] for a in letters)):  # every combination
        at = dict(zip(letters, values, strict=True))
        product = np.prod([A[tuple(at[a] for a in s)] for s, A in terms])
        Y[tuple(at[a] for a in output)] += product
        count += 1
    return Y, count


# --8<-- [end:shapes]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(3)
    sizes = dict(i=2, j=3, d=4)  # the shapes above are those of real Jacobians
    for spec, k in [("id,jd->ij", 0), ("id,jd->ij", 1), ("ii->i", 0), ("ij->", 0)]:
        letters = spec.split("->")[0].split(",")
        ops = [rng.standard_normal([sizes[a] for a in s]) for s in letters]
        rest = ops[:k], ops[k + 1 :]  # the other operands, before and after k
        f = lambda A_, s=spec, r=rest: np.einsum(s, *r[0], A_, *r[1])  # noqa: E731
        assert numerical_jacobian(f, ops[k]).shape == jacobian_shape(spec, sizes, k)
    print("jacobian_shape == the shape of the finite-difference Jacobian: True")
    #> jacobian_shape == the shape of the finite-difference Jacobian: True
    Q, K, dZ = (rng.standard_normal(s) for s in [(2, 4), (3, 4), (2, 3)])
    counts = []  # the forward Z = Q K^T and the rewritten einsums for dQ and dK
    for spec, ops in [
        ("id,jd->ij", (Q, K)),
        ("ij,jd->id", (dZ, K)),
        ("ij,id->jd", (dZ, Q)),
    ]:
        Y, count = einsum_loop(spec, *ops)
        np.testing.assert_allclose(Y, np.einsum(spec, *ops), rtol=1e-12)
        assert count == multiply_adds(spec, sizes), (spec, count)
        counts.append(count)
    assert counts[1] == counts[2] == counts[0]  # backward costs what forward costs
    print(f"plain loops for Z, dQ, dK: {counts} multiply-adds == multiply_adds: True")
    #> plain loops for Z, dQ, dK: [24, 24, 24] multiply-adds == multiply_adds: True
    # --8<-- [end:check]
    # --8<-- [start:cost]
    T, D_head = 4096, 64  # the attention scores Z = Q K^T of one head, float64
    sizes = dict(i=T, j=T, d=D_head)
    J_bytes = BYTES * np.prod(jacobian_shape("id,jd->ij", sizes, 0))
    print(f"dZ/dQ {human_bytes(J_bytes)}, dQ {human_bytes(BYTES * T * D_head)}")
    #> dZ/dQ 32 TiB, dQ 2 MiB
    specs = ("id,jd->ij", "ij,jd->id", "ij,id->jd")  # Z, then the rewritten dQ, dK
    work_Z, work_dQ, work_dK = (multiply_adds(s, sizes) for s in specs)
    print(f"multiply-adds: Z {work_Z:.2e}, dQ {work_dQ:.2e}, dK {work_dK:.2e}")
    #> multiply-adds: Z 1.07e+09, dQ 1.07e+09, dK 1.07e+09
    work_J = int(np.prod(jacobian_shape("id,jd->ij", sizes, 0)))  # dZ times dZ/dQ
    print(f"through dZ/dQ: {work_J:.2e} multiply-adds, {work_J // work_dQ:,}x more")
    #> through dZ/dQ: 4.40e+12 multiply-adds, 4,096x more
    D = 4096  # the diagonal of a (4096, 4096) matrix
    J_bytes = BYTES * np.prod(jacobian_shape("ii->i", dict(i=D), 0))
    print(f"d diag(A)/dA {human_bytes(J_bytes)}, dA {human_bytes(BYTES * D * D)}")
    #> d diag(A)/dA 512 GiB, dA 128 MiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
