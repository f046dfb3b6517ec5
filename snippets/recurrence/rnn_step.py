"""One RNN step H_k = tanh(H_{k-1} W_h + X_k W_x + b): dU_k = dH_k * (1 - H_k^2)."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def rnn_step_forward(X_k, H_prev, Wx, Wh, b):
    """X_k (N, D), H_prev (N, M), Wx (D, M), Wh (M, M), b (M,) -> H_k (N, M)."""
    U_k = H_prev @ Wh + X_k @ Wx + b  # the pre-activation U_k
    H_k = np.tanh(U_k)
    return H_k


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_H_prev(H_k, Wh):
    """J[n, m, p, q] = dH_k,nm / dH_prev,pq = (1 - H_k,nm^2) delta_np Wh_qm."""
    N = H_k.shape[0]
    return np.einsum("nm,np,qm->nmpq", 1 - H_k**2, np.eye(N), Wh)


def jacobian_wrt_Wh(H_k, H_prev):
    """J[n, m, p, q] = dH_k,nm / dWh_pq = (1 - H_k,nm^2) H_prev,np delta_mq."""
    M = H_k.shape[1]
    return np.einsum("nm,np,mq->nmpq", 1 - H_k**2, H_prev, np.eye(M))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def rnn_step_backward(dH_k, X_k, H_prev, Wx, Wh, H_k):
    """dH_k (N, M) -> dX_k, dH_prev, dWx, dWh, db: the shapes of the inputs."""
    dU_k = dH_k * (1 - H_k**2)  # through tanh: tanh' = 1 - tanh^2, read from H_k
    dX_k = dU_k @ Wx.T  # then U_k = H_prev Wh + X_k Wx + b is two linear layers
    dH_prev = dU_k @ Wh.T
    dWx = X_k.T @ dU_k
    dWh = H_prev.T @ dU_k
    db = dU_k.sum(axis=0)
    return dX_k, dH_prev, dWx, dWh, db


# --8<-- [end:backward]


def one_input(f, inputs, i):
    """f as a function of its i-th input alone, the other inputs held fixed."""
    return lambda V_: f(*inputs[:i], V_, *inputs[i + 1 :])


def main():
    rng = np.random.default_rng(0)
    N, D, M = 2, 3, 4  # all different: a misplaced axis is a shape error
    X_k, H_prev = rng.standard_normal((N, D)), np.tanh(rng.standard_normal((N, M)))
    Wx, Wh, b = (
        rng.standard_normal((D, M)),
        rng.standard_normal((M, M)),
        rng.standard_normal(M),
    )
    # --8<-- [start:check]
    H_k = rnn_step_forward(X_k, H_prev, Wx, Wh, b)
    J_H = jacobian_wrt_H_prev(H_k, Wh)
    J_W = jacobian_wrt_Wh(H_k, H_prev)
    check_jacobian(J_H, lambda H_: rnn_step_forward(X_k, H_, Wx, Wh, b), H_prev)
    check_jacobian(J_W, lambda W_: rnn_step_forward(X_k, H_prev, Wx, W_, b), Wh)
    for name, J in (("dH_k/dH_prev", J_H), ("dH_k/dWh", J_W)):
        print(f"{name} {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    #> dH_k/dH_prev (2, 4, 2, 4): 32 of 64 non-zero
    #> dH_k/dWh (2, 4, 4, 4): 32 of 128 non-zero
    dH_k = rng.standard_normal((N, M))  # a random upstream gradient
    dX_k, dH_prev, dWx, dWh, db = rnn_step_backward(dH_k, X_k, H_prev, Wx, Wh, H_k)
    np.testing.assert_allclose(dH_prev, vjp_from_jacobian(dH_k, J_H), rtol=1e-12)
    np.testing.assert_allclose(dWh, vjp_from_jacobian(dH_k, J_W), rtol=1e-12)
    print("dH_prev, dWh == dH_k contracted with the full Jacobians: True")
    #> dH_prev, dWh == dH_k contracted with the full Jacobians: True
    inputs = [X_k, H_prev, Wx, Wh, b]
    grads = [dX_k, dH_prev, dWx, dWh, db]
    for i, (V, dV) in enumerate(zip(inputs, grads, strict=True)):
        f = one_input(rnn_step_forward, inputs, i)
        check_gradient(dV, lambda V_, f=f: np.sum(dH_k * f(V_)), V)
    print("dX_k, dH_prev, dWx, dWh, db == finite differences: True")
    #> dX_k, dH_prev, dWx, dWh, db == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
