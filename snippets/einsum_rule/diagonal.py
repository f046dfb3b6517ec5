"""For Y = einsum("ii->i", A), dY_i/dA_pq = delta_ip delta_iq, so dA = diag(dY), 0 off it."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def diagonal_forward(A):
    """Y_i = A_ii: the diagonal of a square (D, D) array, shape (D,)."""
    Y = np.einsum("ii->i", A)
    return Y


def trace_forward(A):
    """y = sum_i A_ii: the trace, a scalar."""
    y = np.einsum("ii->", A)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_diagonal(D):
    """J[i, p, q] = dY_i / dA_pq = delta_ip delta_iq: shape (D,) + (D, D)."""
    delta = np.eye(D)
    return np.einsum("ip,iq->ipq", delta, delta)  # two deltas on the one letter i


def jacobian_trace(D):
    """J[p, q] = dy / dA_pq = sum_i delta_ip delta_iq = delta_pq: shape () + (D, D)."""
    delta = np.eye(D)
    return np.einsum("ip,iq->pq", delta, delta)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def diagonal_backward(dY, A):
    """dY (D,) -> dA (D, D): dA_pq = delta_pq dY_p, dY on the diagonal, 0 off it."""
    dA = np.diag(dY)
    return dA


def trace_backward(dy, A):
    """dy () -> dA (D, D): dA_pq = dy delta_pq, dy times the identity."""
    dA = dy * np.eye(len(A))
    return dA


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    D = 3
    A = rng.standard_normal((D, D))
    dY, dy = rng.standard_normal(D), rng.standard_normal()  # random upstream gradients
    # --8<-- [start:check]
    J = jacobian_diagonal(D)
    check_jacobian(J, diagonal_forward, A)  # central differences
    print(f"dY/dA {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    for i in range(D):
        rows = [" ".join("1" if e else "." for e in row) for row in J[i]]
        print(f"dY_{i}/dA: " + " | ".join(rows))
    #> dY/dA (3, 3, 3): 3 of 27 non-zero
    #> dY_0/dA: 1 . . | . . . | . . .
    #> dY_1/dA: . . . | . 1 . | . . .
    #> dY_2/dA: . . . | . . . | . . 1
    dA = diagonal_backward(dY, A)
    np.testing.assert_allclose(dA, vjp_from_jacobian(dY, J), rtol=1e-12)
    check_gradient(dA, lambda A_: np.sum(dY * diagonal_forward(A_)), A)  # L = <dY, Y>
    zeros = int(np.sum(dA[~np.eye(D, dtype=bool)] == 0))  # counted, off the diagonal
    print(f"diagonal: dA == diag(dY), off-diagonal zeros {zeros} of {D * D - D}: True")
    #> diagonal: dA == diag(dY), off-diagonal zeros 6 of 6: True
    J = jacobian_trace(D)
    check_jacobian(J, trace_forward, A)
    np.testing.assert_array_equal(J, np.eye(D))
    dA = trace_backward(dy, A)
    np.testing.assert_allclose(dA, vjp_from_jacobian(np.asarray(dy), J), rtol=1e-12)
    check_gradient(dA, lambda A_: dy * trace_forward(A_), A)
    print("trace: dy/dA == the identity, dA == dy * I: True")
    #> trace: dy/dA == the identity, dA == dy * I: True
    A = rng.standard_normal((256, 256))  # a realistic size: the dot-product test
    check_vjp(diagonal_forward, lambda dY_: diagonal_backward(dY_, A), A, rng)
    check_vjp(trace_forward, lambda dy_: trace_backward(dy_, A), A, rng)
    print("dot-product test at (256, 256), diagonal and trace: True")
    #> dot-product test at (256, 256), diagonal and trace: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
