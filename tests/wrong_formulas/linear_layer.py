"""The linear layer chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/linear_layer/grad_weight.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "dW transposed: dY^T X has shape (M, D), not the (D, M) of W",
    ),
    (
        "snippets/linear_layer/grad_weight.py",
        '"nd,mk->nmdk", X, delta',
        '"nd,mk->nmdk", X, np.ones((M, M))',
        "delta_mk dropped: as if Y_nm depended on every column of W",
    ),
    (
        "snippets/linear_layer/grad_input.py",
        '"np,dm->nmpd", delta, W',
        '"np,dm->nmpd", np.ones((N, N)), W',
        "delta_np dropped: as if example n's output depended on example p's input",
    ),
    (
        "snippets/linear_layer/grad_bias.py",
        "db = dY.sum(axis=0)",
        "db = dY[0]",
        "batch sum dropped: db from the first example only",
    ),
    (
        "snippets/linear_layer/grad_bias.py",
        "db = dY.sum(axis=0)",
        "db = dY.mean(axis=0)",
        "a 1/N where none belongs: the mean lives in the loss, not in db",
    ),
    (
        "snippets/linear_layer/layer.py",
        "dX = dY @ W.T",
        "dX = dY @ W",
        "W where W^T belongs: runs, right shape, because W is square",
    ),
    (
        "snippets/linear_layer/layer.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "dW transposed in a square layer: runs, right shape, wrong numbers",
    ),
    (
        "snippets/linear_layer/layer.py",
        "db = dY.sum(axis=0)",
        "db = dY[0]",
        "batch sum dropped in the layer a reader copies",
    ),
    (
        "snippets/linear_layer/column_layout.py",
        "dW_col = dY_col @ X_col.T",
        "dW_col = X_col @ dY_col.T",
        "row-batch X^T dY copied into column-layout code: transpose on the wrong side",
    ),
    (
        "snippets/linear_layer/column_layout.py",
        "db = dY_col.sum(axis=1)",
        "db = dY_col.sum(axis=0)",
        "batch summed over axis 0 after switching to examples as columns",
    ),
]
