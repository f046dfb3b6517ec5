"""PyTorch: a backward computes only the gradients ctx.needs_input_grad asks for."""

import numpy as np
import torch


def linear_forward(X, W, b):
    Y = X @ W + b
    return Y


# --8<-- [start:function]
class Linear(torch.autograd.Function):
    """Y = X W + b; backward skips the products nobody asked for."""

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
        need_X, need_W, need_b = ctx.needs_input_grad  # one flag per input
        dX = dY @ W.T if need_X else None  # the first layer's input: skipped
        dW = X.T @ dY if need_W else None
        db = dY.sum(axis=0) if need_b else None
        ctx.computed = [dV is not None for dV in (dX, dW, db)]  # for the check
        return dX, dW, db


# --8<-- [end:function]


def main():
    rng = np.random.default_rng(3)
    # --8<-- [start:check]
    X = torch.tensor(rng.standard_normal((8, 5)))  # data: no gradient wanted
    W, b = (
        torch.tensor(rng.standard_normal(shape), requires_grad=True)
        for shape in ((5, 4), (4,))
    )
    Y = Linear.apply(X, W, b)
    Y.backward(torch.tensor(rng.standard_normal((8, 4))))
    computed = Y.grad_fn.computed
    assert computed == [False, True, True], computed
    print(f"computed dX, dW, db: {computed}")
    #> computed dX, dW, db: [False, True, True]
    passed = torch.autograd.gradcheck(Linear.apply, (X, W, b))
    print(f"gradcheck with X constant: {passed}")
    #> gradcheck with X constant: True
    X.requires_grad_()
    passed = torch.autograd.gradcheck(Linear.apply, (X, W, b))
    print(f"gradcheck with X a variable: {passed}")
    #> gradcheck with X a variable: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
