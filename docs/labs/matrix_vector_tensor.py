# %% [markdown]
# # Lab: the (3, 3, 3) tensor
#
# Inline $\delta_{ij} a_k$.

# %%
import numpy as np

print(np.eye(3))
