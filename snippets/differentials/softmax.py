"""Softmax: S_dot = S * (Z_dot - rowsum(S Z_dot)), dZ = S * (dS - rowsum(S dS))."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


# --8<-- [start:forward]
def softmax_forward(Z):
    """S[n, c] = exp(Z[n, c]) / sum_j exp(Z[n, j]), with the max shift."""
    expZ = np.exp(Z - np.max(Z, axis=-1, keepdims=True))
    S = expZ / np.sum(expZ, axis=-1, keepdims=True)
    return S


def softmax_tangent(S, Z_dot):
    """log S = Z - lse(Z) 1^T, so S_dot / S = Z_dot - <S_n, Z_dot_n> in row n."""
    S_dot = S * (Z_dot - np.sum(S * Z_dot, axis=-1, keepdims=True))
    return S_dot


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_from_tangent(tangent, shape_in):
    """J[..., j] = tangent(e_j): the tangent map applied to each unit direction."""
    columns = []
    for j in np.ndindex(shape_in):
        e_j = np.zeros(shape_in)
        e_j[j] = 1.0
        columns.append(tangent(e_j))
    return np.stack(columns, axis=-1).reshape(columns[0].shape + shape_in)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def softmax_backward(dS, S):
    """<dS, S * (Z_dot - r 1^T)> read off: dZ = S * dS - S * rowsum(S * dS)."""
    dZ = S * (dS - np.sum(S * dS, axis=-1, keepdims=True))  # no batch sum
    return dZ


# --8<-- [end:backward]


# --8<-- [start:log_softmax]
def log_softmax_tangent(S, Z_dot):
    """(log S)_dot = Z_dot - rowsum(S * Z_dot): J = I - 1 s^T in each row."""
    return Z_dot - np.sum(S * Z_dot, axis=-1, keepdims=True)


def log_softmax_adjoint(dlogS, S):
    """<dlogS, Z_dot - r 1^T> read off: dZ = dlogS - S * rowsum(dlogS)."""
    return dlogS - S * np.sum(dlogS, axis=-1, keepdims=True)


# --8<-- [end:log_softmax]


def main():
    rng = np.random.default_rng(2)
    # --8<-- [start:check]
    N, C = 3, 4
    Z, dS = rng.standard_normal((N, C)), rng.standard_normal((N, C))
    S = softmax_forward(Z)
    dZ = softmax_backward(dS, S)
    for _ in range(3):  # L_dot = <dS, S_dot> == <dZ, Z_dot> for random tangents
        Z_dot = rng.standard_normal((N, C))
        L_dot = inner(dS, softmax_tangent(S, Z_dot))
        np.testing.assert_allclose(inner(dZ, Z_dot), L_dot, rtol=1e-12)
    J = jacobian_from_tangent(lambda V: softmax_tangent(S, V), Z.shape)
    check_jacobian(J, softmax_forward, Z)  # the tangent map is the derivative
    np.testing.assert_allclose(dZ, vjp_from_jacobian(dS, J), rtol=1e-12, atol=1e-15)
    print(f"J {J.shape} from the tangent; dZ == dS contracted with J: True")
    #> J (3, 4, 3, 4) from the tangent; dZ == dS contracted with J: True
    Z = rng.standard_normal((256, 1000))  # realistic: 256 rows of 1000 logits
    S = softmax_forward(Z)
    check_vjp(softmax_forward, lambda dS_: softmax_backward(dS_, S), Z, rng)
    print(f"dot-product test at N, C = {Z.shape[0]}, {Z.shape[1]}: True")
    #> dot-product test at N, C = 256, 1000: True
    # --8<-- [end:check]
    # --8<-- [start:symmetric]
    S, dS = softmax_forward(Z), rng.standard_normal(Z.shape)
    same = np.allclose(softmax_tangent(S, dS), softmax_backward(dS, S))
    assert same, "softmax's Jacobian is symmetric: its tangent map is its adjoint"
    print(f"softmax: the tangent map applied to dS == the backward: {same}")
    #> softmax: the tangent map applied to dS == the backward: True
    # --8<-- [end:symmetric]
    # --8<-- [start:pitfall]
    check_vjp(
        lambda Z_: np.log(softmax_forward(Z_)),  # log-softmax
        lambda V: log_softmax_adjoint(V, S),
        Z,
        rng,
    )  # the adjoint passes
    try:  # the tangent map in place of its adjoint: right shape, runs
        check_vjp(
            lambda Z_: np.log(softmax_forward(Z_)),
            lambda V: log_softmax_tangent(S, V),
            Z,
            rng,
        )
        caught = False
    except AssertionError:
        caught = True
    print(f"log-softmax: the tangent map as the backward fails check_vjp: {caught}")
    #> log-softmax: the tangent map as the backward fails check_vjp: True
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
