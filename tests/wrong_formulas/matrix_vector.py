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
        "dW = np.outer(db, a)",
        "dW = np.outer(a, db)",
        "dW = a db^T: moved transpose",
    ),
    (
        MV + "chain_rule.py",
        "da = W.T @ db",
        "da = W @ db",
        "da = W db: dropped transpose",
    ),
    (
        MV + "column_vector.py",
        "db_col @ a_col.T",
        "a_col @ db_col.T",
        "dW = a db^T with columns",
    ),
    (
        MV + "batch_columns.py",
        '"ij,nk->nijk"',
        '"ik,nj->nijk"',
        "batch Jacobian with the delta on Y's output and W's column: delta_ik X_nj",
    ),
    (
        MV + "batch_columns.py",
        "dW = dY.T @ X  #",
        "dW = X.T @ dY  #",
        "dW = X^T dY, the linear layer's formula for its (D, M) W: transposed here",
    ),
    (
        MV + "batch_columns.py",
        "dW = dY.T @ X  #",
        "dW = np.outer(dY[0], X[0])  #",
        "batch sum forgotten: the first example's outer product only",
    ),
    (
        MV + "batch_columns.py",
        "dX = dY @ W  #",
        "dX = dY @ W.T  #",
        "dX = dY W^T: a transpose too many for an (M, D) W",
    ),
    # W of shape (2, 3): mistakes that a square W hides.
    (
        MV + "nonsquare.py",
        "M = W.shape[0]",
        "M = W.shape[1]",
        "delta sized by W's columns, as if W were (D, M) like the linear layer's: "
        "passes at (3, 3), where M = D; here J comes out (3, 3, 3)",
    ),
    (
        MV + "nonsquare.py",
        "np.zeros(b.shape + W.shape)",
        "np.zeros(a.shape + W.shape)",
        "J's output axis sized by a: passes at (3, 3), where a and b have one length; "
        "here J comes out (3, 2, 3)",
    ),
    (
        MV + "nonsquare.py",
        '"ij,k->ijk", delta, a',
        '"ik,j->ijk", delta, a',
        "delta tying b's index to W's column: at (3, 3) the shape is right and only "
        "the numbers differ; here J comes out (2, 3, 2)",
    ),
    (
        MV + "nonsquare.py",
        "dW = np.outer(db, a)",
        "dW = np.outer(a, db)",
        "dW = a db^T: at (3, 3) it has the shape of W; here it is (3, 2)",
    ),
]
