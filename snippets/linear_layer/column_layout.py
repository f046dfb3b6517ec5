"""With examples as columns, Yc = Wc Xc + b: dWc = dYc Xc^T and dXc = Wc^T dYc."""

import numpy as np

from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def forward_columns(Wc, Xc, b):
    """Yc_mn = sum_d Wc_md Xc_dn + b_m: (M, D) @ (D, N) + (M, 1) -> (M, N)."""
    return Wc @ Xc + b[:, None]  # b as a column, added to every example (column)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_Wc(Xc, M):
    """J[m, n, k, d] = dYc_mn / dWc_kd = delta_mk Xc_dn: shape (M, N) + (M, D)."""
    return np.einsum("mk,dn->mnkd", np.eye(M), Xc)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward_columns(dYc, Wc, Xc):
    """dYc (M, N) -> dWc (M, D), dXc (D, N), db (M,)."""
    dWc = dYc @ Xc.T  # (M, N) @ (N, D): CS231n's dW = dD.dot(X.T)
    dXc = Wc.T @ dYc  # (D, M) @ (M, N)
    db = dYc.sum(axis=1)  # the batch is axis 1 now
    return dWc, dXc, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    N, D, M = 2, 3, 4
    X = rng.standard_normal((N, D))  # the row-batch arrays of the rest of the page
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    dY = rng.standard_normal((N, M))
    # --8<-- [start:check]
    Xc, Wc, dYc = X.T, W.T, dY.T  # the same numbers, examples as columns
    Yc = forward_columns(Wc, Xc, b)
    np.testing.assert_allclose(Yc, (X @ W + b).T, rtol=1e-12)  # (X W)^T = W^T X^T
    print(f"Yc {Yc.shape} == (X @ W + b).T: True")
    #> Yc (4, 2) == (X @ W + b).T: True
    Jc = jacobian_wrt_Wc(Xc, M)
    check_jacobian(Jc, lambda Wc_: forward_columns(Wc_, Xc, b), Wc)
    J = np.einsum("nd,mk->nmdk", X, np.eye(M))  # the row-batch dY/dW
    swapped = np.array_equal(Jc, J.transpose(1, 0, 3, 2))  # Jc[m,n,k,d] = J[n,m,d,k]
    assert swapped
    print(f"dYc/dWc {Jc.shape} is dY/dW {J.shape} with axes swapped: {swapped}")
    #> dYc/dWc (4, 2, 4, 3) is dY/dW (2, 4, 3, 4) with axes swapped: True
    dWc, dXc, db = backward_columns(dYc, Wc, Xc)
    np.testing.assert_allclose(dWc, vjp_from_jacobian(dYc, Jc), rtol=1e-12)

    def loss(Wc_, Xc_, b_):  # L = <dYc, Yc>, so that dL/dYc = dYc
        return np.sum(dYc * forward_columns(Wc_, Xc_, b_))

    check_gradient(dWc, lambda Wc_: loss(Wc_, Xc, b), Wc)
    check_gradient(dXc, lambda Xc_: loss(Wc, Xc_, b), Xc)
    check_gradient(db, lambda b_: loss(Wc, Xc, b_), b)
    print("dWc, dXc, db == finite differences in the column layout: True")
    #> dWc, dXc, db == finite differences in the column layout: True
    np.testing.assert_allclose(dWc, (X.T @ dY).T, rtol=1e-12)  # the row dW, transposed
    np.testing.assert_allclose(dXc, (dY @ W.T).T, rtol=1e-12)  # the row dX, transposed
    print("dWc == (X.T @ dY).T and dXc == (dY @ W.T).T: True")
    #> dWc == (X.T @ dY).T and dXc == (dY @ W.T).T: True
    x, dy = Xc[:, 0], dYc[:, 0]  # one example: y = Wc x, as in Learned-Miller's notes
    dWc_one = backward_columns(dy[:, None], Wc, x[:, None])[0]  # N = 1
    np.testing.assert_allclose(dWc_one, np.outer(dy, x), rtol=1e-12)
    print("one example (N = 1): dWc == np.outer(dy, x): True")
    #> one example (N = 1): dWc == np.outer(dy, x): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
