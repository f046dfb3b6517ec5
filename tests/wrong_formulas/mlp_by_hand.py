"""The MLP chapter's checks fail, before any training, when backprop is wrong."""

MLP = "snippets/mlp_by_hand/two_layer_mlp.py"
CHAIN = "snippets/mlp_by_hand/jacobian_chain.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        MLP,
        "dA = dH * (A > 0)",
        "dA = dH",
        "ReLU mask dropped: the gradient flows through units that were off",
    ),
    (
        MLP,
        "dW1 = X.T @ dA",
        "dW1 = dA.T @ X",
        "transpose on the wrong factor: dW1 comes out (M, D), W1 is (D, M)",
    ),
    (
        MLP,
        "db2 = dZ.sum(axis=0)",
        "db2 = dZ",
        "batch sum missing: db2 keeps one row per example, shape (N, K)",
    ),
    (
        MLP,
        "dZ = (P - Y) / N",
        "dZ = P - Y",
        "1/N of the mean dropped: every gradient N times too large",
    ),
    (
        MLP,
        "db2 = dZ.sum(axis=0)",
        "db2 = dZ.mean(axis=0)",
        "1/N applied twice: dZ already holds it, db2 must sum, not average",
    ),
    (
        CHAIN,
        "mask = (A > 0).astype(float)",
        "mask = np.maximum(A, 0.0)",
        "ReLU's derivative taken as its output H instead of the step [A > 0]",
    ),
    (
        CHAIN,
        '"ni,mj->nmij", X, np.eye(M)',
        '"nj,mi->nmij", X, np.eye(M)',
        "dA/dW1 with the weight's two indices swapped: the transpose of W1's shape",
    ),
]
