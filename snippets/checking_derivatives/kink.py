"""ReLU has no derivative at 0: a finite difference across the kink gives 1/2."""

import numpy as np
from gradcheck import EPS, check_jacobian, numerical_jacobian


# --8<-- [start:forward]
def relu(x):
    """y_i = max(x_i, 0)."""
    return np.maximum(x, 0.0)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_relu(x):
    """dy_i/dx_j = delta_ij [x_i > 0] (the convention at 0: derivative 0)."""
    return np.diag((x > 0).astype(np.float64))


# --8<-- [end:jacobian]


def away_from_kinks(x, margin=100 * EPS):
    """Move entries closer than margin to 0 out to +-margin: no step crosses 0."""
    return np.where(np.abs(x) < margin, np.copysign(margin, x), x)


def main():
    # --8<-- [start:check]
    x = np.array([-1.5, -0.3, 0.0, 0.4, 2.0])  # one entry sits on the kink
    J, J_num = jacobian_relu(x), numerical_jacobian(relu, x)
    print(f"at x = 0: finite difference {J_num[2, 2]:.1f}, formula {J[2, 2]:.1f}")
    #> at x = 0: finite difference 0.5, formula 0.0
    try:
        check_jacobian(J, relu, x)
        failed = False
    except AssertionError:
        failed = True
    print(f"the check fails at the kink, the formula is fine: {failed}")
    #> the check fails at the kink, the formula is fine: True

    rng = np.random.default_rng(0)
    x = away_from_kinks(rng.standard_normal(200))  # random inputs, kinks avoided
    check_jacobian(jacobian_relu(x), relu, x)
    print(f"away from the kink (|x| >= {100 * EPS:.0e}): the check passes")
    #> away from the kink (|x| >= 1e-04): the check passes
    # --8<-- [end:check]
    assert failed


if __name__ == "__main__":
    main()
