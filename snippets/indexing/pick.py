"""For y_n = S[n, t_n], dy_n/dS_pc = delta_np delta_{c t_n}: dS is dy placed at (n, t_n)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def pick_forward(S, labels):
    """y[n] = S[n, labels[n]]: one entry per row, (N, C) -> (N,)."""
    y = S[np.arange(len(labels)), labels]
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(labels, C):
    """J[n, p, c] = dy_n / dS_pc = delta_np [c == t_n]: shape (N,) + (N, C)."""
    N = len(labels)
    onehot = np.eye(C)[labels]  # T, the one-hot rows of the labels: (N, C)
    return np.einsum("np,nc->npc", np.eye(N), onehot)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def pick_backward(dy, labels, C):
    """dS[n, labels[n]] = dy[n], every other entry 0: shape (N, C)."""
    N = len(labels)
    dS = np.zeros((N, C))
    dS[np.arange(N), labels] = dy  # the pairs (n, t_n) never repeat: = is safe
    return dS


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(10)
    N, C = 4, 3
    S = rng.dirichlet(np.ones(C), size=N)  # rows of probabilities, (N, C)
    labels = np.array([2, 0, 2, 1])  # class 2 twice, in different rows
    dy = rng.standard_normal(N)  # the upstream gradient dL/dy
    # --8<-- [start:check]
    J = jacobian(labels, C)
    print(f"J: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> J: shape (4, 4, 3), non-zero 4 of 48
    check_jacobian(J, lambda S_: pick_forward(S_, labels), S)
    dS = pick_backward(dy, labels, C)
    np.testing.assert_allclose(dS, vjp_from_jacobian(dy, J), rtol=1e-12, atol=1e-15)
    print(f"dS {dS.shape}: one non-zero per row, at the label: {np.count_nonzero(dS)}")
    #> dS (4, 3): one non-zero per row, at the label: 4

    N, C = 256, 10  # a realistic batch: the dot-product test, no Jacobian
    S = rng.dirichlet(np.ones(C), size=N)
    labels = rng.integers(0, C, size=N)
    check_vjp(
        lambda S_: pick_forward(S_, labels),
        lambda dy_: pick_backward(dy_, labels, C),
        S,
        rng,
    )
    print(f"dot-product test at N={N}, C={C}: passed")
    #> dot-product test at N=256, C=10: passed
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    N, C = 4, 3
    S = rng.dirichlet(np.ones(C), size=N)
    labels = np.array([2, 0, 2, 1])
    print(f"S[np.arange(N), labels]: {S[np.arange(N), labels].shape}")
    #> S[np.arange(N), labels]: (4,)
    print(f"S[:, labels]:            {S[:, labels].shape}, every row at every label")
    #> S[:, labels]:            (4, 4), every row at every label
    L_right = -np.mean(np.log(S[np.arange(N), labels]))
    L_wrong = -np.mean(np.log(S[:, labels]))  # a scalar too: nothing fails
    print(f"loss with np.arange: {L_right:.4f}; with ':': {L_wrong:.4f}")
    #> loss with np.arange: 1.0506; with ':': 1.5408
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
