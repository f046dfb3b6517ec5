"""Error of a central difference ~ eps^2 (truncation) + machine_eps / eps (rounding)."""

import numpy as np

from gradcheck import ATOL, EPS, RTOL, numerical_jacobian


# --8<-- [start:sweep]
def central_derivative(x, eps):
    """d sin(x)/dx entry by entry; sin is elementwise, so one step moves every x_i."""
    return (np.sin(x + eps) - np.sin(x - eps)) / (2 * eps)


def max_error(dtype, eps):
    """Largest error over 1001 points in [0.1, 3], computed in dtype."""
    x = np.linspace(0.1, 3.0, 1001).astype(dtype)
    estimate = central_derivative(x, dtype(eps))
    return np.max(np.abs(estimate.astype(np.float64) - np.cos(x.astype(np.float64))))


# --8<-- [end:sweep]


def main():
    # --8<-- [start:check]
    steps = [10.0**-k for k in range(1, 13)]  # 1e-1 ... 1e-12
    for dtype in (np.float64, np.float32):
        machine_eps = np.finfo(dtype).eps
        errors = [max_error(dtype, eps) for eps in steps]
        best = steps[int(np.argmin(errors))]
        cbrt = machine_eps ** (1 / 3)
        print(f"{dtype.__name__}: cbrt(machine eps) {cbrt:.0e}, best eps {best:.0e}")
    #> float64: cbrt(machine eps) 6e-06, best eps 1e-05
    #> float32: cbrt(machine eps) 5e-03, best eps 1e-02

    err64 = max_error(np.float64, EPS)  # gradcheck's step, in float64
    print(f"float64, eps = {EPS:.0e}: error < 1e-9: {err64 < 1e-9}")
    #> float64, eps = 1e-06: error < 1e-9: True
    err32 = max_error(np.float32, EPS)  # the same step in float32
    print(f"float32, eps = {EPS:.0e}: error > 1e-3: {err32 > 1e-3}")
    #> float32, eps = 1e-06: error > 1e-3: True
    err32_best = min(max_error(np.float32, eps) for eps in steps)
    print(f"float32, best eps: error > RTOL = {RTOL:.0e}: {err32_best > RTOL}")
    #> float32, best eps: error > RTOL = 1e-06: True
    assert err64 < 1e-9 and err32 > 1e-3 and err32_best > RTOL + ATOL

    try:  # gradcheck refuses lower precision instead of failing mysteriously
        numerical_jacobian(np.sin, np.ones(3, dtype=np.float32))
        refused = False
    except TypeError:
        refused = True
    assert refused
    print(f"gradcheck refuses float32 input: {refused}")
    #> gradcheck refuses float32 input: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
