"""BCE with logits: L = mean(log(1 + e^Z) - T Z), so dZ = (sigma(Z) - T) / (N C)."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp


def sigmoid(Z):
    """sigma(z) with the exponent shifted to -|z|: no overflow (elementwise page)."""
    u = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0 / (1.0 + u), u / (1.0 + u))


# --8<-- [start:forward]
def bce_with_logits_forward(Z, T):
    """PyTorch's BCEWithLogitsLoss (mean): -[T log sigma(Z) + (1 - T) log sigma(-Z)]."""
    L = np.mean(np.logaddexp(0.0, Z) - T * Z)  # log(1 + e^z) - t z, entry by entry
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(Z, T):
    """dL/dZ as a chain: the mean's Jacobian (N, C) times the entries' (N, C, N, C)."""
    N, C = Z.shape
    J_entries = np.einsum("nc,np,cq->ncpq", sigmoid(Z) - T, np.eye(N), np.eye(C))
    J_mean = np.full((N, C), 1.0 / (N * C))  # d mean / d entry: every entry 1/(N C)
    return np.tensordot(J_mean, J_entries, axes=2)  # shape () + (N, C) = (N, C)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def bce_with_logits_backward(dL=1.0, *, Z, T):
    """dZ = dL (sigma(Z) - T) / (N C): the mean runs over every entry, not over N."""
    dZ = dL * (sigmoid(Z) - T) / Z.size
    return dZ


# --8<-- [end:backward]


def fail_on_overflow(kind, flag):
    """For np.errstate(call=...): an overflow or an invalid operation fails."""
    raise AssertionError(f"floating-point {kind}: the formula overflows")


def show(values):
    return ", ".join(f"{value:.3g}" for value in values)


def main():
    rng = np.random.default_rng(3)
    N, C = 4, 3  # N examples, C independent yes/no labels each
    Z = 3.0 * rng.standard_normal((N, C))  # logits
    T = (rng.random((N, C)) < 0.5).astype(float)  # targets in {0, 1}
    # --8<-- [start:check]
    J = jacobian(Z, T)
    print(f"dL/dZ: shape {J.shape}, the shape of Z; L is a scalar")
    #> dL/dZ: shape (4, 3), the shape of Z; L is a scalar
    check_jacobian(J, lambda Z_: bce_with_logits_forward(Z_, T), Z)
    dL = rng.standard_normal()  # a random upstream gradient (a scalar)
    dZ = bce_with_logits_backward(dL, Z=Z, T=T)
    np.testing.assert_allclose(dZ, dL * J, rtol=1e-12)  # contracting with a scalar
    check_gradient(dZ, lambda Z_: dL * bce_with_logits_forward(Z_, T), Z)
    T_soft = rng.random((N, C))  # soft targets in [0, 1]: the same formulas
    dZ_soft = bce_with_logits_backward(dL, Z=Z, T=T_soft)
    check_gradient(dZ_soft, lambda Z_: dL * bce_with_logits_forward(Z_, T_soft), Z)
    Z_big = 3.0 * rng.standard_normal((256, 40))  # a realistic multi-label batch
    T_big = (rng.random(Z_big.shape) < 0.5).astype(float)
    check_vjp(
        lambda Z_: bce_with_logits_forward(Z_, T_big),
        lambda dL_: bce_with_logits_backward(dL_, Z=Z_big, T=T_big),
        Z_big,
        rng,
    )
    print("dL (sigma(Z) - T) / (N C) == dL J == finite differences: True")
    #> dL (sigma(Z) - T) / (N C) == dL J == finite differences: True

    # Confident and wrong, far out: any overflow fails the check.
    Z_far = np.array([[-800.0, -40.0, 40.0, 800.0]])
    T_far = np.array([[1.0, 1.0, 0.0, 0.0]])
    with np.errstate(over="call", invalid="call", divide="call", call=fail_on_overflow):
        L_far = bce_with_logits_forward(Z_far, T_far)
        dZ_far = bce_with_logits_backward(Z=Z_far, T=T_far)
    np.testing.assert_allclose(L_far, np.mean(np.abs(Z_far)), rtol=1e-12)
    np.testing.assert_allclose(
        dZ_far * Z_far.size, [[-1.0, -1.0, 1.0, 1.0]], rtol=1e-12
    )
    print(f"z = {show(Z_far[0])}, t = {show(T_far[0])}")
    #> z = -800, -40, 40, 800, t = 1, 1, 0, 0
    print(f"L = {L_far:.0f}, (N C) dL/dZ = {show(dZ_far[0] * Z_far.size)}")
    #> L = 420, (N C) dL/dZ = -1, -1, 1, 1
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        S = 1.0 / (1.0 + np.exp(-Z_far))  # sigmoid first (BCELoss on probabilities)
        log_S, log_1mS = np.log(S), np.log(1.0 - S)
        naive = -(T_far * log_S + (1 - T_far) * log_1mS)
        dS = -(T_far / S - (1 - T_far) / (1 - S))  # d(loss)/dS, then times sigma'
        naive_dz = dS * S * (1 - S)
        clamped = -(
            T_far * np.maximum(log_S, -100) + (1 - T_far) * np.maximum(log_1mS, -100)
        )
        clamped_dz = (S - T_far) / np.maximum(S * (1 - S), 1e-12) * S * (1 - S)
    print(f"sigma, then log:          losses {show(naive[0])}, dz {show(naive_dz[0])}")
    #> sigma, then log:          losses inf, 40, inf, inf, dz nan, -1, nan, nan
    print(
        f"clamped (PyTorch BCELoss): losses {show(clamped[0])}, "
        f"dz {show(clamped_dz[0] + 0.0)}"
    )
    #> clamped (PyTorch BCELoss): losses 100, 40, 100, 100, dz 0, -4.25e-06, 0, 0
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
