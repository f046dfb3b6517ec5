"""Exercise: in float16 the best step is ~cbrt(1e-3) ~ 0.1 and the best error ~1e-2."""

import numpy as np
from gradcheck import ATOL, RTOL


def relative_error(analytic, numerical):
    """max |analytic - numerical| / (|numerical| + ATOL/RTOL), as in step_size.py."""
    return np.max(np.abs(analytic - numerical) / (np.abs(numerical) + ATOL / RTOL))


def max_error(dtype, eps):
    """The step-size snippet's sweep: central differences of sin, computed in dtype."""
    x = np.linspace(0.1, 1.2, 1001).astype(dtype)
    h = dtype(eps)
    estimate = ((np.sin(x + h) - np.sin(x - h)) / (2 * h)).astype(np.float64)
    return relative_error(np.cos(x.astype(np.float64)), estimate)


def main():
    # --8<-- [start:check]
    machine_eps = np.finfo(np.float16).eps  # 2**-10, about 9.8e-4
    best_h, best_error = machine_eps ** (1 / 3), machine_eps ** (2 / 3)  # the model
    print(
        f"float16: eps {machine_eps:.1e}, predicted h {best_h:.1f}, error {best_error:.0e}"
    )
    #> float16: eps 9.8e-04, predicted h 0.1, error 1e-02
    steps = [10.0**-k for k in range(0, 5)]  # h from 1 to 1e-4
    errors = [max_error(np.float16, h) for h in steps]
    best = int(np.argmin(errors))
    print(f"measured: best h {steps[best]:.0e}, error {errors[best]:.0e}")
    #> measured: best h 1e-01, error 1e-02
    print(f"the best error passes RTOL = {RTOL:.0e}: {errors[best] <= RTOL}")
    #> the best error passes RTOL = 1e-06: False
    assert steps[best] == 0.1 and errors[best] > 1e3 * RTOL
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
