"""Exercise: in float16 the best step is ~cbrt(1e-3) ~ 0.1 and the best error ~1e-2."""

import numpy as np

from snippets.checking_derivatives.step_size import max_error
from gradcheck import RTOL


def main():
    # --8<-- [start:check]
    u = np.finfo(np.float16).eps  # machine epsilon of float16
    best_eps, best_error = u ** (1 / 3), u ** (2 / 3)  # the error model's estimates
    print(
        f"float16: machine eps {u:.0e}, predicted {best_eps:.1f} and {best_error:.0e}"
    )
    #> float16: machine eps 1e-03, predicted 0.1 and 1e-02
    steps = [10.0**-k for k in range(0, 5)]  # 1 ... 1e-4
    errors = [max_error(np.float16, eps) for eps in steps]
    best = int(np.argmin(errors))
    print(f"measured: best eps {steps[best]:.0e}, error > 1e-3: {errors[best] > 1e-3}")
    #> measured: best eps 1e-01, error > 1e-3: True
    assert steps[best] == 0.1 and errors[best] > 1e3 * RTOL
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
