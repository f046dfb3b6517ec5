"""Scatter-add: np.add.at and np.bincount sum what a repeated index receives; += does not."""

import numpy as np
from gradcheck import check_vjp


# --8<-- [start:ways]
def scatter_fancy(idx, dY, V):
    """WRONG when idx repeats: dE[idx] += dY reads, adds and writes back once per row."""
    dE = np.zeros((V, dY.shape[-1]))
    dE[idx] += dY  # dE[idx] = dE[idx] + dY: a repeated row is written, not summed
    return dE


def scatter_at(idx, dY, V):
    """np.add.at is unbuffered: each (n, k) adds its row of dY to row idx[n, k]."""
    dE = np.zeros((V, dY.shape[-1]))
    np.add.at(dE, idx, dY)
    return dE


def scatter_bincount(idx, dY, V):
    """np.bincount sums weights per bin: bin idx[n, k] * D + d collects dY[n, k, d]."""
    D = dY.shape[-1]
    flat = (idx[..., None] * D + np.arange(D)).ravel()  # flat index into E's V * D
    return np.bincount(flat, weights=dY.ravel(), minlength=V * D).reshape(V, D)


def scatter_onehot(idx, dY, V):
    """onehot^T dY, the matrix product of the one-hot view: builds an (N, K, V) array."""
    return np.einsum("nkr,nkd->rd", np.eye(V)[idx], dY)


# --8<-- [end:ways]


def main():
    rng = np.random.default_rng(9)
    # --8<-- [start:pitfall]
    ids, values = np.array([1, 3, 1]), np.array([10.0, 20.0, 30.0])
    a = np.zeros(4)
    a[ids] += values  # index 1 appears twice
    print(f"a[ids] += values     {a.tolist()}")
    #> a[ids] += values     [0.0, 30.0, 0.0, 20.0]
    a = np.zeros(4)
    a[ids] = values
    print(f"a[ids] = values      {a.tolist()}")
    #> a[ids] = values      [0.0, 30.0, 0.0, 20.0]
    a = np.zeros(4)
    np.add.at(a, ids, values)
    print(f"np.add.at            {a.tolist()}")
    #> np.add.at            [0.0, 40.0, 0.0, 20.0]
    counted = np.bincount(ids, weights=values, minlength=4)
    print(f"np.bincount          {counted.tolist()}")
    #> np.bincount          [0.0, 40.0, 0.0, 20.0]
    # --8<-- [end:pitfall]

    # --8<-- [start:check]
    V, D, N, K = 1000, 64, 8, 128
    E = rng.standard_normal((V, D))
    idx = rng.integers(0, V, size=(N, K))  # 1024 ids from 1000 tokens: some repeat
    dY = rng.standard_normal((N, K, D))
    dE = scatter_at(idx, dY, V)
    np.testing.assert_allclose(scatter_bincount(idx, dY, V), dE, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(scatter_onehot(idx, dY, V), dE, rtol=1e-12, atol=1e-12)
    check_vjp(lambda E_: E_[idx], lambda dY_: scatter_bincount(idx, dY_, V), E, rng)
    wrong = np.any(scatter_fancy(idx, dY, V) != dE, axis=1)
    repeated = np.bincount(idx.ravel(), minlength=V) > 1
    assert np.array_equal(wrong, repeated), "+= is wrong exactly on the repeated rows"
    print(f"add.at == bincount == onehot; rows += gets wrong: {wrong.sum()}")
    #> add.at == bincount == onehot; rows += gets wrong: 287
    print(f"and those are the repeated tokens: {np.array_equal(wrong, repeated)}")
    #> and those are the repeated tokens: True
    unique = rng.permutation(V)[: N * 100].reshape(N, 100)  # no id twice
    dY = rng.standard_normal((N, 100, D))
    same = np.array_equal(scatter_fancy(unique, dY, V), scatter_at(unique, dY, V))
    print(f"with no repeated id, += gives the right dE: {same}")
    #> with no repeated id, += gives the right dE: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
