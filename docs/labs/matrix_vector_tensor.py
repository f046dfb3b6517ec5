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
# come from running it. Download it (the download button at the top right of this page; it is a
# [jupytext](https://jupytext.readthedocs.io) percent-format script) and run it
# as a script or open it as a notebook.
#
# We build $J = \partial b / \partial W$ for $b = W a$, with $W$ of shape
# (3, 3) and $a$ of shape (3,), look at it from every side, and watch the
# upstream gradient collapse it to $g a^\top$. The derivation is on the
# chapter page; here we poke at the numbers.

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
# `np.eye(3)` as $\delta$, `einsum` writes the formula as it reads.

# %%
delta = np.eye(3)
J = np.einsum("ij,k->ijk", delta, a)
print("shape:", J.shape)
print("non-zero entries:", np.count_nonzero(J), "of", J.size)

# %% [markdown]
# ## Slice by output: how one b_i moves with each weight
#
# The slice $J_{i\cdot\cdot}$ is how $b_i$ moves with each $W_{jk}$. Slice $i$ has $a$ in row $i$ and zeros elsewhere: $b_i$ only depends on
# row $i$ of $W$.

# %%
for i in range(3):
    print(f"J[{i}] = d b_{i + 1} / dW =\n{J[i]}\n")

# %% [markdown]
# ## Slice by weight: which outputs one W_jk touches
#
# The slice $J_{\cdot jk}$ lists the outputs that $W_{jk}$ moves. Fix one weight, say $W_{2,3}$ (indices `[1, 2]`): it moves only $b_2$, at
# rate $a_3$.

# %%
print("d b / d W[1, 2] =", J[:, 1, 2])

# %% [markdown]
# ## Check it against finite differences
#
# Nudge each $W_{jk}$ by $\pm\varepsilon$ and difference the outputs.

# %%
eps = 1e-6
J_num = np.zeros((3, 3, 3))
for j in range(3):
    for k in range(3):
        step = np.zeros((3, 3))
        step[j, k] = eps
        J_num[:, j, k] = ((W + step) @ a - (W - step) @ a) / (2 * eps)
print("max |J - J_num| =", np.abs(J - J_num).max())
assert np.allclose(J, J_num, atol=1e-8)

# %% [markdown]
# ## Contract with an upstream gradient
#
# For a loss $L$ with $g = \partial L / \partial b$, the chain rule sums over
# the output axis: $\partial L / \partial W_{jk} = \sum_i g_i J_{ijk} = g_j a_k$.

# %%
g = np.array([0.5, -1.0, 2.0])
dW_full = np.tensordot(g, J, axes=1)
print("tensordot(g, J):\n", dW_full)
print("np.outer(g, a):\n", np.outer(g, a))
assert np.allclose(dW_full, np.outer(g, a))

# %% [markdown]
# ## Try it yourself
#
# Change the shapes: make $W$ of shape (2, 4) and $a$ of shape (4,). What is
# the shape of $J$ now, and how many of its entries are non-zero? (Answer:
# (2, 2, 4), with 8 of 16 non-zero: one row of $a$ per output.)

# %%
W2 = np.ones((2, 4))
a2 = np.arange(1.0, 5.0)
J2 = np.einsum("ij,k->ijk", np.eye(2), a2)
print(J2.shape, np.count_nonzero(J2), "of", J2.size)
