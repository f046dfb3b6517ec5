"""A pre-norm transformer block, forward and backward, from the chapters' own functions.

X0 = E[idx] + E_pos; X1 = X0 + MHA(LN1(X0)); X2 = X1 + MLP(LN2(X1)); Z = LN_f(X2) W_out
+ b_out; L = mean cross-entropy of Z against the next tokens. The backward calls each
chapter's backward in reverse; a residual adds the two gradients of its input.
"""

# --8<-- [start:imports]
import numpy as np
from activations_and_graphs.gelu import gelu_tanh_backward, gelu_tanh_forward
from attention.multi_head import (
    multi_head_attention_backward,
    multi_head_attention_forward,
)
from gradcheck import EPS, check_jacobian, check_vjp, human_bytes, vjp_from_jacobian
from indexing.embedding import embedding_backward, embedding_forward
from linear_layer.layer import linear_backward, linear_forward
from normalization.layernorm import layernorm_backward, layernorm_forward
from softmax_cross_entropy.cross_entropy import (
    cross_entropy_backward,
    cross_entropy_forward,
    log_softmax,
)

# --8<-- [end:imports]

SEED = 0


# --8<-- [start:data]
DIGITS, SEP = 10, 10  # tokens 0..9 are digits, token 10 separates: C = 11 classes
K_DIGITS = 8  # each sequence: 8 digits, SEP, the 8 digits reversed (17 tokens)


def reverse_task(rng, N):
    """N sequences d_1..d_8 SEP d_8..d_1: ids (N, 16) and next-token labels (N, 16)."""
    digits = rng.integers(0, DIGITS, size=(N, K_DIGITS))
    sep = np.full((N, 1), SEP)
    tokens = np.concatenate([digits, sep, digits[:, ::-1]], axis=1)  # (N, 17)
    idx, labels = tokens[:, :-1], tokens[:, 1:]  # label t_{n,i} = token i + 1
    return idx, labels


# --8<-- [end:data]


# --8<-- [start:params]
N_HEAD = 4  # heads; D_head = D / N_HEAD


def init_params(rng, C=11, T=16, D=32, M=128):
    """Every parameter of the model, by name; Gaussian weights, LayerNorms at (1, 0)."""
    normal = rng.standard_normal
    return {
        "E": 0.5 * normal((C, D)),  # token embedding: C rows, one per class
        "E_pos": 0.5 * normal((T, D)),  # learned position embedding, one row per i
        "gamma_1": np.ones(D),
        "beta_1": np.zeros(D),
        "W_q": normal((D, D)) / np.sqrt(D),
        "W_k": normal((D, D)) / np.sqrt(D),
        "W_v": normal((D, D)) / np.sqrt(D),
        "W_o": normal((D, D)) / np.sqrt(D),
        "gamma_2": np.ones(D),
        "beta_2": np.zeros(D),
        "W_1": normal((D, M)) / np.sqrt(D),
        "b_1": np.zeros(M),
        "W_2": normal((M, D)) / np.sqrt(M),
        "b_2": np.zeros(D),
        "gamma_f": np.ones(D),
        "beta_f": np.zeros(D),
        "W_out": normal((D, C)) / np.sqrt(D),
        "b_out": np.zeros(C),
    }


# --8<-- [end:params]


# --8<-- [start:forward]
def causal_mask(T):
    """(T, T), True where query i may attend to key j: j <= i."""
    return np.tril(np.ones((T, T), dtype=bool))


def block_forward(X0, p):
    """One pre-norm block on the residual stream X0 (N, T, D) -> X2 (N, T, D)."""
    N, T, D = X0.shape
    causal = causal_mask(T)  # query i sees keys j <= i
    Y1 = layernorm_forward(X0, p["gamma_1"], p["beta_1"])  # (N, T, D)
    Y2 = multi_head_attention_forward(
        Y1, p["W_q"], p["W_k"], p["W_v"], p["W_o"], N_HEAD, causal
    )
    X1 = X0 + Y2  # residual
    Y3 = layernorm_forward(X1, p["gamma_2"], p["beta_2"])
    U = linear_forward(Y3.reshape(N * T, D), p["W_1"], p["b_1"])  # (N T, M): 2-D
    H = gelu_tanh_forward(U)  # (N T, M)
    Y4 = linear_forward(H, p["W_2"], p["b_2"]).reshape(N, T, D)
    X2 = X1 + Y4  # residual
    return X2, (Y1, X1, Y3, U, H)  # what the backward reads


def transformer_forward(p, idx, labels):
    """Mean next-token cross-entropy L over all N T positions; ids, labels (N, T)."""
    N, T = idx.shape
    X0 = embedding_forward(p["E"], idx) + p["E_pos"]  # (N, T, D); E_pos broadcast
    X2, saved_block = block_forward(X0, p)
    Y5 = layernorm_forward(X2, p["gamma_f"], p["beta_f"])  # final LayerNorm
    Z = linear_forward(Y5.reshape(N * T, -1), p["W_out"], p["b_out"])  # (N T, C)
    L = cross_entropy_forward(Z, labels.reshape(N * T))  # mean over N T positions
    S = np.exp(log_softmax(Z))  # (N T, C), saved for the backward
    return L, (X0, saved_block, X2, Y5, S)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def block_jacobian(X0, p):
    """dX2/dX0 of the block, (N, T, D, N, T, D), one output entry at a time.

    Row (n, i, d): the backward pass of the upstream gradient 1 at (n, i, d), else 0.
    """
    X2, saved_block = block_forward(X0, p)
    J = np.zeros(X2.shape + X0.shape)
    for out in np.ndindex(X2.shape):  # one backward pass per output entry
        unit = np.zeros_like(X2)
        unit[out] = 1.0  # the upstream gradient of L = X2[out]
        J[out] = block_backward(unit, X0, p, saved_block)[0]
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def block_backward(dX2, X0, p, saved_block):
    """dX2 (N, T, D) -> dX0 (N, T, D) and the block's parameter gradients (a dict)."""
    Y1, X1, Y3, U, H = saved_block
    N, T, D = X0.shape
    causal = causal_mask(T)  # the forward's mask, again
    dY4 = dX2  # X2 = X1 + Y4: the sum passes dX2 to both terms
    dH, dW_2, db_2 = linear_backward(dY4.reshape(N * T, D), H, p["W_2"])
    dU = gelu_tanh_backward(dH, U)
    dY3, dW_1, db_1 = linear_backward(dU, Y3.reshape(N * T, D), p["W_1"])
    dX1_mlp, dgamma_2, dbeta_2 = layernorm_backward(
        dY3.reshape(N, T, D), X1, p["gamma_2"]
    )
    dX1 = dX2 + dX1_mlp  # X1 feeds the residual and the MLP branch: add
    dY2 = dX1  # X1 = X0 + Y2
    dY1, dW_q, dW_k, dW_v, dW_o = multi_head_attention_backward(
        dY2, Y1, p["W_q"], p["W_k"], p["W_v"], p["W_o"], N_HEAD, causal
    )
    dX0_attn, dgamma_1, dbeta_1 = layernorm_backward(dY1, X0, p["gamma_1"])
    dX0 = dX1 + dX0_attn  # X0 feeds the residual and the attention branch: add
    dp = {"gamma_1": dgamma_1, "beta_1": dbeta_1, "gamma_2": dgamma_2}
    dp |= {"beta_2": dbeta_2, "W_q": dW_q, "W_k": dW_k, "W_v": dW_v, "W_o": dW_o}
    dp |= {"W_1": dW_1, "b_1": db_1, "W_2": dW_2, "b_2": db_2}
    return dX0, dp


def transformer_backward(dL=1.0, *, p, idx, labels, saved):
    """Every parameter's gradient, by name: the forward's steps in reverse."""
    X0, saved_block, X2, Y5, S = saved
    N, T = idx.shape
    C, D = p["E"].shape
    dZ = cross_entropy_backward(dL, S=S, labels=labels.reshape(N * T))  # (N T, C)
    dY5, dW_out, db_out = linear_backward(dZ, Y5.reshape(N * T, D), p["W_out"])
    dX2, dgamma_f, dbeta_f = layernorm_backward(dY5.reshape(N, T, D), X2, p["gamma_f"])
    dX0, dp = block_backward(dX2, X0, p, saved_block)
    dE = embedding_backward(dX0, idx, C)  # scatter-add into the rows of E
    dE_pos = dX0.sum(axis=0)  # E_pos was broadcast over the batch: sum over n
    dp |= {"E": dE, "E_pos": dE_pos, "gamma_f": dgamma_f, "beta_f": dbeta_f}
    dp |= {"W_out": dW_out, "b_out": db_out}
    return dp


# --8<-- [end:backward]


# --8<-- [start:check_all]
def loss_and_gradients(p, idx, labels):
    """L and every parameter's gradient: one forward, one backward."""
    L, saved = transformer_forward(p, idx, labels)
    dp = transformer_backward(1.0, p=p, idx=idx, labels=labels, saved=saved)
    return L, dp


def check_all_gradients(p, idx, labels, rng, coords=3):
    """Every parameter: the dot-product test, and central differences on a few entries."""
    L, dp = loss_and_gradients(p, idx, labels)
    assert dp.keys() == p.keys(), "a parameter has no gradient"
    for name, value in p.items():  # L as a function of one parameter, the rest fixed

        def loss_of(v, name=name):
            return transformer_forward({**p, name: v}, idx, labels)[0]

        check_vjp(loss_of, lambda dL, name=name: dL * dp[name], value, rng)
        for flat in rng.choice(value.size, size=min(coords, value.size), replace=False):
            j = np.unravel_index(flat, value.shape)  # one entry of this parameter
            step = np.zeros_like(value)
            step[j] = EPS
            fd = (loss_of(value + step) - loss_of(value - step)) / (2 * EPS)
            np.testing.assert_allclose(dp[name][j], fd, rtol=1e-6, atol=1e-9)
    return L


# --8<-- [end:check_all]


def main():
    rng = np.random.default_rng(SEED)
    # --8<-- [start:jacobian_check]
    p_tiny = init_params(rng, C=11, T=4, D=8, M=32)  # 4 heads of width D_head = 2
    X0 = rng.standard_normal((1, 4, 8))  # N = 1, T = 4, D = 8
    J = block_jacobian(X0, p_tiny)
    check_jacobian(J, lambda X_: block_forward(X_, p_tiny)[0], X0)  # central diff.
    print(f"dX2/dX0: shape {J.shape}, 32 backward passes == central differences")
    #> dX2/dX0: shape (1, 4, 8, 1, 4, 8), 32 backward passes == central differences
    tile = np.abs(J[0, :, :, 0]).max(axis=(1, 3))  # [i, j]: largest |dX2_i. / dX0_j.|
    future = tile[np.triu_indices(4, k=1)]  # j > i: key positions after the query
    print(
        f"blocks with j > i all zero: {not future.any()}; with j <= i non-zero: "
        f"{tile[np.tril_indices(4)].all()}"
    )
    #> blocks with j > i all zero: True; with j <= i non-zero: True
    assert not future.any()
    dX2 = rng.standard_normal(X0.shape)  # a random upstream gradient
    dX0 = block_backward(dX2, X0, p_tiny, block_forward(X0, p_tiny)[1])[0]
    np.testing.assert_allclose(dX0, vjp_from_jacobian(dX2, J), rtol=1e-12, atol=1e-14)
    print("dX2 contracted with J == block_backward(dX2): True")
    #> dX2 contracted with J == block_backward(dX2): True
    # --8<-- [end:jacobian_check]

    # --8<-- [start:check]
    idx, labels = reverse_task(rng, N=16)  # the training batch's size
    p = init_params(rng)  # C = 11, T = 16, D = 32, M = 128
    for name in ("gamma_1", "beta_1", "gamma_2", "beta_2", "gamma_f", "beta_f"):
        p[name] = p[name] + 0.1 * rng.standard_normal(p[name].shape)  # not 1 and 0
    L = check_all_gradients(p, idx, labels, rng)  # raises AssertionError if wrong
    print(f"L = {L:.4f} at initialisation (log 11 = {np.log(11):.4f})")
    #> L = 3.0601 at initialisation (log 11 = 2.3979)
    print(f"{len(p)} arrays, {sum(v.size for v in p.values()):,} numbers: all checked")
    #> 18 arrays, 13,867 numbers: all checked
    # --8<-- [end:check]

    # --8<-- [start:cost]
    n_params = sum(v.size for v in p.values())
    _, saved = transformer_forward(p, idx, labels)
    X0, (Y1, X1, Y3, U, H), X2, Y5, S = saved
    n_saved = sum(A.size for A in (X0, Y1, X1, Y3, U, H, X2, Y5, S))
    print(f"gradient (every parameter once): {human_bytes(8 * n_params)}")
    #> gradient (every parameter once): 108 KiB
    print(f"activations the backward reads: {human_bytes(8 * n_saved)}")
    #> activations the backward reads: 918 KiB
    print(f"full Jacobian dZ/dparameters: {human_bytes(8 * S.size * n_params)}")
    #> full Jacobian dZ/dparameters: 298 MiB
    C, T, D, M = 50257, 1024, 768, 3072  # GPT-2 small: 12 blocks like this one
    # one block: W_q..W_o and their biases (this block has none), the MLP, 2 LayerNorms
    per_block = 4 * D * D + 4 * D + D * M + M + M * D + D + 4 * D
    gpt2 = C * D + T * D + 12 * per_block + 2 * D  # output projection tied to E
    assert gpt2 == 124_439_808
    print(f"GPT-2 small: {gpt2:,} parameters, gradient {human_bytes(4 * gpt2)}")
    #> GPT-2 small: 124,439,808 parameters, gradient 475 MiB
    print(f"its dZ/dparameters, 8 x 1024 tokens: {human_bytes(4 * 8 * T * C * gpt2)}")
    #> its dZ/dparameters, 8 x 1024 tokens: 182 PiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
