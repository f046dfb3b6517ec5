"""The forward-and-reverse-mode chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/modes/jvp_vjp.py",
        "np.stack(columns, axis=1)",
        "np.stack(columns, axis=0)",
        "jacfwd stacks the JVPs as rows: the transposed Jacobian, (D_in, M_out)",
    ),
    (
        "snippets/modes/jvp_vjp.py",
        "np.stack(rows, axis=0)",
        "np.stack(rows, axis=1)",
        "jacrev stacks the VJPs as columns: the transposed Jacobian",
    ),
    (
        "snippets/modes/jvp_vjp.py",
        "dH = dy @ W2.T",
        "dH = dy @ W2",
        "a VJP with J where J^T belongs: runs, right shape, because W2 is square",
    ),
    (
        "snippets/modes/jvp_vjp.py",
        "H_dot = U_dot * (U > 0)",
        "H_dot = U_dot * np.maximum(U, 0.0)",
        "the tangent multiplied by ReLU's value instead of its slope [U > 0]",
    ),
    (
        "snippets/modes/hvp.py",
        "dH_dot * (1 - H**2) - 2 * dH * H * H_dot",
        "dH_dot * (1 - H**2)",
        "HVP missing tanh's curvature term: the product rule on dH (1 - H^2)",
    ),
    (
        "snippets/modes/hvp.py",
        "H_dot.T @ dZ + H.T @ dZ_dot",
        "H.T @ dZ_dot",
        "HVP missing the tangent of H in dW2 = H^T dZ (product rule, one factor)",
    ),
    (
        "snippets/modes/hvp.py",
        "dZ_dot @ W2.T + dZ @ W2_dot.T",
        "dZ_dot @ W2.T",
        "HVP missing the tangent of W2 in dH = dZ W2^T",
    ),
    (
        "snippets/modes/hvp.py",
        "S * (Z_dot - np.sum(S * Z_dot, axis=1, keepdims=True))",
        "S * Z_dot",
        "softmax's JVP without its row-sum term (the diagonal of the Jacobian only)",
    ),
    (
        "snippets/modes/hvp.py",
        "dW1 = X.T @ dU",
        "dW1 = X.T @ dH",
        "tanh's derivative skipped: dH passed to the first layer as if it were dU",
    ),
    (
        "snippets/modes/hvp.py",
        "dZ = dL * (S - T) / X.shape[0]",
        "dZ = dL * (S - T)",
        "the mean's 1/N dropped from dZ",
    ),
    (
        "snippets/modes/hvp.py",
        "dW2 = H.T @ dZ",
        "dW2 = dZ.T @ H",
        "dW2 transposed: dZ^T H has shape (C, M), not the (M, C) of W2",
    ),
    (
        "snippets/modes/cheap_gradient.py",
        "dX = dY @ W.T",
        "dX = dY @ W",
        "W where W^T belongs: runs, right shape, because W is square",
    ),
    (
        "snippets/modes/cheap_gradient.py",
        "dU = dH * (U > 0)",
        "dU = dH",
        "the ReLU mask dropped from the MLP's backward",
    ),
    (
        "snippets/modes/cheap_gradient.py",
        "dZ = dL * (S - T) / S.shape[0]",
        "dZ = dL * (S - T)",
        "the mean's 1/N dropped from dZ",
    ),
    (
        "snippets/modes/saved_memory.py",
        'saved["U"] > 0 if "U" in saved else H > 0',
        'saved["U"] > 0 if "U" in saved else H',
        "the mask read from H as H itself, not [H > 0]",
    ),
    (
        "snippets/modes/crossover.py",
        "np.stack(columns, axis=1)",
        "np.stack(columns, axis=0)",
        "jacfwd stacks the JVPs as rows: shapes differ from jacrev's",
    ),
    (
        "snippets/modes/exercise_gauss_newton.py",
        "mlp_backward(mlp_jvp(x_dot, U, W1, W2), U, W1, W2)",
        "mlp_jvp(mlp_backward(x_dot[:M_out], U, W1, W2), U, W1, W2)",
        "J J^T in place of J^T J: the VJP applied first",
    ),
]
