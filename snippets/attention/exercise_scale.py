"""Where the 1/sqrt(D_head) goes changes no gradient: dQ = dZ K / sqrt(D_head) in all three."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def scores_scaled_after(Q, K):
    """Z = (Q K^T) / sqrt(D_head): the product first, as the formula reads."""
    return (Q @ K.T) / np.sqrt(Q.shape[-1])


def scores_scaled_queries(Q, K):
    """Z = (Q / sqrt(D_head)) K^T: the queries scaled first."""
    return (Q / np.sqrt(Q.shape[-1])) @ K.T


def scores_scaled_both(Q, K):
    """Z = (c Q)(c K)^T with c = D_head^(-1/4): both scaled by a fourth root."""
    c = Q.shape[-1] ** -0.25
    return (c * Q) @ (c * K).T


# --8<-- [end:forward]


def main():
    rng = np.random.default_rng(5)
    # --8<-- [start:check]
    T, D_head = 5, 4
    Q, K = rng.standard_normal((T, D_head)), rng.standard_normal((T, D_head))
    dZ = rng.standard_normal((T, T))  # any upstream gradient of the scores
    c = D_head**-0.25
    chain = {  # each form's chain rule, one step at a time
        "after": (dZ @ K / np.sqrt(D_head), dZ.T @ Q / np.sqrt(D_head)),
        "queries": ((dZ @ K) / np.sqrt(D_head), dZ.T @ (Q / np.sqrt(D_head))),
        "both": (c * (dZ @ (c * K)), c * (dZ.T @ (c * Q))),
    }
    forms = {
        "after": scores_scaled_after,
        "queries": scores_scaled_queries,
        "both": scores_scaled_both,
    }
    for name, (dQ, dK) in chain.items():
        Z = forms[name]
        check_gradient(dQ, lambda Q_, Z=Z: np.sum(dZ * Z(Q_, K)), Q)
        check_gradient(dK, lambda K_, Z=Z: np.sum(dZ * Z(Q, K_)), K)
        np.testing.assert_allclose(dQ, chain["after"][0], rtol=1e-12)
        np.testing.assert_allclose(dK, chain["after"][1], rtol=1e-12)
    print("dQ = dZ K / sqrt(D_head), dK = dZ^T Q / sqrt(D_head) for all three: True")
    #> dQ = dZ K / sqrt(D_head), dK = dZ^T Q / sqrt(D_head) for all three: True

    D_head = 64  # float16: the largest finite value is 65504
    Q16 = np.full((1, D_head), 40.0, dtype=np.float16)  # large activations
    K16 = np.full((1, D_head), 40.0, dtype=np.float16)
    with np.errstate(over="ignore"):
        for name, Z in forms.items():
            print(f"float16, scaled {name}: Z = {Z(Q16, K16)[0, 0]}")
    #> float16, scaled after: Z = inf
    #> float16, scaled queries: Z = 12800.0
    #> float16, scaled both: Z = 12800.0
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
