"""PyTorch custom Functions: the mistakes readers report, each error, and its fix."""

import warnings

import numpy as np
import torch


def error_message(action, key):
    """Run action, which must raise; 'Type: ...key...' once the message holds key."""
    try:
        action()
    except Exception as err:
        assert key in str(err), f"{key!r} is not in the message: {err}"
        return f"{type(err).__name__}: ...{key}..."
    raise AssertionError("no error was raised")


def linear_forward(X, W, b):
    Y = X @ W + b
    return Y


# --8<-- [start:count]
class LinearTwoGradients(torch.autograd.Function):
    @staticmethod
    def forward(X, W, b):
        return linear_forward(X, W, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        X, W, _ = inputs  # b: backward does not need it
        ctx.save_for_backward(X, W)

    @staticmethod
    def backward(ctx, dY):
        X, W = ctx.saved_tensors
        return dY @ W.T, X.T @ dY  # db forgotten: three inputs, two gradients


def show_count(X, W, b):
    Y = LinearTwoGradients.apply(X, W, b)
    key = "returned an incorrect number of gradients (expected 3, got 2)"
    print(error_message(lambda: Y.sum().backward(), key))
    #> RuntimeError: ...returned an incorrect number of gradients (expected 3, got 2)...


# --8<-- [end:count]


# --8<-- [start:not_a_tensor]
class Scale(torch.autograd.Function):
    """Y = alpha X for a Python float alpha: a non-differentiable argument."""

    @staticmethod
    def forward(X, alpha):
        return alpha * X

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, alpha = inputs
        ctx.alpha = alpha  # not a tensor: an attribute of ctx

    @staticmethod
    def backward(ctx, dY):
        return ctx.alpha * dY, None  # one entry per input: None for alpha


class ScaleSavingAlpha(Scale):
    @staticmethod
    def setup_context(ctx, inputs, output):
        _, alpha = inputs
        ctx.save_for_backward(alpha)  # wrong: save_for_backward takes tensors only


class ScaleGradientForAlpha(Scale):
    @staticmethod
    def backward(ctx, dY):
        return ctx.alpha * dY, torch.tensor(0.0)  # wrong: a gradient for a float


def show_not_a_tensor(X):
    key = "can only save variables, but argument 0 is of type float"
    print(error_message(lambda: ScaleSavingAlpha.apply(X, 2.5), key))
    #> TypeError: ...can only save variables, but argument 0 is of type float...
    Y = ScaleGradientForAlpha.apply(X, 2.5)
    key = "returned a gradient different than None at position 2"
    print(error_message(lambda: Y.sum().backward(), key))
    #> RuntimeError: ...returned a gradient different than None at position 2...
    passed = torch.autograd.gradcheck(lambda X_: Scale.apply(X_, 2.5), (X,))
    print(f"Scale, with None for alpha: gradcheck {passed}")
    #> Scale, with None for alpha: gradcheck True


# --8<-- [end:not_a_tensor]


class Linear(torch.autograd.Function):
    @staticmethod
    def forward(X, W, b):
        return linear_forward(X, W, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        X, W, _ = inputs  # b: backward does not need it
        ctx.save_for_backward(X, W)

    @staticmethod
    def backward(ctx, dY):
        X, W = ctx.saved_tensors
        return dY @ W.T, X.T @ dY, dY.sum(axis=0)  # right


# --8<-- [start:float32]
def show_float32(X, W, b):
    inputs32 = [V.detach().float().requires_grad_() for V in (X, W, b)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        key = "Jacobian mismatch for output 0 with respect to input"
        print(
            error_message(lambda: torch.autograd.gradcheck(Linear.apply, inputs32), key)
        )
        #> GradcheckError: ...Jacobian mismatch for output 0 with respect to input...
    warned = any("not a double precision" in str(w.message) for w in caught)
    assert warned, "gradcheck no longer warns about float32 inputs"
    print(f"it warned first, 'not a double precision floating point': {warned}")
    #> it warned first, 'not a double precision floating point': True
    passed = torch.autograd.gradcheck(Linear.apply, (X, W, b))
    print(f"the same backward in float64: {passed}")
    #> the same backward in float64: True


# --8<-- [end:float32]


def main():
    rng = np.random.default_rng(3)
    X, W, b = (
        torch.tensor(rng.standard_normal(shape), requires_grad=True)
        for shape in ((4, 3), (3, 5), (5,))
    )
    show_count(X, W, b)
    show_not_a_tensor(X)
    show_float32(X, W, b)


if __name__ == "__main__":
    main()
