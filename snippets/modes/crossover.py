"""jacfwd costs D_in JVPs and jacrev costs M_out VJPs: time both as the widths vary.

For y = f(x), x (D_in,), y (M_out,), the same two-layer ReLU network as jvp_vjp.py.
crossover_timings(clock) returns (D_in, M_out, jacfwd seconds, jacrev seconds)
rows, read with `clock` (time.perf_counter, passed in: a snippet imports only
NumPy); the page's figure calls it at build time. Timings vary from run to run
and machine to machine, so this file prints only what does not: the two
Jacobians agree (and match finite differences), and how many products each costs.
"""

import numpy as np
from gradcheck import check_jacobian

M = 64  # hidden width
WIDTHS = (4, 16, 64, 256)  # the width that varies; the other stays at 64


# --8<-- [start:network]
def mlp_jvp(x_dot, U, W1, W2):
    return ((x_dot @ W1) * (U > 0)) @ W2  # ydot = J xdot


def mlp_vjp(dy, U, W1, W2):
    return ((dy @ W2.T) * (U > 0)) @ W1.T  # dx = J^T dy


def jacfwd(U, W1, W2):
    """D_in JVPs, one per input coordinate: the columns of J, (M_out, D_in)."""
    columns = [mlp_jvp(e_j, U, W1, W2) for e_j in np.eye(W1.shape[0])]
    return np.stack(columns, axis=1)


def jacrev(U, W1, W2):
    """M_out VJPs, one per output coordinate: the rows of J, (M_out, D_in)."""
    rows = [mlp_vjp(e_i, U, W1, W2) for e_i in np.eye(W2.shape[1])]
    return np.stack(rows, axis=0)


# --8<-- [end:network]


def mlp_forward(x, W1, b1, W2):
    """y = max(x W1 + b1, 0) W2 (the output bias changes no derivative)."""
    y = np.maximum(x @ W1 + b1, 0.0) @ W2
    return y


def network(rng, D_in, M_out):
    W1 = rng.standard_normal((D_in, M)) / np.sqrt(D_in)
    b1 = rng.standard_normal(M)
    W2 = rng.standard_normal((M, M_out)) / np.sqrt(M)
    x = rng.standard_normal(D_in)
    return x, W1, b1, W2  # the output bias b2 changes no derivative


# --8<-- [start:timing]
def best_time(fn, clock, repeat=5):
    """The fastest of a few runs: other work on the machine only adds time."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def crossover_timings(clock, repeat=5, seed=0):
    """[(D_in, M_out, jacfwd seconds, jacrev seconds)]: one width 64, one varied.

    clock() returns seconds: time.perf_counter.
    """
    rng = np.random.default_rng(seed)
    sizes = [(64, w) for w in WIDTHS] + [(w, 64) for w in WIDTHS if w != 64]
    rows = []
    for D_in, M_out in sizes:
        x, W1, b1, W2 = network(rng, D_in, M_out)
        U = x @ W1 + b1  # the forward pass, once: both sweeps reuse it
        args = (U, W1, W2)
        t_fwd = best_time(lambda args=args: jacfwd(*args), clock, repeat)
        t_rev = best_time(lambda args=args: jacrev(*args), clock, repeat)
        rows.append((D_in, M_out, t_fwd, t_rev))
    return rows


# --8<-- [end:timing]


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(0)
    for D_in, M_out in [(64, 4), (4, 64), (256, 64)]:
        x, W1, b1, W2 = network(rng, D_in, M_out)
        U = x @ W1 + b1
        J_fwd, J_rev = jacfwd(U, W1, W2), jacrev(U, W1, W2)
        np.testing.assert_allclose(J_fwd, J_rev, rtol=1e-10, atol=1e-14)
        if D_in < M_out:  # and once against finite differences of the network
            check_jacobian(J_fwd, lambda x_, p=(W1, b1, W2): mlp_forward(x_, *p), x)
        print(f"J {J_fwd.shape}: jacfwd {D_in} JVPs, jacrev {M_out} VJPs, equal: True")
    #> J (4, 64): jacfwd 64 JVPs, jacrev 4 VJPs, equal: True
    #> J (64, 4): jacfwd 4 JVPs, jacrev 64 VJPs, equal: True
    #> J (64, 256): jacfwd 256 JVPs, jacrev 64 VJPs, equal: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
