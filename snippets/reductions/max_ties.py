"""At a tie, max has no gradient: one-sided slopes 1 and 0, central differences 1/2."""

import numpy as np
from gradcheck import EPS


def max_forward(x):
    """y = max_d x_d for one row x of shape (D,)."""
    y = np.max(x)
    return y


# --8<-- [start:conventions]
def first_argmax(x):
    """All of the gradient to the first maximal entry, the one np.argmax picks."""
    return np.eye(x.size)[np.argmax(x)]


def split_equally(x):
    """Equal shares among the maximal entries (what torch.amax does)."""
    tied = x == np.max(x)
    return tied / np.sum(tied)


# --8<-- [end:conventions]


def differences(x):
    """Forward, backward and central difference quotients, one entry at a time."""
    fwd, bwd, ctr = np.zeros(x.size), np.zeros(x.size), np.zeros(x.size)
    for d in range(x.size):
        step = np.zeros(x.size)
        step[d] = EPS
        up, here, down = max_forward(x + step), max_forward(x), max_forward(x - step)
        fwd[d] = (up - here) / EPS  # slope when x_d goes up
        bwd[d] = (here - down) / EPS  # slope when x_d goes down
        ctr[d] = (up - down) / (2 * EPS)  # their average
    return fwd, bwd, ctr


def show(v):
    return " ".join(f"{value:4.2f}" for value in v)


def main():
    # --8<-- [start:ties]
    for x in [np.array([3.0, 1.0, 3.0]), np.array([3.0, 3.0, 1.0, 3.0])]:
        fwd, bwd, ctr = differences(x)
        print(f"x = {show(x)}")
        print(f"  forward differences   {show(fwd)}")
        print(f"  backward differences  {show(bwd)}")
        print(f"  central differences   {show(ctr)}")
        print(f"  first argmax          {show(first_argmax(x))}")
        print(f"  split equally         {show(split_equally(x))}")
    #> x = 3.00 1.00 3.00
    #>   forward differences   1.00 0.00 1.00
    #>   backward differences  0.00 0.00 0.00
    #>   central differences   0.50 0.00 0.50
    #>   first argmax          1.00 0.00 0.00
    #>   split equally         0.50 0.00 0.50
    #> x = 3.00 3.00 1.00 3.00
    #>   forward differences   1.00 1.00 0.00 1.00
    #>   backward differences  0.00 0.00 0.00 0.00
    #>   central differences   0.50 0.50 0.00 0.50
    #>   first argmax          1.00 0.00 0.00 0.00
    #>   split equally         0.33 0.33 0.00 0.33
    # --8<-- [end:ties]

    # --8<-- [start:check]
    x = np.array([3.0, 3.0, 1.0, 3.0])
    fwd, bwd, ctr = differences(x)
    tied = x == np.max(x)
    np.testing.assert_allclose(fwd, tied, atol=1e-8)  # raising a tied entry: slope 1
    np.testing.assert_allclose(bwd, 0.0, atol=1e-8)  # lowering it: the others stay
    np.testing.assert_allclose(ctr, 0.5 * tied, atol=1e-8)  # the average of the two
    for rule in (first_argmax, split_equally):  # both are subgradients:
        share = rule(x)  # non-negative, on the tied entries only, summing to 1
        assert np.all(share >= 0) and not np.any(share[~tied])
        np.testing.assert_allclose(np.sum(share), 1.0, rtol=1e-12)
    print(f"central differences sum to {np.sum(ctr):.2f}; a subgradient sums to 1")
    #> central differences sum to 1.50; a subgradient sums to 1
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
