"""PyTorch: the cross-entropy's dZ = dL (S - T) / N, with None for the integer labels."""

import numpy as np
import torch


# --8<-- [start:forward]
def cross_entropy_forward(Z, labels):
    """Integer labels (N,): L = -(1/N) sum_n logS[n, t_n]."""
    N = Z.shape[0]
    L = -torch.log_softmax(Z, dim=1)[torch.arange(N), labels].mean()
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def cross_entropy_backward(dL=1.0, *, S, labels):
    """dZ = dL (S - T) / N, with the one-hot T never built (CS231n, makemore)."""
    N = S.shape[0]
    dZ = S.clone()  # NumPy's S.copy()
    dZ[torch.arange(N), labels] -= 1.0  # subtract the one-hot at the correct class
    dZ *= dL / N
    return dZ


# --8<-- [end:backward]


# --8<-- [start:function]
class CrossEntropy(torch.autograd.Function):
    """The mean cross-entropy of the logits Z (N, C) and integer labels (N,)."""

    @staticmethod
    def forward(Z, labels):
        return cross_entropy_forward(Z, labels)

    @staticmethod
    def setup_context(ctx, inputs, output):
        Z, labels = inputs
        ctx.save_for_backward(Z, labels)  # labels is a tensor too: save it here

    @staticmethod
    def backward(ctx, dL):
        Z, labels = ctx.saved_tensors
        S = torch.softmax(Z, dim=1)  # recomputed: setup_context only stores
        return cross_entropy_backward(dL, S=S, labels=labels), None  # None: labels


# --8<-- [end:function]


def main():
    rng = np.random.default_rng(0)
    N, C = 6, 4
    # --8<-- [start:check]
    Z = torch.tensor(rng.standard_normal((N, C)), requires_grad=True)  # float64
    labels = torch.tensor(rng.integers(0, C, size=N))  # int64: no gradient
    L = CrossEntropy.apply(Z, labels)
    (dZ,) = torch.autograd.grad(L, Z)
    print(f"L {tuple(L.shape)}, dZ {tuple(dZ.shape)}, labels {labels.dtype}")
    #> L (), dZ (6, 4), labels torch.int64
    (expected,) = torch.autograd.grad(torch.nn.functional.cross_entropy(Z, labels), Z)
    same = torch.allclose(dZ, expected)
    assert same, "CrossEntropy's backward disagrees with F.cross_entropy's"
    print(f"dZ equals autograd's for F.cross_entropy: {same}")
    #> dZ equals autograd's for F.cross_entropy: True
    # gradcheck perturbs the inputs that require a gradient: Z, not the labels
    passed = torch.autograd.gradcheck(CrossEntropy.apply, (Z, labels))
    print(f"torch.autograd.gradcheck in float64: {passed}")
    #> torch.autograd.gradcheck in float64: True
    # S recomputed in backward: the second derivatives work too
    passed = torch.autograd.gradgradcheck(CrossEntropy.apply, (Z, labels))
    print(f"torch.autograd.gradgradcheck in float64: {passed}")
    #> torch.autograd.gradgradcheck in float64: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
