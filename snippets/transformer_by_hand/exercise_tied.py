"""Tied weights W_out = E^T: dE = (scatter-add of dX0 into rows) + dW_out^T, one sum."""

import numpy as np
from gradcheck import check_vjp
from transformer_by_hand.block import (
    SEED,
    init_params,
    reverse_task,
    transformer_backward,
    transformer_forward,
)


# --8<-- [start:tied]
def tied_loss(p, idx, labels):
    """The block with its output projection tied to the embedding: W_out = E^T."""
    return transformer_forward({**p, "W_out": p["E"].T}, idx, labels)


def tied_gradients(p, idx, labels):
    """E is read twice, as the lookup table and as W_out^T: its gradients add."""
    L, saved = tied_loss(p, idx, labels)
    tied = {**p, "W_out": p["E"].T}
    dp = transformer_backward(1.0, p=tied, idx=idx, labels=labels, saved=saved)
    dp["E"] = dp["E"] + dp.pop("W_out").T  # the lookup's part + the projection's
    return L, dp


# --8<-- [end:tied]


def main():
    rng = np.random.default_rng(SEED)
    # --8<-- [start:check]
    idx, labels = reverse_task(rng, N=16)
    p = init_params(rng)
    del p["W_out"]  # no separate output projection: E (11, 32) serves as both
    _, dp = tied_gradients(p, idx, labels)
    check_vjp(
        lambda E_: tied_loss({**p, "E": E_}, idx, labels)[0],
        lambda dL: dL * dp["E"],
        p["E"],
        rng,
    )
    print(f"dE {dp['E'].shape} with both uses of E: the dot-product test passes")
    #> dE (11, 32) with both uses of E: the dot-product test passes
    tied, saved = p | {"W_out": p["E"].T}, tied_loss(p, idx, labels)[1]
    dp_tied = transformer_backward(1.0, p=tied, idx=idx, labels=labels, saved=saved)
    try:  # the lookup's gradient alone: the projection's share is missing
        check_vjp(
            lambda E_: tied_loss({**p, "E": E_}, idx, labels)[0],
            lambda dL: dL * dp_tied["E"],
            p["E"],
            rng,
        )
        failed = False
    except AssertionError:
        failed = True
    assert failed
    print(f"the lookup's gradient alone fails it: {failed}")
    #> the lookup's gradient alone fails it: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
