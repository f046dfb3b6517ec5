"""The differentials chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/differentials/frobenius.py",
        "inner(A.T @ eta, xi)",
        "inner(A @ eta, xi)",
        "a left factor moved across without its transpose: <eta, A xi> = <A eta, xi>",
    ),
    (
        "snippets/differentials/frobenius.py",
        "inner(eta.sum(axis=0), xi_b)",
        "inner(eta.mean(axis=0), xi_b)",
        "a broadcast moved across as a mean over the rows instead of a sum",
    ),
    (
        "snippets/differentials/linear.py",
        "dX = dY @ W.T",
        "dX = dY @ W",
        "the tangent's factor W applied to dY: J where J^T belongs (W square: runs)",
    ),
    (
        "snippets/differentials/linear.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "X moved across to the wrong side: dY^T X is dW transposed (square W: runs)",
    ),
    (
        "snippets/differentials/linear.py",
        "db = dY.sum(axis=0)",
        "db = dY.mean(axis=0)",
        "the broadcast's adjoint taken as a mean: a 1/N where none belongs",
    ),
    (
        "snippets/differentials/linear.py",
        "Y_dot = X_dot @ W + X @ W_dot + b_dot",
        "Y_dot = X_dot @ W + b_dot",
        "the product rule with one term: X W_dot dropped from the tangent",
    ),
    (
        "snippets/differentials/adjoint.py",
        "dX = A.T @ dY @ B.T",
        "dX = A @ dY @ B",
        "the tangent map A dY B used as the backward: no transposes",
    ),
    (
        "snippets/differentials/adjoint.py",
        "dX = A.T @ dY @ B.T",
        "dX = B.T @ dY.T @ A.T",
        "the adjoint of the whole product taken as (A dY B)^T, reversed: wrong map",
    ),
    (
        "snippets/differentials/adjoint.py",
        "dX = A.T @ dY @ B.T",
        "dX = A.T @ dY @ B",
        "only the left factor moved across transposed",
    ),
    (
        "snippets/differentials/softmax.py",
        "dZ = S * (dS - np.sum(S * dS, axis=-1, keepdims=True))",
        "dZ = S * dS",
        "the softmax adjoint without the row-sum term (the denominator forgotten)",
    ),
    (
        "snippets/differentials/softmax.py",
        "np.sum(S * dS, axis=-1",
        "np.sum(S * dS, axis=0",
        "the row sum taken over the batch axis: an adjoint of the wrong broadcast",
    ),
    (
        "snippets/differentials/softmax.py",
        "S_dot = S * (Z_dot - np.sum(S * Z_dot, axis=-1, keepdims=True))",
        "S_dot = S * Z_dot",
        "the tangent of the denominator forgotten: softmax linearised as exp",
    ),
    (
        "snippets/differentials/elementwise.py",
        "dX = dY * (1 - Y**2)",
        "dX = dY * (1 - np.tanh(Y) ** 2)",
        "f' evaluated at the output: tanh applied to Y, which is already tanh(X)",
    ),
    (
        "snippets/differentials/elementwise.py",
        "Y_dot = (1 - Y**2) * X_dot",
        "Y_dot = 1 - Y**2",
        "the derivative f'(X) taken for the tangent f'(X) * X_dot",
    ),
    (
        "snippets/differentials/elementwise.py",
        "dX = dY * (1 - Y**2)",
        "dX = dY * (1 - Y**2).sum(axis=0)",
        "a batch sum where the diagonal Jacobian has none",
    ),
    (
        "snippets/differentials/chain.py",
        "dX, dW1, db1 = dU @ W1.T, X.T @ dU, dU.sum(axis=0)",
        "dX, dW1, db1 = dH @ W1.T, X.T @ dH, dH.sum(axis=0)",
        "tanh's adjoint skipped: the first layer fed dH instead of dU",
    ),
    (
        "snippets/differentials/chain.py",
        "dH, dW2, db2 = dZ @ W2.T, H.T @ dZ, dZ.sum(axis=0)",
        "dH, dW2, db2 = dS @ W2.T, H.T @ dS, dS.sum(axis=0)",
        "softmax's adjoint skipped: the second layer fed dS instead of dZ",
    ),
    (
        "snippets/differentials/chain.py",
        "H_dot = (1 - H**2) * U_dot",
        "H_dot = U_dot",
        "tanh left out of the tangent: the linearisation of one step forgotten",
    ),
    (
        "snippets/differentials/exercise_gram.py",
        "dX = (dY + dY.T) @ X",
        "dX = 2 * dY @ X",
        "2 dY X: right only for a symmetric dY",
    ),
    (
        "snippets/differentials/exercise_gram.py",
        "dX = (dY + dY.T) @ X",
        "dX = dY @ X",
        "X appears twice, read off once: the X X_dot^T term dropped",
    ),
    (
        "snippets/differentials/exercise_gram.py",
        "Y_dot = X_dot @ X.T + X @ X_dot.T",
        "Y_dot = 2 * X_dot @ X.T",
        "the two terms of the product rule taken as equal",
    ),
]
