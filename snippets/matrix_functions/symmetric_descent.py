"""Descent over symmetric X on y = ||X - A||^2 / 2 with three candidate steps."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def distance_forward(X, A):
    """y = ||X - A||_F^2 / 2, minimised over symmetric X at sym(A) = (A + A^T) / 2."""
    y = 0.5 * np.sum((X - A) ** 2)
    return y


# --8<-- [end:forward]


# --8<-- [start:rules]
RULES = {  # three answers to "the gradient at symmetric X", from dX_free = X - A
    "sym(dX_free)": lambda dX_free: (dX_free + dX_free.T) / 2,
    "Cookbook": lambda dX_free: dX_free + dX_free.T - np.diag(np.diag(dX_free)),
    "dX_free": lambda dX_free: dX_free,  # what autodiff returns for the entries
}


def descend(rule, X, A, lr=1.0, steps=10):
    """X <- X - lr * rule(X - A); returns the distance to sym(A) after each step."""
    target, out = (A + A.T) / 2, []
    for _ in range(steps):
        X = X - lr * rule(X - A)
        out.append(np.linalg.norm(X - target))
    return X, out


# --8<-- [end:rules]


def main():
    rng = np.random.default_rng(8)
    D = 4
    A = rng.standard_normal((D, D))
    V = rng.standard_normal((D, D))
    X0 = V + V.T  # a symmetric start
    # --8<-- [start:descent]
    check_gradient(X0 - A, lambda X_: distance_forward(X_, A), X0)  # dX_free
    # the Hessian on symmetric directions is the identity: lr = 1 is the exact step
    print(f"start: distance to sym(A) {np.linalg.norm(X0 - (A + A.T) / 2):.3f}")
    #> start: distance to sym(A) 8.888
    print("        rule: distance after 1, 10 steps at lr 1; 60 at lr 0.25; symmetric")
    #>         rule: distance after 1, 10 steps at lr 1; 60 at lr 0.25; symmetric
    for name, rule in RULES.items():
        X, dist = descend(rule, X0, A)  # lr = 1, 10 steps
        slow = descend(rule, X0, A, lr=0.25, steps=60)[1][-1]
        sym = np.allclose(X, X.T)
        print(f"{name:>12}: {dist[0]:.3f}, {dist[-1]:.3f}; {slow:.3f}; {sym}")
    #> sym(dX_free): 0.000, 0.000; 0.000; True
    #>     Cookbook: 6.977, 6.977; 0.000; True
    #>      dX_free: 2.650, 2.650; 2.650; False
    assert descend(RULES["sym(dX_free)"], X0, A)[1][0] < 1e-12  # one exact step
    # --8<-- [end:descent]


if __name__ == "__main__":
    main()
