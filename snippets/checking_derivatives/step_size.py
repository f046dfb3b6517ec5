"""Central-difference error ~ h^2 (truncation) + machine eps / h (rounding), for a step h."""

import numpy as np
from gradcheck import ATOL, EPS, RTOL, check_gradient, numerical_jacobian


def relative_error(analytic, numerical):
    """max |analytic - numerical| / (|numerical| + ATOL/RTOL): passes if <= RTOL."""
    return np.max(np.abs(analytic - numerical) / (np.abs(numerical) + ATOL / RTOL))


# --8<-- [start:sweep]
def central_derivative(x, eps):
    """d sin(x)/dx entry by entry; sin is elementwise, so one step moves every x_i."""
    return (np.sin(x + eps) - np.sin(x - eps)) / (2 * eps)


def max_error(dtype, eps):
    """Relative error on 1001 points in [0.1, 1.2] (cos x from 0.36 to 1), in dtype."""
    x = np.linspace(0.1, 1.2, 1001).astype(dtype)
    estimate = central_derivative(x, dtype(eps)).astype(np.float64)
    return relative_error(np.cos(x.astype(np.float64)), estimate)


# --8<-- [end:sweep]


def main():
    # --8<-- [start:check]
    steps = [10.0**-k for k in range(1, 13)]  # h from 1e-1 to 1e-12
    errors = {dt: [max_error(dt, h) for h in steps] for dt in (np.float64, np.float32)}
    print("h       " + " ".join(f"{h:.0e}" for h in steps))
    #> h       1e-01 1e-02 1e-03 1e-04 1e-05 1e-06 1e-07 1e-08 1e-09 1e-10 1e-11 1e-12
    for dtype, errs in errors.items():
        print(f"{dtype.__name__} " + " ".join(f"{e:.0e}" for e in errs))
    #> float64 2e-03 2e-05 2e-07 2e-09 3e-11 2e-10 2e-09 2e-08 2e-07 1e-06 1e-05 2e-04
    #> float32 2e-03 2e-05 1e-04 8e-04 9e-03 1e-01 6e-01 1e+02 1e+02 1e+02 1e+02 1e+02

    kept = {}
    for dtype, errs in errors.items():
        machine_eps = np.finfo(dtype).eps
        best = int(np.argmin(errs))
        kept[dtype] = np.log10(errs[best]) / np.log10(machine_eps)
        print(
            f"{dtype.__name__}: best h {steps[best]:.0e}, cbrt(eps) "
            f"{machine_eps ** (1 / 3):.0e}; error {errs[best]:.0e}, eps^(2/3) "
            f"{machine_eps ** (2 / 3):.0e}"
        )
    #> float64: best h 1e-05, cbrt(eps) 6e-06; error 3e-11, eps^(2/3) 4e-11
    #> float32: best h 1e-02, cbrt(eps) 5e-03; error 2e-05, eps^(2/3) 2e-05
    # significant digits kept: log10(error) / log10(eps), about two thirds
    print(
        f"digits kept: float64 {kept[np.float64]:.2f}, float32 {kept[np.float32]:.2f}"
    )
    #> digits kept: float64 0.67, float32 0.67
    assert all(0.6 < k < 0.75 for k in kept.values())

    x32 = np.linspace(0.1, 1.2, 1001).astype(np.float32)
    for h in (1e-8, 1e-9):  # x + h and x - h round back to x: the estimate is 0
        zero = central_derivative(x32, np.float32(h)) == 0
        print(
            f"float32, h = {h:.0e}: estimate 0 at {zero.sum()} of {zero.size} points, "
            f"all x >= {x32[zero].min():.2f}"
        )
    #> float32, h = 1e-08: estimate 0 at 864 of 1001 points, all x >= 0.25
    #> float32, h = 1e-09: estimate 0 at 1001 of 1001 points, all x >= 0.10

    err64 = max_error(np.float64, EPS)  # gradcheck's step, in float64
    print(f"float64, h = {EPS:.0e}: error < 1e-9: {err64 < 1e-9}")
    #> float64, h = 1e-06: error < 1e-9: True
    err32 = max_error(np.float32, EPS)  # the same step in float32
    print(f"float32, h = {EPS:.0e}: error > 1e-3: {err32 > 1e-3}")
    #> float32, h = 1e-06: error > 1e-3: True
    err32_best = min(errors[np.float32])
    print(f"float32, best h: error > RTOL = {RTOL:.0e}: {err32_best > RTOL}")
    #> float32, best h: error > RTOL = 1e-06: True
    fail64 = [h for h, e in zip(steps, errors[np.float64], strict=True) if e > RTOL]
    print("float64 steps that fail RTOL: " + " ".join(f"{h:.0e}" for h in fail64))
    #> float64 steps that fail RTOL: 1e-01 1e-02 1e-10 1e-11 1e-12
    assert err64 < 1e-9 and err32 > 1e-3 and err32_best > RTOL

    try:  # gradcheck refuses lower precision instead of failing mysteriously
        numerical_jacobian(np.sin, np.ones(3, dtype=np.float32))
        refused = False
    except TypeError:
        refused = True
    assert refused
    print(f"gradcheck refuses float32 input: {refused}")
    #> gradcheck refuses float32 input: True
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    rng = np.random.default_rng(0)
    x, W = rng.standard_normal(3), rng.standard_normal((3, 3))
    W32 = W.astype(np.float32)  # a float32 weight, mixed into float64 arithmetic
    dx = W32 @ np.cos(x @ W32)  # L = sum_m sin((x W)_m): dx = W cos(x W)
    check_gradient(dx, lambda x_: np.sum(np.sin(x_ @ W32)), x)  # promoted: passes
    print(f"x @ W32 with x float64: {(x @ W32).dtype}, the check passes")
    #> x @ W32 with x float64: float64, the check passes
    try:  # a cast inside f computes f in float32, whatever x is
        check_gradient(dx, lambda x_: np.sum(np.sin(x_.astype(np.float32) @ W32)), x)
        failed = False
    except AssertionError:
        failed = True
    print(f"with x.astype(np.float32) inside f, the check fails: {failed}")
    #> with x.astype(np.float32) inside f, the check fails: True
    # --8<-- [end:pitfall]
    assert failed


if __name__ == "__main__":
    main()
