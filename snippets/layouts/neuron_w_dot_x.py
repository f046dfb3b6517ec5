"""For z = w . x + b: numerator layout dz/dw = x^T, a (1, n) row; here x, (n,)."""

import numpy as np

from gradcheck import check_gradient


# --8<-- [start:forward]
def forward(w, x, b):
    """z = sum_k w_k x_k + b, a scalar."""
    return w @ x + b


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(w, x):
    """J[j] = dz / dw_j = sum_k delta_kj x_k = x_j: shape z.shape + w.shape = (n,)."""
    delta = np.eye(w.shape[0])
    return np.einsum("k,kj->j", x, delta)


# --8<-- [end:jacobian]


# --8<-- [start:layouts]
def numerator_row(x):
    """Parr & Howard (numerator layout): dz/dw = x^T, a (1, n) row."""
    return x.reshape(1, -1)


def denominator_column(x):
    """Denominator layout: dz/dw = x, an (n, 1) column."""
    return x.reshape(-1, 1)


def to_this_site(row, w_shape):
    """This site: the gradient has the shape of w, so drop the row axis."""
    return row.reshape(w_shape)


# --8<-- [end:layouts]


# --8<-- [start:backward]
def backward(x, dz):
    """dL/dw_j = dz x_j for an upstream scalar dz = dL/dz: shape w.shape."""
    return dz * x


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    n = 4
    w, x = rng.standard_normal(n), rng.standard_normal(n)
    b, dz = 0.5, 1.0
    # --8<-- [start:check]
    row, col = numerator_row(x), denominator_column(x)
    print(f"numerator {row.shape}, denominator {col.shape}, this site {w.shape}")
    #> numerator (1, 4), denominator (4, 1), this site (4,)
    dw = to_this_site(row, w.shape)
    check_gradient(dw, lambda w_: forward(w_, x, b), w)  # central differences
    np.testing.assert_array_equal(dw, jacobian(w, x))
    np.testing.assert_array_equal(dw, col.reshape(w.shape))  # same numbers
    np.testing.assert_array_equal(backward(x, dz), dw)
    print("row, column and this site hold the same numbers: True")
    #> row, column and this site hold the same numbers: True
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    w_col = w.reshape(n, 1)  # w kept as a column, as column-vector texts do
    stepped = w_col - 0.1 * row  # a numerator-layout row used as the step
    print(f"{w_col.shape} - {row.shape} broadcasts to {stepped.shape}")
    #> (4, 1) - (1, 4) broadcasts to (4, 4)
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
