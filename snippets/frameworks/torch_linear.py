"""PyTorch: Y = X W + b as a torch.autograd.Function whose backward is the site's."""

import numpy as np
import torch


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """X (N, D), W (D, M), b (M,) -> Y (N, M). Keep X and W: backward needs them."""
    Y = X @ W + b
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dY = dL/dY (N, M) -> dX (N, D), dW (D, M), db (M,): the shapes of X, W, b."""
    dX = dY @ W.T  # (N, M) @ (M, D): sums over the output index m
    dW = X.T @ dY  # (D, N) @ (N, M): sums over the batch index n
    db = dY.sum(axis=0)  # (N, M) -> (M,): sums over the batch index n
    return dX, dW, db


# --8<-- [end:backward]


# --8<-- [start:function]
class Linear(torch.autograd.Function):
    """Y = X W + b, differentiated by linear_backward instead of by autograd."""

    @staticmethod
    def forward(X, W, b):  # no ctx: the forward only computes
        return linear_forward(X, W, b)

    @staticmethod
    def setup_context(ctx, inputs, output):  # what backward will need
        X, W, _ = inputs  # b: backward does not need it
        ctx.save_for_backward(X, W)  # tensors go here; anything else on ctx

    @staticmethod
    def backward(ctx, dY):  # one gradient per input of forward, in order
        X, W = ctx.saved_tensors
        return linear_backward(dY, X, W)


# --8<-- [end:function]


def main():
    rng = np.random.default_rng(3)
    N, D, M = 8, 5, 5  # a square W on purpose, as on the linear layer page
    # --8<-- [start:check]
    X, W, b = (
        torch.tensor(rng.standard_normal(shape), requires_grad=True)  # float64
        for shape in ((N, D), (D, M), (M,))
    )
    Y = Linear.apply(X, W, b)
    dY = torch.tensor(rng.standard_normal((N, M)))  # a random upstream gradient
    dX, dW, db = torch.autograd.grad(Y, (X, W, b), grad_outputs=dY)
    print(f"Y {tuple(Y.shape)} {Y.dtype}, grad_fn {type(Y.grad_fn).__name__}")
    #> Y (8, 5) torch.float64, grad_fn LinearBackward
    # the same numbers as PyTorch's own derivative of X @ W + b
    expected = torch.autograd.grad(X @ W + b, (X, W, b), grad_outputs=dY)
    same = all(
        torch.allclose(a, e) for a, e in zip((dX, dW, db), expected, strict=True)
    )
    assert same, "Linear's backward disagrees with autograd"
    print(f"dX, dW, db equal autograd's: {same}")
    #> dX, dW, db equal autograd's: True
    # finite differences against backward, every input, in float64
    passed = torch.autograd.gradcheck(Linear.apply, (X, W, b))
    print(f"torch.autograd.gradcheck in float64: {passed}")
    #> torch.autograd.gradcheck in float64: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
