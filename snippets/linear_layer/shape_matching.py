"""Shape matching finds dW = X^T dY only when N, D, M differ; at N = D = M all 8 fit."""

import numpy as np
from gradcheck import ATOL, RTOL, numerical_gradient

# --8<-- [start:candidates]
PRODUCTS = {  # every matrix product of X or X.T with dY or dY.T, either order
    "X.T @ dY": lambda X, dY: X.T @ dY,
    "X @ dY": lambda X, dY: X @ dY,
    "X.T @ dY.T": lambda X, dY: X.T @ dY.T,
    "X @ dY.T": lambda X, dY: X @ dY.T,
    "dY @ X": lambda X, dY: dY @ X,
    "dY.T @ X": lambda X, dY: dY.T @ X,
    "dY @ X.T": lambda X, dY: dY @ X.T,
    "dY.T @ X.T": lambda X, dY: dY.T @ X.T,
}
BIAS = {  # ways to turn dY (N, M) into something that may have the shape (M,)
    "dY.sum(axis=0)": lambda dY: dY.sum(axis=0),
    "dY.mean(axis=0)": lambda dY: dY.mean(axis=0),
    "dY[0]": lambda dY: dY[0],
    "dY.sum(axis=1)": lambda dY: dY.sum(axis=1),
}


def sort_out(candidates, args, grad):
    """(names that run and have grad's shape, those of them equal to grad)."""
    fits = []
    for name, f in candidates.items():
        try:
            if f(*args).shape == grad.shape:
                fits.append(name)
        except ValueError:  # matmul: the inner sizes do not line up
            pass
    close = [
        np.allclose(candidates[n](*args), grad, rtol=RTOL, atol=ATOL) for n in fits
    ]
    return fits, [name for name, ok in zip(fits, close, strict=True) if ok]


def try_sizes(N, D, M, rng):
    """Sort out the dW and db candidates for random X, W, b, dY of these sizes."""
    X, W = rng.standard_normal((N, D)), rng.standard_normal((D, M))
    b, dY = rng.standard_normal(M), rng.standard_normal((N, M))
    dW = numerical_gradient(lambda W_: np.sum(dY * (X @ W_ + b)), W)  # L = <dY, Y>
    db = numerical_gradient(lambda b_: np.sum(dY * (X @ W + b_)), b)
    return sort_out(PRODUCTS, (X, dY), dW), sort_out(BIAS, (dY,), db)


# --8<-- [end:candidates]


def main():
    rng = np.random.default_rng(5)
    # --8<-- [start:pitfall]
    for N, D, M in [(2, 3, 4), (3, 3, 3)]:
        (fit_W, right_W), (fit_b, right_b) = try_sizes(N, D, M, rng)
        print(f"N, D, M = {N}, {D}, {M}")
        print(f"  dW: {len(fit_W)} of 8 products have W's shape, right: {right_W}")
        print(f"  db: {len(fit_b)} of 4 reductions have b's shape, right: {right_b}")
        assert right_W == ["X.T @ dY"] and right_b == ["dY.sum(axis=0)"]
    #> N, D, M = 2, 3, 4
    #>   dW: 1 of 8 products have W's shape, right: ['X.T @ dY']
    #>   db: 3 of 4 reductions have b's shape, right: ['dY.sum(axis=0)']
    #> N, D, M = 3, 3, 3
    #>   dW: 8 of 8 products have W's shape, right: ['X.T @ dY']
    #>   db: 4 of 4 reductions have b's shape, right: ['dY.sum(axis=0)']
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
