# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab: the (3, 3, 3) tensor
#
# This notebook is executed every time the site is built: the outputs below
# come from running it. Download it (the download button at the top right of
# this page; it is a [jupytext](https://jupytext.readthedocs.io) percent-format
# script) and run it as a script or open it as a notebook. It needs only NumPy.
#
# We build $J = \partial b / \partial W$ for $b = W a$, with $W$ of shape
# (3, 3) and $a$ of shape (3,), look at it from every side, and watch the
# upstream gradient $\mathrm{d}b = \partial L / \partial b$ (`db` in code)
# collapse it to $\mathrm{d}b\, a^\top$. The derivation is on the chapter
# page, *The Jacobian of b = W a*; here we poke at the numbers. Indices
# count from 1 in formulas and from 0 in NumPy: $b_1$ is `b[0]`.

# %%
import numpy as np

np.set_printoptions(precision=3, suppress=True)
a = np.array([1.0, 2.0, 3.0])
W = np.arange(1.0, 10.0).reshape(3, 3)
b = W @ a
print("b =", b)

# %% [markdown]
# ## Build it from the definition
#
# $J_{ijk} = \partial b_i / \partial W_{jk} = \delta_{ij}\, a_k$. With
# `np.eye(3)` as $\delta$, `einsum` writes the formula as it reads. Of the 27
# entries, 9 are non-zero: one row of $a$ per output.

# %%
delta = np.eye(3)
J = np.einsum("ij,k->ijk", delta, a)
print("shape:", J.shape)
print("non-zero entries:", np.count_nonzero(J), "of", J.size)

# %% [markdown]
# ## Slice by output: how one b_i moves with each weight
#
# The slice $J_{i\cdot\cdot}$ (`J[i - 1]`) is how $b_i$ moves with each
# $W_{jk}$. It has $a$ in row $i$ and zeros elsewhere: $b_i$ depends only on
# row $i$ of $W$.

# %%
for i in range(3):
    print(f"J[{i}] = d b_{i + 1} / dW =\n{J[i]}\n")

# %% [markdown]
# ## Slice by weight: which outputs one W_jk touches
#
# The slice $J_{\cdot jk}$ lists the outputs that $W_{jk}$ moves. Fix one
# weight, say $W_{2,3}$ (index `[1, 2]`): it moves only $b_2$, at rate
# $a_3 = 3$.

# %%
print("d b / d W[1, 2] =", J[:, 1, 2])

# %% [markdown]
# ## Check it against finite differences
#
# Nudge each $W_{jk}$ by $\pm h$ (`eps` in code) and take the central
# difference of the outputs. Since $b$ is linear in $W$, the central difference
# has no truncation error: the largest gap, printed below, is rounding error in
# $b$ divided by $2h$, of the order of $10^{-9}$, well inside the tolerance of
# the assertion.

# %%
eps = 1e-6
J_num = np.zeros((3, 3, 3))
for j in range(3):
    for k in range(3):
        step = np.zeros((3, 3))
        step[j, k] = eps
        J_num[:, j, k] = ((W + step) @ a - (W - step) @ a) / (2 * eps)
print(f"max |J - J_num| = {np.abs(J - J_num).max():.1e}")
assert np.allclose(J, J_num, atol=1e-8)

# %% [markdown]
# ## Contract with an upstream gradient
#
# For a loss $L$ with $\mathrm{d}b = \partial L / \partial b$, the chain rule
# sums over the output axis, axis 0 of $J$:
# $\mathrm{d}W_{jk} = \sum_i \mathrm{d}b_i\, J_{ijk} = \mathrm{d}b_j\, a_k$, the
# outer product `np.outer(db, a)`. The same contraction with
# $\partial b / \partial a = W$ gives $\mathrm{d}a = W^\top \mathrm{d}b$.

# %%
db = np.array([0.5, -1.0, 2.0])
dW_full = np.tensordot(db, J, axes=1)
print("tensordot(db, J):\n", dW_full)
print("np.outer(db, a):\n", np.outer(db, a))
assert np.allclose(dW_full, np.outer(db, a))
da_full = np.tensordot(db, W, axes=1)
print("tensordot(db, W) =", da_full, " W.T @ db =", W.T @ db)
assert np.allclose(da_full, W.T @ db)

# %% [markdown]
# ## Try it yourself
#
# Change the shapes: make $W$ of shape (2, 4) and $a$ of shape (4,). What is
# the shape of $J$ now, and how many of its entries are non-zero? (Answer:
# (2, 2, 4), with 8 of 16 non-zero: one row of $a$ per output. Axes 0 and 1
# have the length of $b$, axis 2 that of $a$.) The chapter page does the same
# for $W$ of shape (2, 3).

# %%
W2 = np.ones((2, 4))
a2 = np.arange(1.0, 5.0)
J2 = np.einsum("ij,k->ijk", np.eye(W2.shape[0]), a2)
print(J2.shape, np.count_nonzero(J2), "of", J2.size)
