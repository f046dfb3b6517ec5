"""For y = einsum("i,ij,j->", x, A, x) = x^T A x: dx = dy (A x + A^T x), dA = dy x x^T."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def quadratic_form_forward(x, A):
    """y = sum_ij x_i A_ij x_j: x fills two slots of one einsum."""
    y = np.einsum("i,ij,j->", x, A, x)
    return y


# --8<-- [end:forward]


# --8<-- [start:backward]
def quadratic_form_backward(dy, x, A):
    """dy () -> dx (D,), dA (D, D): one rewritten einsum per slot, summed for x."""
    dx_slot1 = np.einsum(",ij,j->i", dy, A, x)  # the rule for slot 1: A x
    dx_slot2 = np.einsum(",i,ij->j", dy, x, A)  # the rule for slot 3: A^T x
    dx = dx_slot1 + dx_slot2  # x was used twice: its two gradients add up
    dA = np.einsum(",i,j->ij", dy, x, x)  # dy x x^T
    return dx, dA


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    D = 4
    x, A = rng.standard_normal(D), rng.standard_normal((D, D))  # A not symmetric
    dy = rng.standard_normal()  # a random upstream gradient
    # --8<-- [start:check]
    dx, dA = quadratic_form_backward(dy, x, A)
    np.testing.assert_allclose(dx, dy * (A + A.T) @ x, rtol=1e-12)
    check_gradient(dx, lambda x_: dy * quadratic_form_forward(x_, A), x)
    check_gradient(dA, lambda A_: dy * quadratic_form_forward(x, A_), A)
    print(f"dx {dx.shape} == dy (A + A^T) x, dA {dA.shape} == dy x x^T: True")
    #> dx (4,) == dy (A + A^T) x, dA (4, 4) == dy x x^T: True
    one_slot = np.einsum(",ij,j->i", dy, A, x)  # forgetting the second slot
    print(f"one slot only, A x: right? {np.allclose(one_slot, dx)}")
    #> one slot only, A x: right? False
    A_sym = A + A.T  # symmetric: the two slots give the same gradient
    dx_sym, _ = quadratic_form_backward(dy, x, A_sym)
    one_slot = np.einsum(",ij,j->i", dy, A_sym, x)
    np.testing.assert_allclose(one_slot, dx_sym / 2, rtol=1e-12)
    print("symmetric A: one slot only is half of dx: True")
    #> symmetric A: one slot only is half of dx: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
