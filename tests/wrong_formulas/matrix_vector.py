"""The b = W a chapter's checks fail when its formulas are wrong."""

MV = "snippets/matrix_vector/"
CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        MV + "jacobian_wrt_w.py",
        '"ij,k->ijk", delta, a',
        '"ik,j->ijk", delta, a',
        "delta on the wrong index pair: db_i/dW_jk = delta_ik a_j",
    ),
    (
        MV + "jacobian_wrt_a.py",
        '"il,lk->ik", W, delta',
        '"li,lk->ik", W, delta',
        "db/da taken as W^T (the denominator-layout habit)",
    ),
    (
        MV + "chain_rule.py",
        "np.outer(g, a)",
        "np.outer(a, g)",
        "dW = a g^T: moved transpose",
    ),
    (MV + "chain_rule.py", "da = W.T @ g", "da = W @ g", "da = W g: dropped transpose"),
    (MV + "column_vector.py", "g_col @ a_col.T", "a_col @ g_col.T", "dW = a g^T"),
    (
        MV + "batch_columns.py",
        "dW = dD.dot(X.T)  #",
        "dW = X.dot(dD.T)  #",
        "dW = X dD^T: transposed",
    ),
    (
        MV + "batch_columns.py",
        "dX = W.T.dot(dD)  #",
        "dX = W.dot(dD)  #",
        "dX = W dD: dropped transpose",
    ),
]
