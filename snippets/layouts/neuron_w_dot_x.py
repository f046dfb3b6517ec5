"""For y = x . w + b: numerator layout dy/dw = x^T, a (1, D) row; here x, (D,)."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def neuron_forward(x, w, b):
    """One neuron (Parr & Howard's z = w . x + b): y = sum_k x_k w_k + b, a scalar."""
    y = x @ w + b
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(x, w):
    """J[j] = dy / dw_j = sum_k x_k delta_kj = x_j: shape y.shape + w.shape = (D,)."""
    delta = np.eye(w.shape[0])
    return np.einsum("k,kj->j", x, delta)


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def numerator_row(x):
    """Parr & Howard (numerator layout): dy/dw = x^T, a (1, D) row."""
    return x.reshape(1, -1)


def denominator_column(x):
    """Denominator layout: dy/dw = x, a (D, 1) column."""
    return x.reshape(-1, 1)


def to_this_site(row, w_shape):
    """This site: the gradient has the shape of w, so drop the row axis."""
    return row.reshape(w_shape)


# --8<-- [end:layouts]


# --8<-- [start:backward]
def neuron_backward(dy, x, w):
    """dx = dy w, dw = dy x, db = dy for an upstream scalar dy = dL/dy."""
    dx = dy * w
    dw = dy * x
    db = dy
    return dx, dw, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    D = 4
    w, x = rng.standard_normal(D), rng.standard_normal(D)
    b, dy = 0.5, rng.standard_normal()
    # --8<-- [start:check]
    row, col = numerator_row(x), denominator_column(x)
    print(f"numerator {row.shape}, denominator {col.shape}, this site {w.shape}")
    #> numerator (1, 4), denominator (4, 1), this site (4,)
    J = to_this_site(row, w.shape)
    check_gradient(J, lambda w_: neuron_forward(x, w_, b), w)  # central differences
    np.testing.assert_array_equal(J, jacobian(x, w))
    np.testing.assert_array_equal(J, col.reshape(w.shape))  # the same numbers
    dx, dw, db = neuron_backward(dy, x, w)  # dy random: L = dy * y
    np.testing.assert_allclose(dw, dy * J, rtol=1e-12)  # the chain rule for dL/dw
    check_gradient(dx, lambda x_: dy * neuron_forward(x_, w, b), x)
    check_gradient(dw, lambda w_: dy * neuron_forward(x, w_, b), w)
    check_gradient(db, lambda b_: dy * neuron_forward(x, w, b_), np.array(b))
    print("row, column and this site hold the same numbers: True")
    #> row, column and this site hold the same numbers: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    w_col = w.reshape(D, 1)  # w kept as a column, as column-vector texts do
    stepped = w_col - 0.1 * row  # a numerator-layout row used as the step
    print(f"{w_col.shape} - {row.shape} broadcasts to {stepped.shape}")
    #> (4, 1) - (1, 4) broadcasts to (4, 4)
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
