"""The MLP chapter's checks fail, before any training, when backprop is wrong."""

MLP = "snippets/mlp_by_hand/two_layer_mlp.py"
CHAIN = "snippets/mlp_by_hand/jacobian_chain.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        MLP,
        "dU = dH * (U > 0)",
        "dU = dH",
        "ReLU mask dropped: the gradient flows through units that were off",
    ),
    (
        MLP,
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "transpose on the wrong factor: dW1 comes out (M, D), W1 is (D, M)",
    ),
    (
        MLP,
        "db = dY.sum(axis=0)",
        "db = dY",
        "batch sum missing: db1 keeps one row per example, shape (N, M)",
    ),
    (
        MLP,
        "dZ = dL * (S - T) / S.shape[0]",
        "dZ = dL * (S - T)",
        "1/N of the mean dropped: every gradient N times too large",
    ),
    (
        MLP,
        "db = dY.sum(axis=0)",
        "db = dY.mean(axis=0)",
        "1/N applied twice: dZ already holds it, db must sum, not average",
    ),
    (
        MLP,
        "dL * (S - T)",
        "dL * (T - S)",
        "the sign of S - T flipped: the negative gradient, so descent climbs the loss",
    ),
    (
        CHAIN,
        "mask = (U > 0).astype(float)",
        "mask = np.maximum(U, 0.0)",
        "ReLU's derivative taken as its output H instead of the step [U > 0]",
    ),
    (
        CHAIN,
        '"ni,mj->nmij", X, np.eye(M)',
        '"nj,mi->nmij", X, np.eye(M)',
        "dU/dW1 with the weight's two indices swapped: the transpose of W1's shape",
    ),
]
