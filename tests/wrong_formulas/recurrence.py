"""The recurrence chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/recurrence/rnn_step.py",
        '"nm,np,qm->nmpq", 1 - H_k**2, np.eye(N), Wh',
        '"nm,np,mq->nmpq", 1 - H_k**2, np.eye(N), Wh',
        "dH_k/dH_prev with Wh_mq where Wh_qm belongs (the column layout's W_h)",
    ),
    (
        "snippets/recurrence/rnn_step.py",
        "dU_k = dH_k * (1 - H_k**2)",
        "dU_k = dH_k * (1 - np.tanh(H_k) ** 2)",
        "tanh applied twice: tanh' computed from the saved output as if it were U_k",
    ),
    (
        "snippets/recurrence/rnn_step.py",
        "dH_prev = dU_k @ Wh.T",
        "dH_prev = dU_k @ Wh",
        "Wh where Wh^T belongs: runs, right shape, because Wh is square",
    ),
    (
        "snippets/recurrence/rnn_step.py",
        "dWh = H_prev.T @ dU_k",
        "dWh = dU_k.T @ H_prev",
        "dWh transposed: (M, M) either way, so only the numbers are wrong",
    ),
    (
        "snippets/recurrence/bptt.py",
        "J_prev = (1 - H[:, k] ** 2)[:, :, None, None] * (direct + through)",
        "J_prev = (1 - H[:, k] ** 2)[:, :, None, None] * direct",
        "dH_k/dWh from step k's own use of Wh only, as if H_{k-1} did not depend on Wh",
    ),
    (
        "snippets/recurrence/bptt.py",
        "dWh += H_prev.T @ dU",
        "dWh = H_prev.T @ dU",
        "dWh not accumulated over time: only the first step's term survives the loop",
    ),
    (
        "snippets/recurrence/bptt.py",
        "dU = (dH[:, k] + dU @ Wh.T)",
        "dU = (dH[:, k])",
        "the gradient from step k+1 forgotten: each step backpropagates its own dH_k only",
    ),
    (
        "snippets/recurrence/bptt.py",
        "dU = (dH[:, k] + dU @ Wh.T)",
        "dU = (dU @ Wh.T)",
        "the step's own dH_k forgotten: every gradient is zero (the deeplearning.ai thread)",
    ),
    (
        "snippets/recurrence/bptt.py",
        "* (1 - H[:, k] ** 2)  # its own",
        "* (1 - H_prev**2)  # its own",
        "tanh' read from the previous step's state: an off-by-one in the saved states",
    ),
    (
        "snippets/recurrence/bptt.py",
        "row = dU_j @ Wh.T  # times J_j",
        "row = row @ Wh.T  # times J_j",
        "the pair sum's J_j without its tanh slopes: Wh^T alone between two steps",
    ),
    (
        "snippets/recurrence/bptt.py",
        "dH0 = dU @ Wh.T",
        "dH0 = dU",
        "dH0 missing the last factor Wh^T: dU_1 is the gradient of U_1, not of H_0",
    ),
    (
        "snippets/recurrence/truncated.py",
        "(k + 1) % K_trunc == 0",
        "k % K_trunc == 0",
        "chunk boundary off by one: the cut falls inside a chunk",
    ),
    (
        "snippets/recurrence/truncated.py",
        "if K_trunc is not None and",
        "if False and",
        "the state never detached: full BPTT, not the chunked gradient",
    ),
    (
        "snippets/recurrence/truncated.py",
        "dH0 = dU @ Wh.T",
        "dH0 = dU",
        "the gradient reaching the window's initial state missing its factor Wh^T",
    ),
    (
        "snippets/recurrence/lstm.py",
        "dTheta_next = dTheta_k * gate_f",
        "dTheta_next = dTheta_k",
        "the forget gate dropped from the cell path: dTheta_k/dTheta_{k-1} taken as I",
    ),
    (
        "snippets/recurrence/lstm.py",
        "dTheta_k = dTheta_next + dH_k * gate_o",
        "dTheta_k = dH_k * gate_o",
        "the cell state's gradient from step k+1 forgotten",
    ),
    (
        "snippets/recurrence/lstm.py",
        "dH_k * tanh_Theta * gate_o * (1 - gate_o)",
        "dTheta_k * tanh_Theta * gate_o * (1 - gate_o)",
        "the output gate fed the cell's gradient instead of dH_k",
    ),
    (
        "snippets/recurrence/lstm.py",
        "dTheta_k * Theta_prev * gate_f * (1 - gate_f)",
        "dTheta_k * Theta_k * gate_f * (1 - gate_f)",
        "the forget gate's gradient from the new cell state, not the previous one",
    ),
    (
        "snippets/recurrence/lstm.py",
        '"np,mq,nm->nmpq", np.eye(N), np.eye(M), gate_f',
        '"np,mq,nm->nmpq", np.eye(N), np.eye(M), gate_f + gate_f * (1 - gate_f)',
        "a sigma' term in dTheta_k/dTheta_{k-1}, as if the gate depended on Theta_{k-1}",
    ),
    (
        "snippets/recurrence/vanishing.py",
        "reaching.append(dU @ Wh.T)",
        "reaching.append(dU @ Wh)",
        "the gradient carried back with Wh: the norm bound still holds, the values do not",
    ),
    (
        "snippets/recurrence/vanishing.py",
        "dU = reaching[-1] * (1 - H[:, k] ** 2)",
        "dU = reaching[-1] * (1 - H[:, k - 1] ** 2)",
        "tanh' of the wrong step in the norm measurement: slopes <= 1 either way",
    ),
    (
        "snippets/recurrence/exercise_linear.py",
        "matrix_power(Wh.T, K)",
        "matrix_power(Wh.T, K - 1)",
        "one factor of Wh^T short: K steps separate H_0 from H_K",
    ),
]
