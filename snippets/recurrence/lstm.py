"""An LSTM over K steps: the cell state's gradient is multiplied by the forget gate."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp


# --8<-- [start:forward]
def sigmoid(U):
    """1 / (1 + e^-U), written with tanh: no exponential of a positive number."""
    return 0.5 * (1.0 + np.tanh(0.5 * U))


def lstm_step(X_k, H_prev, Theta_prev, Wx, Wh, b):
    """One step: (N, D), (N, M), (N, M) -> H_k, Theta_k (N, M) and what backward needs."""
    M = H_prev.shape[1]
    U = H_prev @ Wh + X_k @ Wx + b  # (N, 4M): the four blocks i, f, o, candidate
    gate_i, gate_f, gate_o = (sigmoid(U[:, j * M : (j + 1) * M]) for j in range(3))
    Theta_cand = np.tanh(U[:, 3 * M :])
    Theta_k = gate_f * Theta_prev + gate_i * Theta_cand  # the cell state
    H_k = gate_o * np.tanh(Theta_k)
    return H_k, Theta_k, (gate_i, gate_f, gate_o, Theta_cand)


def lstm_forward(X, H0, Wx, Wh, b):
    """X (N, K, D), H0 (N, M), Wx (D, 4M), Wh (M, 4M), b (4M,) -> H (N, K, M)."""
    N, K, _ = X.shape
    H = np.zeros((N, K, H0.shape[1]))
    H_prev, Theta_prev = H0, np.zeros_like(H0)  # Theta_0 = 0, as in CS231n
    for k in range(K):
        H_prev, Theta_prev, _ = lstm_step(X[:, k], H_prev, Theta_prev, Wx, Wh, b)
        H[:, k] = H_prev
    return H


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_cell(gate_f):
    """J[n, m, p, q] = dTheta_k,nm / dTheta_prev,pq = delta_np delta_mq gate_f,nm."""
    N, M = gate_f.shape
    return np.einsum("np,mq,nm->nmpq", np.eye(N), np.eye(M), gate_f)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def lstm_backward(dH, X, H0, Wx, Wh, b):
    """dH (N, K, M) -> dX, dH0, dWx, dWh, db; recomputes the steps (CS231n: a cache)."""
    K = X.shape[1]
    steps, H_prev, Theta_prev = [], H0, np.zeros_like(H0)
    for k in range(K):  # the forward again, keeping every step's values
        H_k, Theta_k, gates = lstm_step(X[:, k], H_prev, Theta_prev, Wx, Wh, b)
        steps.append((H_prev, Theta_prev, Theta_k, gates))
        H_prev, Theta_prev = H_k, Theta_k
    dX = np.zeros_like(X)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dH_next, dTheta_next = np.zeros_like(H0), np.zeros_like(H0)  # from step k+1
    for k in reversed(range(K)):
        H_prev, Theta_prev, Theta_k, (gate_i, gate_f, gate_o, Theta_cand) = steps[k]
        dH_k = dH[:, k] + dH_next  # all of dL/dH_k
        tanh_Theta = np.tanh(Theta_k)
        # two paths into Theta_k: the next cell state, and H_k
        dTheta_k = dTheta_next + dH_k * gate_o * (1 - tanh_Theta**2)
        dU = np.concatenate(  # sigma' = sigma (1 - sigma), tanh' = 1 - tanh^2
            [
                dTheta_k * Theta_cand * gate_i * (1 - gate_i),
                dTheta_k * Theta_prev * gate_f * (1 - gate_f),
                dH_k * tanh_Theta * gate_o * (1 - gate_o),
                dTheta_k * gate_i * (1 - Theta_cand**2),
            ],
            axis=1,
        )
        dX[:, k] = dU @ Wx.T  # the linear layer U = H_prev Wh + X_k Wx + b, as before
        dWx += X[:, k].T @ dU
        dWh += H_prev.T @ dU
        db += dU.sum(axis=0)
        dH_next = dU @ Wh.T
        dTheta_next = dTheta_k * gate_f  # the cell path: one Hadamard product per step
    dH0 = dH_next
    return dX, dH0, dWx, dWh, db


# --8<-- [end:backward]


def one_input(f, inputs, i):
    """f as a function of its i-th input alone, the other inputs held fixed."""
    return lambda V_: f(*inputs[:i], V_, *inputs[i + 1 :])


def main():
    rng = np.random.default_rng(3)
    N, K, D, M = 2, 5, 3, 4
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx = rng.standard_normal((D, 4 * M)) / np.sqrt(D)
    Wh = rng.standard_normal((M, 4 * M)) / np.sqrt(M)
    b = rng.standard_normal(4 * M)
    # --8<-- [start:jacobian_check]
    Theta_prev = rng.standard_normal((N, M))
    _, _, (_, gate_f, _, _) = lstm_step(X[:, 0], H0, Theta_prev, Wx, Wh, b)
    J = jacobian_cell(gate_f)
    check_jacobian(J, lambda P_: lstm_step(X[:, 0], H0, P_, Wx, Wh, b)[1], Theta_prev)
    print(f"dTheta_k/dTheta_prev {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    #> dTheta_k/dTheta_prev (2, 4, 2, 4): 8 of 64 non-zero
    # --8<-- [end:jacobian_check]
    # --8<-- [start:check]
    H = lstm_forward(X, H0, Wx, Wh, b)
    dH = rng.standard_normal(H.shape)  # random upstream gradients at every step
    dH_last = np.zeros_like(dH)
    dH_last[:, -1] = dH[:, -1]  # and a loss on the last state only
    inputs = [X, H0, Wx, Wh, b]
    for upstream in (dH, dH_last):
        grads = lstm_backward(upstream, X, H0, Wx, Wh, b)
        for i, (V, dV) in enumerate(zip(inputs, grads, strict=True)):
            f = one_input(lstm_forward, inputs, i)
            check_gradient(dV, lambda V_, f=f, u=upstream: np.sum(u * f(V_)), V)
    print("every input, dH at every step or on H_K only == finite differences: True")
    #> every input, dH at every step or on H_K only == finite differences: True
    N, K, D, M = 16, 40, 32, 64  # a realistic size: the dot-product test
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx = rng.standard_normal((D, 4 * M)) / np.sqrt(D)
    Wh = rng.standard_normal((M, 4 * M)) / np.sqrt(M)
    b = rng.standard_normal(4 * M)
    inputs = [X, H0, Wx, Wh, b]
    for i, V in enumerate(inputs):
        back = lambda dH_, i=i: lstm_backward(dH_, X, H0, Wx, Wh, b)[i]  # noqa: E731
        check_vjp(one_input(lstm_forward, inputs, i), back, V, rng)
    print(f"dot-product test at N, K, D, M = {N}, {K}, {D}, {M}, all five inputs: True")
    #> dot-product test at N, K, D, M = 16, 40, 32, 64, all five inputs: True
    # --8<-- [end:check]
    # --8<-- [start:forget_bias]
    N, K, D, M = 16, 50, 8, 32  # loss on H_K; how much gradient reaches X_1?
    X, H0 = rng.standard_normal((N, K, D)), np.zeros((N, M))
    Wx = rng.standard_normal((D, 4 * M)) / np.sqrt(D)
    Wh = rng.standard_normal((M, 4 * M)) / np.sqrt(M)
    dH = np.zeros((N, K, M))
    dH[:, -1] = rng.standard_normal((N, M))
    reached = []
    print("||dX_k|| / ||dX_K|| at K - k = 10, 20, 49:")
    #> ||dX_k|| / ||dX_K|| at K - k = 10, 20, 49:
    for b_f in (0.0, 1.0, 3.0):
        b = np.zeros(4 * M)
        b[M : 2 * M] = b_f  # the forget gate's block of the bias
        dX = lstm_backward(dH, X, H0, Wx, Wh, b)[0]
        norms = np.linalg.norm(dX, axis=(0, 2))  # ||dX_k|| for k = 1 .. K
        ratio = norms / norms[-1]
        reached.append(ratio[0])
        print(
            f"b_f = {b_f}, sigma(b_f) = {sigmoid(b_f):.2f}: "
            + " ".join(f"{ratio[-1 - t]:.1e}" for t in (10, 20, 49))
        )
    #> b_f = 0.0, sigma(b_f) = 0.50: 1.2e-02 1.8e-04 1.6e-09
    #> b_f = 1.0, sigma(b_f) = 0.73: 9.7e-02 1.7e-02 1.4e-04
    #> b_f = 3.0, sigma(b_f) = 0.95: 3.5e-01 3.4e-01 6.2e-01
    assert reached[0] < 1e-6 < reached[1] < 1e-2 < reached[2]
    # --8<-- [end:forget_bias]


if __name__ == "__main__":
    main()
