"""Masked softmax: S_ij = 0 and dZ_ij = 0 where key j is masked; a row with none allowed: 0."""

import numpy as np
from gradcheck import check_vjp


# --8<-- [start:masks]
def causal_mask(T):
    """allowed[i, j] = j <= i: query i sees itself and the keys before it. (T, T)."""
    return np.tril(np.ones((T, T), dtype=bool))


def padding_mask(lengths, T, left=False):
    """allowed[n, 0, j] = key j of example n is a real token, not padding. (N, 1, T)."""
    j = np.arange(T)
    lengths = np.asarray(lengths)[:, None]
    real = j >= T - lengths if left else j < lengths  # padding on the left or right
    return real[:, None, :]  # the axis of size 1 broadcasts over the queries i


# --8<-- [end:masks]


# --8<-- [start:forward]
def masked_softmax_forward(Z, mask):
    """S = softmax(Z, -inf where not allowed) row by row; a row with none: S = 0."""
    Z = np.where(mask, Z, -np.inf)
    zhat = np.max(Z, axis=-1, keepdims=True)
    zhat = np.where(np.isfinite(zhat), zhat, 0.0)  # fully masked row: shift by 0
    E = np.exp(Z - zhat)
    omega = np.sum(E, axis=-1, keepdims=True)
    S = E / np.where(omega > 0, omega, 1.0)  # fully masked row: 0, not 0 / 0
    return S


# --8<-- [end:forward]


# --8<-- [start:backward]
def masked_softmax_backward(dS, S):
    """dZ = S * (dS - rowsum(dS * S)): 0 wherever S is 0, so at every masked entry."""
    dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))
    return dZ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    # --8<-- [start:check]
    T = 4  # one sequence [pad, a, b, c], padded on the left, with a causal mask
    allowed = causal_mask(T) & padding_mask([3], T, left=True)[0]
    print("allowed (rows: queries i, columns: keys j):")
    for i, row in enumerate(allowed):
        print(f"  i={i}: " + " ".join("x" if a else "." for a in row))
    #> allowed (rows: queries i, columns: keys j):
    #>   i=0: . . . .
    #>   i=1: . x . .
    #>   i=2: . x x .
    #>   i=3: . x x x
    Z, dS = rng.standard_normal((T, T)), rng.standard_normal((T, T))
    S = masked_softmax_forward(Z, allowed)
    dZ = masked_softmax_backward(dS, S)
    kinds = ("no key allowed", "one key allowed", "some masked", "some masked")
    for i, kind in enumerate(kinds):
        print(
            f"  i={i} {kind}: sum_j S_ij = {S[i].sum():.0f}, "
            f"dZ_i = 0: {np.all(dZ[i] == 0)}"
        )
    #>   i=0 no key allowed: sum_j S_ij = 0, dZ_i = 0: True
    #>   i=1 one key allowed: sum_j S_ij = 1, dZ_i = 0: True
    #>   i=2 some masked: sum_j S_ij = 1, dZ_i = 0: False
    #>   i=3 some masked: sum_j S_ij = 1, dZ_i = 0: False
    assert np.all(S[~allowed] == 0) and np.all(dZ[~allowed] == 0)  # masked: exactly 0
    np.testing.assert_allclose(S.sum(axis=-1), allowed.any(axis=-1), rtol=1e-12)
    np.testing.assert_allclose(dZ.sum(axis=-1), 0, atol=1e-12)  # each row sums to 0
    check_vjp(
        lambda Z_: masked_softmax_forward(Z_, allowed),
        lambda dS_: masked_softmax_backward(dS_, S),
        Z,
        rng,
    )
    N, T = 8, 128  # a realistic batch: right padding and causal, (N, T, T)
    allowed = causal_mask(T) & padding_mask(rng.integers(1, T + 1, N), T)
    Z = rng.standard_normal((N, T, T))
    S = masked_softmax_forward(Z, allowed)
    check_vjp(
        lambda Z_: masked_softmax_forward(Z_, allowed),
        lambda dS_: masked_softmax_backward(dS_, S),
        Z,
        rng,
    )
    print("masked entries: S = 0, dZ = 0; dot-product test passed at (8, 128, 128)")
    #> masked entries: S = 0, dZ = 0; dot-product test passed at (8, 128, 128)
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    T, D_head = 4, 3  # attention on [pad, a, b, c], causal, left padding
    allowed = causal_mask(T) & padding_mask([3], T, left=True)[0]
    Q, K, V = (rng.standard_normal((T, D_head)) for _ in range(3))
    dY = rng.standard_normal((T, D_head))
    dY[0] = 0.0  # the loss ignores the padded position: its upstream gradient is 0
    Z = Q @ K.T / np.sqrt(D_head)

    def softmax(Z):  # the plain row softmax, max shift included
        E = np.exp(Z - np.max(Z, axis=-1, keepdims=True))
        return E / np.sum(E, axis=-1, keepdims=True)

    with np.errstate(invalid="ignore"):  # -inf - (-inf) and 0 / 0 make NaN
        S_inf = softmax(np.where(allowed, Z, -np.inf))
        dS = dY @ V.T
        dZ = masked_softmax_backward(dS, S_inf)
        grads = {
            "Y": S_inf @ V,
            "dQ": dZ @ K / np.sqrt(D_head),
            "dK": dZ.T @ Q / np.sqrt(D_head),
            "dV": S_inf.T @ dY,
        }
    nans = ", ".join(f"{k} {np.isnan(v).sum()}/{v.size}" for k, v in grads.items())
    print(f"-inf, no guard: NaN entries in {nans}")
    #> -inf, no guard: NaN entries in Y 3/12, dQ 3/12, dK 12/12, dV 12/12
    S_fill = softmax(np.where(allowed, Z, -1e9))  # masked_fill(-1e9): replaces Z
    print(f"-1e9 filled in: row 0 = {np.round(S_fill[0], 2).tolist()}")
    #> -1e9 filled in: row 0 = [0.25, 0.25, 0.25, 0.25]
    S_add = softmax(Z + np.where(allowed, 0.0, -1e9))  # an additive mask: keeps Z
    print(f"-1e9 added: row 0 == softmax(Z_0): {np.allclose(S_add[0], softmax(Z[0]))}")
    #> -1e9 added: row 0 == softmax(Z_0): True
    S_after = softmax(Z) * allowed  # the mask applied after the softmax
    print(f"mask after softmax: row sums {np.round(S_after.sum(axis=-1), 2).tolist()}")
    #> mask after softmax: row sums [0.0, 0.27, 0.65, 0.49]
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
