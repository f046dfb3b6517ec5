"""Every backward on the site against PyTorch's autograd: the second proof.

Each chapter proves its formulas with finite differences. This file proves them
again, independently: for every function in a snippet's ``backward`` section
(found as tests/test_backward_signature.py finds them), TABLE holds

* ``make``: small float64 random inputs of the page's forward, by its parameter
  names (a list of such dicts where a function has several cases: masks, strides);
* ``torch``: the same forward written again with PyTorch's own operations
  (F.conv2d, F.layer_norm, F.scaled_dot_product_attention, torch.lstm, ...),
  never calling the NumPy code;
* ``numpy``: how the page's backward is called, with what the forward saved;
* ``wrt``: the inputs whose gradients it returns, in its order.

The test checks that the PyTorch forward computes the page's forward (so that
the two backward passes differentiate the same function), draws a seeded random
upstream gradient (never all ones; a random scalar dL for a loss), and compares
the page's backward with ``torch.autograd.grad`` to rtol 1e-10, atol 1e-12.

A function in a backward section with no row fails test_every_backward_has_a_row,
naming it. NO_TORCH_EQUIVALENT lists the functions left out, each with its
reason (none at present). Without PyTorch the comparisons skip with one line,
and fail under REQUIRE_FRAMEWORKS=1 (tests/frameworks.py).
"""

import ast
import importlib
import inspect
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

from snippets.activations_and_graphs.gelu import gelu_tanh_derivative
from snippets.attention.attention import attention_weights
from tests.discover import sections
from tests.frameworks import require
from tests.test_backward_signature import BACKWARDS, functions, rel

RTOL, ATOL = 1e-10, 1e-12
NOT_COMPARED = ("snippets/frameworks/",)  # PyTorch and JAX themselves, not NumPy

torch = F = None  # PyTorch is optional: the `frameworks` fixture imports it or skips


def discovered():
    """{"chapter/file.py:op_backward"}: every function in a backward section."""
    found = set()
    for path in BACKWARDS:
        if rel(path).startswith(NOT_COMPARED):
            continue
        first, last = sections(path)["backward"]
        for fn in functions(ast.parse(path.read_text(encoding="utf-8"))).values():
            if first < fn.lineno < last:
                found.add(f"{rel(path).removeprefix('snippets/')}:{fn.name}")
    return found


@dataclass(frozen=True)
class Row:
    make: Callable  # rng -> {input name: value}, or a list of them (one per case)
    torch: Callable  # {input name: tensor} -> the output (a tuple if several)
    numpy: Callable  # (backward, dOut, inputs, module) -> the gradients
    wrt: tuple  # the inputs whose gradients the backward returns, in its order
    forward: Callable | None = None  # (inputs, module) -> the page's forward output
    rtol: float = RTOL
    atol: float = ATOL


# ---------------------------------------------------------------- row builders


def normal(rng, **shapes):
    """{name: standard normal array of that shape}."""
    return {name: rng.standard_normal(shape) for name, shape in shapes.items()}


def invertible(rng, D):
    """A well-conditioned (D, D) matrix: the identity's multiple plus noise."""
    return 3.0 * np.eye(D) + rng.standard_normal((D, D))


def one_hot(rng, N, C):
    labels = rng.integers(0, C, N)
    return labels, np.eye(C)[labels]


def with_ties(rng, shape):
    """Two inputs for a max: continuous (no ties), and small integers (many ties).

    At a tie the page sends the gradient to the first maximum (np.argmax), as
    torch.max(dim) and PyTorch's max-pool kernels do; torch.amax splits it equally.
    """
    return [rng.standard_normal(shape), rng.integers(0, 3, shape).astype(float)]


def takes(*names):
    """backward(dOut, inputs[name], ...): the saved inputs, by position."""
    return lambda f, d, a, m: f(d, *(a[name] for name in names))


def loss_takes(*names):
    """backward(dL, name=inputs[name], ...): a loss's saved arrays, by keyword."""
    return lambda f, d, a, m: f(d, **{name: a[name] for name in names})


def softmax_np(Z):
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def linear(wrt=("X", "W", "b")):
    """Y = X W + b (PyTorch's F.linear keeps W as (M, D): W^T)."""
    return Row(
        make=lambda r: normal(r, X=(4, 3), W=(3, 2), b=(2,)),
        torch=lambda t: F.linear(t["X"], t["W"].T, t["b"]),
        numpy=takes("X", "W"),
        wrt=wrt,
    )


def matmul(N=4, D=3, M=2):
    """Y = X W, no bias."""
    return Row(
        make=lambda r: normal(r, X=(N, D), W=(D, M)),
        torch=lambda t: torch.mm(t["X"], t["W"]),
        numpy=takes("X", "W"),
        wrt=("X", "W"),
    )


def elementwise(torch_fn, reads_Y_of=None, scale=2.0):
    """Y = f(X) entry by entry; the backward reads X, or the output Y of the page's
    forward named reads_Y_of (relu_forward, ...)."""

    def numpy(f, d, a, m):
        if reads_Y_of is None:
            return f(d, a["X"])
        return f(d, getattr(m, reads_Y_of)(a["X"]))

    return Row(
        make=lambda r: {"X": scale * r.standard_normal((4, 5))},
        torch=lambda t: torch_fn(t["X"]),
        numpy=numpy,
        wrt=("X",),
    )


def relu_U():
    """mlp_by_hand and modes: H = max(U, 0), backward(dH, U)."""
    return Row(
        make=lambda r: normal(r, U=(4, 5)),
        torch=lambda t: torch.relu(t["U"]),
        numpy=takes("U"),
        wrt=("U",),
    )


def softmax_ce_onehot(labels_in_torch=True):
    """L = mean cross-entropy of softmax(Z) against one-hot T; backward(dL, S=, T=)."""

    def make(r):
        labels, T = one_hot(r, 5, 4)
        return {"Z": 2.0 * r.standard_normal((5, 4)), "T": T, "labels": labels}

    return Row(
        make=make,
        torch=lambda t: F.cross_entropy(
            t["Z"], t["labels"] if labels_in_torch else t["T"]
        ),
        numpy=lambda f, d, a, m: f(d, S=softmax_np(a["Z"]), T=a["T"]),
        wrt=("Z",),
    )


def loss_YT(torch_fn):
    """A regression loss L(Y, T); backward(dL, Y=, T=)."""
    return Row(
        make=lambda r: normal(r, Y=(4, 3), T=(4, 3)),
        torch=lambda t: torch_fn(t["Y"], t["T"]),
        numpy=loss_takes("Y", "T"),
        wrt=("Y",),
    )


def attention_cases(r, lead, T, D_head):
    """Q, K, V (*lead, T, D_head) with no mask, a causal mask, padding masks."""
    N = lead[0]
    lengths = np.array([T, 0, 2, 1][:N])  # 0: a row with no allowed key at all
    padding = np.arange(T)[None, None, :] < lengths[:, None, None]  # (N, 1, T)
    if len(lead) == 2:  # (N, N_head, T, T): broadcast over the heads
        padding = padding[:, None]
    masks = [None, np.tril(np.ones((T, T), dtype=bool)), padding]
    base = normal(r, Q=(*lead, T, D_head), K=(*lead, T, D_head), V=(*lead, T, D_head))
    return [{**base, "mask": mask} for mask in masks]


def full_mask(mask, T):
    """flash.py slices the mask by query rows: it needs every axis, (..., T, T)."""
    return None if mask is None else np.broadcast_to(mask, (*mask.shape[:-2], T, T))


def sdpa(t):
    """PyTorch's attention: a boolean attn_mask is True where a key takes part."""
    return F.scaled_dot_product_attention(t["Q"], t["K"], t["V"], attn_mask=t["mask"])


def torch_mha(X, W_q, W_k, W_v, W_o, N_head, allowed):
    """PyTorch's own multi-head attention (torch.nn.MultiheadAttention's function).

    Its layout: sequence first (T, N, D), weights (out, in) = our W transposed,
    and a boolean attn_mask that is True where a key is NOT allowed.
    """
    Xt = X.transpose(0, 1)
    D = X.shape[-1]
    Y, _ = F.multi_head_attention_forward(
        Xt, Xt, Xt, D, N_head, None, None, None, None, False, 0.0, W_o.T, None,
        training=False, need_weights=False,
        attn_mask=None if allowed is None else ~allowed,
        use_separate_proj_weight=True,
        q_proj_weight=W_q.T, k_proj_weight=W_k.T, v_proj_weight=W_v.T,
    )  # fmt: skip
    return Y.transpose(0, 1)


def rnn_params(r, D=3, M=4, gates=1):
    """X (N, K, D), H0 (N, M), Wx (D, gates M), Wh (M, gates M), b (gates M)."""
    a = normal(r, X=(2, 5, D), H0=(2, M), Wx=(D, gates * M), b=(gates * M,))
    a["Wh"] = 0.6 * r.standard_normal((M, gates * M))
    return a


def torch_rnn(X, H0, Wx, Wh, b):
    """PyTorch's RNN kernel (nn.RNN's): weights (out, in), two biases, batch first."""
    zero = torch.zeros_like(b)
    weights = [Wx.T, Wh.T, b, zero]
    # has_biases, num_layers, dropout, train, bidirectional, batch_first
    H, _ = torch.rnn_tanh(X, H0[None], weights, True, 1, 0.0, False, False, True)
    return H


def rnn_numpy(f, d, a, m, **options):
    H = m.rnn_forward(a["X"], a["H0"], a["Wx"], a["Wh"], a["b"])
    return f(d, a["X"], a["H0"], a["Wx"], a["Wh"], H, **options)


def torch_rnn_truncated(t):
    """Chunks of K_trunc steps, each started from the previous state detached."""
    K_trunc, K = t["K_trunc"], t["X"].shape[1]
    if K_trunc is None:
        return torch_rnn(t["X"], t["H0"], t["Wx"], t["Wh"], t["b"])
    chunks, H_start = [], t["H0"]
    for start in range(0, K, K_trunc):
        X = t["X"][:, start : start + K_trunc]
        chunks.append(torch_rnn(X, H_start, t["Wx"], t["Wh"], t["b"]))
        H_start = chunks[-1][:, -1].detach()  # truncation: no gradient across
    return torch.cat(chunks, dim=1)


def torch_lstm(t):
    """PyTorch's LSTM kernel. Its gate blocks are (i, f, candidate, o); ours (i, f, o,
    candidate): the columns are reordered, a relabelling, not arithmetic."""
    M = t["H0"].shape[1]
    gates_i_f = torch.arange(2 * M)
    gate_o, candidate = torch.arange(2 * M, 3 * M), torch.arange(3 * M, 4 * M)
    order = torch.cat([gates_i_f, candidate, gate_o])
    Wx, Wh, b = t["Wx"][:, order], t["Wh"][:, order], t["b"][order]
    Theta0 = torch.zeros_like(t["H0"])[None]
    weights = [Wx.T, Wh.T, b, torch.zeros_like(b)]
    state = (t["H0"][None], Theta0)
    H, *_ = torch.lstm(t["X"], state, weights, True, 1, 0.0, False, False, True)
    return H


def norm_inputs(r, shape, eps=0.01):
    """X, gamma (not 1), beta (not 0), and an eps large enough to matter (0.01)."""
    D = shape[-1]
    a = normal(r, X=shape, beta=(D,))
    a["X"] = 2.0 * a["X"] + 1.0
    a["gamma"] = 1.0 + 0.5 * r.standard_normal(D)
    a["eps"] = eps
    return a


# The transformer of transformer_by_hand, small: C classes, T positions, width D
TRANSFORMER = {"C": 7, "T": 4, "D": 8, "M": 16, "N": 2, "N_head": 4}
BLOCK_PARAMS = {
    "gamma_1": "D", "beta_1": "D", "W_q": "DD", "W_k": "DD", "W_v": "DD",
    "W_o": "DD", "gamma_2": "D", "beta_2": "D", "W_1": "DM", "b_1": "M",
    "W_2": "MD", "b_2": "D",
}  # fmt: skip
OUTER_PARAMS = {
    "E": "CD", "E_pos": "TD", "gamma_f": "D", "beta_f": "D", "W_out": "DC", "b_out": "C"
}  # fmt: skip


def transformer_params(r, names):
    """Random parameters by name; gammas near 1, everything else N(0, 1/fan-in)."""
    p = {}
    for name, letters in names.items():
        shape = tuple(TRANSFORMER[c] for c in letters)
        scale = 1.0 / np.sqrt(shape[0]) if len(shape) == 2 else 0.3
        p[name] = scale * r.standard_normal(shape)
        if name.startswith("gamma"):
            p[name] += 1.0
    return p


def torch_block(X0, t):
    """The pre-norm block: F.layer_norm, PyTorch's multi-head attention (causal),
    F.gelu(approximate="tanh"), two residuals."""
    T, D, N_head = X0.shape[1], TRANSFORMER["D"], TRANSFORMER["N_head"]
    causal = torch.ones(T, T, dtype=torch.bool).tril()
    Y1 = F.layer_norm(X0, (D,), t["gamma_1"], t["beta_1"], eps=1e-5)
    X1 = X0 + torch_mha(Y1, t["W_q"], t["W_k"], t["W_v"], t["W_o"], N_head, causal)
    Y3 = F.layer_norm(X1, (D,), t["gamma_2"], t["beta_2"], eps=1e-5)
    U = F.linear(Y3, t["W_1"].T, t["b_1"])
    return X1 + F.linear(F.gelu(U, approximate="tanh"), t["W_2"].T, t["b_2"])


def torch_transformer(t):
    D, C = TRANSFORMER["D"], TRANSFORMER["C"]
    X0 = F.embedding(t["idx"], t["E"]) + t["E_pos"]
    X2 = torch_block(X0, t)
    Y5 = F.layer_norm(X2, (D,), t["gamma_f"], t["beta_f"], eps=1e-5)
    Z = F.linear(Y5, t["W_out"].T, t["b_out"])
    return F.cross_entropy(Z.reshape(-1, C), t["labels"].reshape(-1))


def block_numpy(f, d, a, m):
    p = {name: a[name] for name in BLOCK_PARAMS}
    dX0, dp = f(d, a["X0"], p, m.block_forward(a["X0"], p)[1])
    return (dX0, *(dp[name] for name in BLOCK_PARAMS))


def transformer_numpy(f, d, a, m):
    p = {name: a[name] for name in {**BLOCK_PARAMS, **OUTER_PARAMS}}
    _, saved = m.transformer_forward(p, a["idx"], a["labels"])
    dp = f(d, p=p, idx=a["idx"], labels=a["labels"], saved=saved)
    assert dp.keys() == p.keys(), "a parameter has no gradient"
    return tuple(dp[name] for name in p)


def transformer_inputs(r):
    N, T, C = TRANSFORMER["N"], TRANSFORMER["T"], TRANSFORMER["C"]
    a = transformer_params(r, {**BLOCK_PARAMS, **OUTER_PARAMS})
    a["idx"] = r.integers(0, C, (N, T))
    a["labels"] = r.integers(0, C, (N, T))
    return a


# ------------------------------------------------------------------ the table

TABLE = {
    # activations_and_graphs
    "activations_and_graphs/bce_with_logits.py:bce_with_logits_backward": Row(
        make=lambda r: {"Z": 3.0 * r.standard_normal((3, 4)), "T": r.random((3, 4))},
        torch=lambda t: F.binary_cross_entropy_with_logits(t["Z"], t["T"]),
        numpy=loss_takes("Z", "T"),
        wrt=("Z",),
    ),
    "activations_and_graphs/dropout.py:dropout_backward": Row(
        make=lambda r: [
            {"X": r.standard_normal((4, 5)), "keep": keep, "p_drop": 0.3}
            for keep in ((r.random((4, 5)) >= 0.3).astype(float), None)
        ],
        torch=lambda t: (
            t["X"]
            if t["keep"] is None
            else t["X"].masked_fill(t["keep"] == 0, 0.0) / (1.0 - t["p_drop"])
        ),
        numpy=takes("keep", "p_drop"),
        wrt=("X",),
    ),
    "activations_and_graphs/fan_out.py:fan_out_backward": Row(
        make=lambda r: normal(r, X=(4, 3), A=(3, 3)),
        torch=lambda t: torch.mm(t["X"], t["A"]) * t["X"],
        numpy=takes("X", "A"),
        wrt=("X", "A"),
    ),
    "activations_and_graphs/gelu.py:gelu_backward": elementwise(lambda X: F.gelu(X)),
    "activations_and_graphs/gelu.py:gelu_tanh_backward": elementwise(
        lambda X: F.gelu(X, approximate="tanh")
    ),
    "activations_and_graphs/log_sigmoid.py:log_sigmoid_backward": elementwise(
        lambda X: F.logsigmoid(X), scale=4.0
    ),
    "activations_and_graphs/residual.py:residual_backward": Row(
        make=lambda r: normal(r, X=(4, 3), W=(3, 3)),
        torch=lambda t: t["X"] + torch.tanh(torch.mm(t["X"], t["W"])),
        numpy=takes("X", "W"),
        wrt=("X", "W"),
    ),
    "activations_and_graphs/silu.py:silu_backward": elementwise(
        lambda X: F.silu(X), scale=3.0
    ),
    "activations_and_graphs/swiglu.py:swiglu_backward": Row(
        make=lambda r: normal(r, X=(4, 3), A=(3, 5), B=(3, 5)),
        torch=lambda t: F.silu(t["X"] @ t["A"]) * (t["X"] @ t["B"]),
        numpy=takes("X", "A", "B"),
        wrt=("X", "A", "B"),
    ),
    "activations_and_graphs/weight_tying.py:tied_backward": Row(
        make=lambda r: {
            **normal(r, E=(6, 3), W=(3, 3)),
            "idx": r.integers(0, 6, (2, 5)),
        },
        torch=lambda t: torch.tanh(F.embedding(t["idx"], t["E"]) @ t["W"]) @ t["E"].T,
        numpy=takes("E", "W", "idx"),
        wrt=("E", "W"),
    ),
    # attention
    "attention/attention.py:attention_backward": Row(
        make=lambda r: attention_cases(r, (3,), 5, 4),
        torch=sdpa,
        numpy=takes("Q", "K", "V", "mask"),
        wrt=("Q", "K", "V"),
    ),
    "attention/flash.py:attention_tiled_backward": Row(
        make=lambda r: [
            {**case, "tile": tile, "mask": full_mask(case["mask"], 7)}
            for case in attention_cases(r, (3,), 7, 4)
            for tile in (3, 16)  # 3 does not divide 7: a ragged last tile
        ],
        torch=sdpa,
        numpy=lambda f, d, a, m: f(
            d,
            a["Q"],
            a["K"],
            a["V"],
            m.attention_tiled_forward(a["Q"], a["K"], a["V"], a["mask"], a["tile"]),
            m.attention_lse(a["Q"], a["K"], a["mask"], a["tile"]),
            a["mask"],
            a["tile"],
        ),
        wrt=("Q", "K", "V"),
    ),
    "attention/masks.py:masked_softmax_backward": Row(
        make=lambda r: [
            {"Z": r.standard_normal((2, 4, 4)), "mask": mask}
            for mask in (
                np.tril(np.ones((4, 4), dtype=bool)),
                np.arange(4)[None, None, :] < np.array([3, 1])[:, None, None],
            )
        ],
        torch=lambda t: torch.softmax(t["Z"].masked_fill(~t["mask"], -torch.inf), -1),
        numpy=lambda f, d, a, m: f(d, m.masked_softmax_forward(a["Z"], a["mask"])),
        wrt=("Z",),
    ),
    "attention/multi_head.py:attention_backward": Row(
        make=lambda r: attention_cases(r, (2, 3), 4, 2),
        torch=sdpa,
        numpy=takes("Q", "K", "V", "mask"),
        wrt=("Q", "K", "V"),
    ),
    "attention/multi_head.py:multi_head_attention_backward": Row(
        make=lambda r: [
            {
                **normal(
                    r, X=(2, 5, 6), W_q=(6, 6), W_k=(6, 6), W_v=(6, 6), W_o=(6, 6)
                ),
                "N_head": N_head,
                "mask": mask,
            }
            for N_head in (2, 3)
            for mask in (None, np.tril(np.ones((5, 5), dtype=bool)))
        ],
        torch=lambda t: torch_mha(
            t["X"], t["W_q"], t["W_k"], t["W_v"], t["W_o"], t["N_head"], t["mask"]
        ),
        numpy=takes("X", "W_q", "W_k", "W_v", "W_o", "N_head", "mask"),
        wrt=("X", "W_q", "W_k", "W_v", "W_o"),
    ),
    # batch_dimension
    "batch_dimension/bias_broadcast.py:bias_backward": Row(
        make=lambda r: normal(r, P=(4, 3), b=(3,)),
        torch=lambda t: t["P"] + t["b"],
        numpy=lambda f, d, a, m: f(d),
        wrt=("P", "b"),
    ),
    "batch_dimension/flat_vs_column.py:mse_backward": Row(
        make=lambda r: normal(r, Y=(5, 1), T=(5,)),
        torch=lambda t: F.mse_loss(t["Y"][:, 0], t["T"]),
        numpy=loss_takes("Y", "T"),
        wrt=("Y",),
    ),
    "batch_dimension/mean_loss.py:mean_loss_backward": loss_YT(
        lambda Y, T: F.mse_loss(Y, T, reduction="sum") / (2 * Y.shape[0])
    ),
    "batch_dimension/mean_loss.py:linear_backward": linear(),
    "batch_dimension/unbroadcast.py:broadcast_backward": Row(
        make=lambda r: [
            {"x": np.asarray(r.standard_normal(x_shape)), "shape": shape}
            for x_shape, shape in (
                ((), (3, 4)),
                ((4,), (3, 4)),
                ((3, 1), (3, 4)),
                ((1, 4, 1), (2, 3, 4, 5)),
                ((1,), (1,)),
            )
        ],
        torch=lambda t: t["x"].expand(t["shape"]),
        numpy=lambda f, d, a, m: f(d, a["x"].shape),
        wrt=("x",),
    ),
    "batch_dimension/unbroadcast.py:add_backward": Row(
        make=lambda r: normal(r, P=(2, 1, 3), Q=(4, 3)),
        torch=lambda t: torch.add(t["P"], t["Q"]),
        numpy=takes("P", "Q"),
        wrt=("P", "Q"),
    ),
    # checking_derivatives
    "checking_derivatives/catches_transpose.py:matmul_backward": matmul(3, 3, 3),
    "checking_derivatives/dot_product_test.py:matmul_backward": matmul(),
    "checking_derivatives/mean_vs_sum.py:mean_of_sse_backward": loss_YT(
        lambda Y, T: ((Y - T) ** 2).sum(dim=1).mean()
    ),
    "checking_derivatives/mean_vs_sum.py:sum_of_sse_backward": loss_YT(
        lambda Y, T: F.mse_loss(Y, T, reduction="sum")
    ),
    # convolution
    "convolution/avg_pool.py:avgpool_backward": Row(
        make=lambda r: [
            {"X": r.standard_normal((2, 2, 7, 6)), "R": R, "stride": stride}
            for R, stride in ((2, 2), (3, 2), (2, 1), (3, 3))
        ],
        torch=lambda t: F.avg_pool2d(t["X"], t["R"], t["stride"]),
        numpy=takes("X", "R", "stride"),
        wrt=("X",),
    ),
    "convolution/conv1d.py:conv1d_backward": Row(
        make=lambda r: normal(r, x=(8,), w=(3,)),
        torch=lambda t: F.conv1d(t["x"][None, None], t["w"][None, None])[0, 0],
        numpy=takes("x", "w"),
        wrt=("x", "w"),
    ),
    "convolution/conv2d.py:conv2d_backward": Row(
        make=lambda r: normal(r, X=(2, 3, 5, 6), W=(4, 3, 2, 3), b=(4,)),
        torch=lambda t: F.conv2d(t["X"], t["W"], t["b"]),
        numpy=takes("X", "W"),
        wrt=("X", "W", "b"),
    ),
    "convolution/conv2d_loops.py:conv2d_backward": Row(
        make=lambda r: normal(r, X=(2, 2, 4, 5), W=(3, 2, 2, 3), b=(3,)),
        torch=lambda t: F.conv2d(t["X"], t["W"], t["b"]),
        numpy=takes("X", "W"),
        wrt=("X", "W", "b"),
    ),
    "convolution/im2col.py:conv2d_backward": Row(
        make=lambda r: normal(r, X=(2, 3, 5, 6), W=(4, 3, 3, 2), b=(4,)),
        torch=lambda t: F.conv2d(t["X"], t["W"], t["b"]),
        numpy=takes("X", "W"),
        wrt=("X", "W", "b"),
    ),
    "convolution/max_pool.py:maxpool_backward": Row(
        make=lambda r: [
            {"X": X, "R": R, "stride": stride}
            for X in with_ties(r, (2, 2, 7, 6))
            for R, stride in ((2, 2), (3, 2), (2, 1), (3, 3))
        ],
        torch=lambda t: F.max_pool2d(t["X"], t["R"], t["stride"]),
        numpy=takes("X", "R", "stride"),
        wrt=("X",),
    ),
    "convolution/one_by_one.py:conv2d_backward": Row(
        make=lambda r: normal(r, X=(2, 3, 4, 5), W=(4, 3, 1, 1), b=(4,)),
        torch=lambda t: F.conv2d(t["X"], t["W"], t["b"]),
        numpy=takes("X", "W"),
        wrt=("X", "W", "b"),
    ),
    "convolution/stride_padding_dilation.py:conv2d_valid_backward": Row(
        make=lambda r: normal(r, X=(2, 2, 5, 6), W=(3, 2, 3, 2), b=(3,)),
        torch=lambda t: F.conv2d(t["X"], t["W"], t["b"]),
        numpy=takes("X", "W"),
        wrt=("X", "W", "b"),
    ),
    "convolution/stride_padding_dilation.py:conv2d_backward": Row(
        make=lambda r: [
            {
                **normal(r, X=(2, 2, 7, 8), W=(3, 2, 3, 2), b=(3,)),
                "stride": stride,
                "padding": padding,
                "dilation": dilation,
            }
            for stride, padding, dilation in (
                (1, 0, 1),
                (2, 1, 1),
                (1, 2, 2),
                (3, 1, 2),
                (2, 0, 3),
            )
        ],
        torch=lambda t: F.conv2d(
            t["X"], t["W"], t["b"], t["stride"], t["padding"], t["dilation"]
        ),
        numpy=takes("X", "W", "stride", "padding", "dilation"),
        wrt=("X", "W", "b"),
    ),
    "convolution/transposed_conv.py:conv_transpose2d_backward": Row(
        make=lambda r: normal(r, Y=(2, 3, 4, 5), W=(3, 2, 2, 3)),
        torch=lambda t: F.conv_transpose2d(t["Y"], t["W"]),
        numpy=takes("Y", "W"),
        wrt=("Y", "W"),
    ),
    # differentials
    "differentials/adjoint.py:sandwich_backward": Row(
        make=lambda r: normal(r, A=(4, 4), X=(4, 3), B=(3, 3)),
        torch=lambda t: torch.linalg.multi_dot([t["A"], t["X"], t["B"]]),
        numpy=takes("A", "B"),
        wrt=("X",),
    ),
    "differentials/chain.py:mlp_backward": Row(
        make=lambda r: normal(r, X=(4, 3), W1=(3, 5), b1=(5,), W2=(5, 3), b2=(3,)),
        torch=lambda t: torch.softmax(
            F.linear(
                torch.tanh(F.linear(t["X"], t["W1"].T, t["b1"])), t["W2"].T, t["b2"]
            ),
            dim=-1,
        ),
        numpy=lambda f, d, a, m: f(
            d,
            a["X"],
            a["W1"],
            a["W2"],
            np.tanh(a["X"] @ a["W1"] + a["b1"]),
            m.mlp_forward(a["X"], a["W1"], a["b1"], a["W2"], a["b2"]),
        ),
        wrt=("X", "W1", "b1", "W2", "b2"),
    ),
    "differentials/elementwise.py:tanh_backward": elementwise(
        lambda X: torch.tanh(X), reads_Y_of="tanh_forward"
    ),
    "differentials/exercise_gram.py:gram_backward": Row(
        make=lambda r: normal(r, X=(4, 3)),
        torch=lambda t: t["X"] @ t["X"].T,
        numpy=takes("X"),
        wrt=("X",),
    ),
    "differentials/linear.py:linear_backward": linear(),
    "differentials/softmax.py:softmax_backward": Row(
        make=lambda r: {"Z": 2.0 * r.standard_normal((4, 5))},
        torch=lambda t: torch.softmax(t["Z"], dim=-1),
        numpy=lambda f, d, a, m: f(d, m.softmax_forward(a["Z"])),
        wrt=("Z",),
    ),
    # einsum_rule
    "einsum_rule/diagonal.py:diagonal_backward": Row(
        make=lambda r: normal(r, A=(4, 4)),
        torch=lambda t: torch.diagonal(t["A"]),
        numpy=takes("A"),
        wrt=("A",),
    ),
    "einsum_rule/diagonal.py:trace_backward": Row(
        make=lambda r: normal(r, A=(4, 4)),
        torch=lambda t: torch.trace(t["A"]),
        numpy=takes("A"),
        wrt=("A",),
    ),
    "einsum_rule/exercise.py:quadratic_form_backward": Row(
        make=lambda r: normal(r, x=(4,), A=(4, 4)),
        torch=lambda t: torch.dot(t["x"], torch.mv(t["A"], t["x"])),
        numpy=takes("x", "A"),
        wrt=("x", "A"),
    ),
    # elementwise
    "elementwise/diagonal_jacobian.py:elementwise_backward": elementwise(
        lambda X: torch.sin(X), scale=3.0
    ),
    "elementwise/relu.py:relu_backward": elementwise(
        lambda X: torch.relu(X), reads_Y_of="relu_forward"
    ),
    "elementwise/sigmoid.py:sigmoid_backward": elementwise(
        lambda X: torch.sigmoid(X), reads_Y_of="sigmoid_forward", scale=4.0
    ),
    "elementwise/softplus.py:softplus_backward": elementwise(
        lambda X: F.softplus(X),
        reads_Y_of="softplus_forward",
        scale=4.0,  # |X| < 20, torch's threshold
    ),
    "elementwise/tanh.py:tanh_backward": elementwise(
        lambda X: torch.tanh(X), reads_Y_of="tanh_forward"
    ),
    # indexing
    "indexing/broadcast.py:broadcast_backward": Row(
        make=lambda r: [
            {"x": np.asarray(r.standard_normal(x_shape)), "shape": shape}
            for x_shape, shape in (
                ((), (3, 4)),
                ((4,), (3, 4)),
                ((3, 1), (3, 4)),
                ((1, 1), (3, 4)),
                ((3, 4), (3, 4)),
                ((1, 4, 1), (2, 3, 4, 5)),
                ((1,), (1,)),
            )
        ],
        torch=lambda t: torch.broadcast_to(t["x"], t["shape"]),
        numpy=lambda f, d, a, m: f(d, a["x"].shape),
        wrt=("x",),
    ),
    "indexing/concatenate.py:concat_backward": Row(
        make=lambda r: normal(r, X1=(3, 2), X2=(3, 4)),
        torch=lambda t: torch.cat([t["X1"], t["X2"]], dim=1),
        numpy=lambda f, d, a, m: f(d, a["X1"].shape[1]),
        wrt=("X1", "X2"),
    ),
    "indexing/concatenate.py:split_backward": Row(
        make=lambda r: {"X": r.standard_normal((3, 5)), "D1": 2},
        torch=lambda t: torch.split(t["X"], [t["D1"], 5 - t["D1"]], dim=1),
        numpy=lambda f, d, a, m: f(*d),  # two outputs: dY1, dY2
        wrt=("X",),
    ),
    "indexing/concatenate.py:stack_backward": Row(
        make=lambda r: normal(r, X1=(3, 4), X2=(3, 4)),
        torch=lambda t: torch.stack([t["X1"], t["X2"]]),
        numpy=lambda f, d, a, m: f(d),
        wrt=("X1", "X2"),
    ),
    "indexing/embedding.py:embedding_backward": Row(
        make=lambda r: {
            "E": r.standard_normal((6, 3)),
            "idx": r.integers(0, 6, (2, 7)),
        },
        torch=lambda t: F.embedding(t["idx"], t["E"]),
        numpy=lambda f, d, a, m: f(d, a["idx"], a["E"].shape[0]),
        wrt=("E",),
    ),
    "indexing/exercise_positions.py:encoder_backward": Row(
        make=lambda r: {
            **normal(r, E=(6, 3), E_pos=(7, 3)),
            "idx": r.integers(0, 6, (2, 4)),
        },
        torch=lambda t: F.embedding(t["idx"], t["E"]) + t["E_pos"][: t["idx"].shape[1]],
        numpy=lambda f, d, a, m: f(d, a["idx"], 6, 7),
        wrt=("E", "E_pos"),
    ),
    "indexing/maxpool.py:maxpool_backward": Row(
        make=lambda r: [
            {"X": X, "width": width, "stride": stride}
            for X in with_ties(r, (3, 9))
            for width, stride in ((3, 2), (2, 2), (4, 1), (3, 3))
        ],
        torch=lambda t: F.max_pool1d(t["X"][:, None], t["width"], t["stride"])[:, 0],
        numpy=takes("X", "width", "stride"),
        wrt=("X",),
    ),
    "indexing/pick.py:pick_backward": Row(
        make=lambda r: {"S": r.standard_normal((4, 5)), "labels": r.integers(0, 5, 4)},
        torch=lambda t: t["S"].gather(1, t["labels"][:, None])[:, 0],
        numpy=lambda f, d, a, m: f(d, a["labels"], 5),
        wrt=("S",),
    ),
    "indexing/reshape.py:reshape_backward": Row(
        make=lambda r: {"X": r.standard_normal((2, 3, 4)), "shape": (4, 6)},
        torch=lambda t: t["X"].reshape(t["shape"]),
        numpy=lambda f, d, a, m: f(d, a["X"].shape),
        wrt=("X",),
    ),
    "indexing/selection.py:gather_backward": Row(
        make=lambda r: {
            "x": r.standard_normal((2, 3, 4)),
            "source": r.integers(-1, 24, (5, 7)),  # repeats, and -1: a padded entry
        },
        torch=lambda t: (
            torch.take(t["x"], t["source"].clamp(min=0)) * (t["source"] >= 0)
        ),
        numpy=lambda f, d, a, m: f(d, a["source"], a["x"].shape),
        wrt=("x",),
    ),
    "indexing/slice_pad.py:slice_backward": Row(
        make=lambda r: [
            {"X": r.standard_normal((3, 6)), "start": start, "stop": stop}
            for start, stop in ((1, 4), (0, 6), (5, 6))
        ],
        torch=lambda t: t["X"].narrow(1, t["start"], t["stop"] - t["start"]),
        numpy=lambda f, d, a, m: f(d, a["X"].shape[1], a["start"], a["stop"]),
        wrt=("X",),
    ),
    "indexing/slice_pad.py:pad_backward": Row(
        make=lambda r: [{"X": r.standard_normal((3, 4)), "pad": pad} for pad in (2, 0)],
        torch=lambda t: F.pad(t["X"], (t["pad"], t["pad"])),
        numpy=takes("pad"),
        wrt=("X",),
    ),
    "indexing/transpose.py:transpose_backward": Row(
        make=lambda r: [
            {"X": r.standard_normal((2, 3, 4)), "axes": axes}
            for axes in ((2, 0, 1), (1, 2, 0), (0, 2, 1))
        ],
        torch=lambda t: t["X"].permute(t["axes"]),
        numpy=takes("axes"),
        wrt=("X",),
    ),
    "indexing/where.py:where_backward": Row(
        make=lambda r: {
            **normal(r, X1=(3, 4), X2=(3, 4)),
            "mask": r.random((3, 4)) < 0.5,
        },
        torch=lambda t: torch.where(t["mask"], t["X1"], t["X2"]),
        numpy=takes("mask"),
        wrt=("X1", "X2"),
    ),
    # layouts
    "layouts/ax_wrt_x.py:matvec_backward": Row(
        make=lambda r: normal(r, A=(3, 4), x=(4,)),
        torch=lambda t: torch.mv(t["A"], t["x"]),
        numpy=takes("A"),
        wrt=("x",),
    ),
    "layouts/bilinear_form.py:bilinear_backward": Row(
        make=lambda r: normal(r, X=(3, 4), A=(3,), B=(4,)),
        torch=lambda t: torch.dot(t["A"], torch.mv(t["X"], t["B"])),
        numpy=takes("A", "B"),
        wrt=("X",),
    ),
    "layouts/column_batch.py:columns_backward": Row(
        make=lambda r: normal(r, W=(5, 4), X=(4, 3)),
        torch=lambda t: torch.mm(t["W"], t["X"]),
        numpy=takes("W", "X"),
        wrt=("W", "X"),
    ),
    "layouts/column_batch.py:linear_backward": matmul(3, 4, 5),
    "layouts/generalised_jacobian.py:linear_backward": matmul(),
    "layouts/neuron_w_dot_x.py:neuron_backward": Row(
        make=lambda r: {
            **normal(r, x=(4,), w=(4,)),
            "b": np.asarray(r.standard_normal()),
        },
        torch=lambda t: torch.dot(t["x"], t["w"]) + t["b"],
        numpy=takes("x", "w"),
        wrt=("x", "w", "b"),
    ),
    "layouts/outer_weight_grad.py:column_backward": Row(
        make=lambda r: normal(r, W_col=(3, 4), x=(4,)),
        torch=lambda t: torch.mv(t["W_col"], t["x"]),
        numpy=takes("W_col", "x"),
        wrt=("W_col", "x"),
    ),
    "layouts/outer_weight_grad.py:linear_backward": matmul(),
    "layouts/quadratic_form.py:quadratic_backward": Row(
        make=lambda r: normal(r, x=(4,), A=(4, 4)),
        torch=lambda t: torch.dot(t["x"], torch.mv(t["A"], t["x"])),
        numpy=takes("x", "A"),
        wrt=("x",),
    ),
    "layouts/softmax_ce.py:softmax_cross_entropy_backward": softmax_ce_onehot(
        labels_in_torch=False
    ),
    "layouts/trace_ax.py:trace_backward": Row(
        make=lambda r: normal(r, X=(4, 3), A=(3, 4)),
        torch=lambda t: torch.trace(t["A"] @ t["X"]),
        numpy=takes("A"),
        wrt=("X",),
    ),
    # linear_layer
    "linear_layer/column_layout.py:linear_col_backward": Row(
        make=lambda r: normal(r, W_col=(2, 3), X_col=(3, 4), b=(2,)),
        torch=lambda t: F.linear(t["X_col"].T, t["W_col"], t["b"]).T,
        numpy=takes("W_col", "X_col"),
        wrt=("W_col", "X_col", "b"),
    ),
    "linear_layer/grad_bias.py:linear_backward": linear(wrt=("b",)),
    "linear_layer/grad_input.py:linear_backward": linear(wrt=("X",)),
    "linear_layer/grad_weight.py:linear_backward": linear(wrt=("W",)),
    "linear_layer/layer.py:linear_backward": linear(),
    # matrix_functions
    "matrix_functions/determinant.py:det_backward": Row(
        make=lambda r: {"X": invertible(r, 4)},
        torch=lambda t: torch.linalg.det(t["X"]),
        numpy=lambda f, d, a, m: f(d, a["X"], m.det_forward(a["X"])),
        wrt=("X",),
    ),
    "matrix_functions/exercise.py:trace_inv_backward": Row(
        make=lambda r: {"X": invertible(r, 4), **normal(r, A=(2, 4), B=(4, 2))},
        torch=lambda t: torch.trace(t["A"] @ torch.linalg.inv(t["X"]) @ t["B"]),
        numpy=takes("X", "A", "B"),
        wrt=("X",),
    ),
    "matrix_functions/frobenius.py:norm_backward": Row(
        make=lambda r: [{"X": r.standard_normal((3, 4))}, {"X": np.zeros((3, 4))}],
        torch=lambda t: torch.linalg.norm(t["X"]),  # at 0, PyTorch's gradient is 0 too
        numpy=lambda f, d, a, m: f(d, a["X"], m.norm_forward(a["X"])),
        wrt=("X",),
    ),
    "matrix_functions/inverse.py:inv_backward": Row(
        make=lambda r: {"X": invertible(r, 4)},
        torch=lambda t: torch.linalg.inv(t["X"]),
        numpy=lambda f, d, a, m: f(d, m.inv_forward(a["X"])),
        wrt=("X",),
    ),
    "matrix_functions/logdet.py:logabsdet_backward": Row(
        make=lambda r: [{"X": invertible(r, 4)}, {"X": -invertible(r, 3)}],  # det < 0
        torch=lambda t: torch.linalg.slogdet(t["X"]).logabsdet,
        numpy=takes("X"),
        wrt=("X",),
    ),
    "matrix_functions/solve.py:solve_backward": Row(
        make=lambda r: {"X": invertible(r, 4), "F": r.standard_normal((4, 2))},
        torch=lambda t: torch.linalg.solve(t["X"], t["F"]),
        numpy=lambda f, d, a, m: f(d, a["X"], m.solve_forward(a["X"], a["F"])),
        wrt=("X", "F"),
    ),
    # The gradient on symmetric matrices is the gradient of y(sym(X)) with respect
    # to an unconstrained X: PyTorch differentiates through the symmetrisation.
    "matrix_functions/symmetric.py:logdet_trace_backward": Row(
        make=lambda r: {
            "X": (lambda B: B @ B.T + np.eye(4))(r.standard_normal((4, 4))),
            "A": r.standard_normal((4, 4)),
        },
        torch=lambda t: (lambda X: torch.logdet(X) + torch.trace(t["A"] @ X))(
            (t["X"] + t["X"].T) / 2
        ),
        numpy=takes("X", "A"),
        wrt=("X",),
    ),
    "matrix_functions/trace_axb.py:trace_axb_backward": Row(
        make=lambda r: normal(r, X=(3, 4), A=(2, 3), B=(4, 2)),
        torch=lambda t: torch.trace(torch.linalg.multi_dot([t["A"], t["X"], t["B"]])),
        numpy=takes("A", "B"),
        wrt=("X",),
    ),
    "matrix_functions/trace_xtax.py:trace_xtax_backward": Row(
        make=lambda r: normal(r, X=(3, 2), A=(3, 3)),
        torch=lambda t: torch.trace(t["X"].T @ t["A"] @ t["X"]),
        numpy=takes("X", "A"),
        wrt=("X",),
    ),
    "matrix_functions/vec_kronecker.py:sandwich_backward": Row(
        make=lambda r: normal(r, X=(3, 4), A=(2, 3), B=(4, 5)),
        torch=lambda t: torch.linalg.multi_dot([t["A"], t["X"], t["B"]]),
        numpy=takes("A", "B"),
        wrt=("X",),
    ),
    # matrix_vector
    "matrix_vector/batch_columns.py:batch_matvec_backward": Row(
        make=lambda r: normal(r, W=(3, 4), X=(5, 4)),
        torch=lambda t: F.linear(t["X"], t["W"]),  # PyTorch's layout is this page's
        numpy=takes("W", "X"),
        wrt=("W", "X"),
    ),
    "matrix_vector/chain_rule.py:matvec_backward": Row(
        make=lambda r: normal(r, W=(3, 3), a=(3,)),
        torch=lambda t: torch.mv(t["W"], t["a"]),
        numpy=takes("W", "a"),
        wrt=("W", "a"),
    ),
    "matrix_vector/column_vector.py:matvec_col_backward": Row(
        make=lambda r: normal(r, W=(3, 3), a_col=(3, 1)),
        torch=lambda t: torch.mm(t["W"], t["a_col"]),
        numpy=takes("W", "a_col"),
        wrt=("W", "a_col"),
    ),
    "matrix_vector/nonsquare.py:matvec_backward": Row(
        make=lambda r: normal(r, W=(2, 3), a=(3,)),
        torch=lambda t: torch.mv(t["W"], t["a"]),
        numpy=takes("W", "a"),
        wrt=("W", "a"),
    ),
    # mlp_by_hand
    "mlp_by_hand/two_layer_mlp.py:linear_backward": linear(),
    "mlp_by_hand/two_layer_mlp.py:relu_backward": relu_U(),
    "mlp_by_hand/two_layer_mlp.py:softmax_cross_entropy_backward": softmax_ce_onehot(),
    # modes
    "modes/cheap_gradient.py:linear_backward": linear(),
    "modes/cheap_gradient.py:relu_backward": relu_U(),
    "modes/cheap_gradient.py:softmax_cross_entropy_backward": softmax_ce_onehot(),
    "modes/hvp.py:tanh_mlp_backward": Row(
        make=lambda r: (
            lambda labels_T: {
                **normal(r, W1=(3, 5), W2=(5, 4), X=(6, 3)),
                "labels": labels_T[0],
                "T": labels_T[1],
            }
        )(one_hot(r, 6, 4)),
        torch=lambda t: F.cross_entropy(
            torch.tanh(t["X"] @ t["W1"]) @ t["W2"], t["labels"]
        ),
        numpy=lambda f, d, a, m: f(
            d,
            X=a["X"],
            H=np.tanh(a["X"] @ a["W1"]),
            S=softmax_np(np.tanh(a["X"] @ a["W1"]) @ a["W2"]),
            T=a["T"],
            W2=a["W2"],
        ),
        wrt=("W1", "W2"),
    ),
    "modes/jvp_vjp.py:mlp_backward": Row(
        make=lambda r: normal(r, x=(4,), W1=(4, 5), b1=(5,), W2=(5, 3), b2=(3,)),
        torch=lambda t: torch.relu(t["x"] @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"],
        numpy=lambda f, d, a, m: f(d, a["x"] @ a["W1"] + a["b1"], a["W1"], a["W2"]),
        wrt=("x",),
    ),
    # normalization
    "normalization/batchnorm.py:batchnorm_backward": Row(
        make=lambda r: norm_inputs(r, (6, 4)),
        torch=lambda t: F.batch_norm(
            t["X"], None, None, t["gamma"], t["beta"], training=True, eps=t["eps"]
        ),
        numpy=takes("X", "gamma", "eps"),
        wrt=("X", "gamma", "beta"),
    ),
    "normalization/batchnorm_eval.py:batchnorm_eval_backward": Row(
        make=lambda r: {
            **norm_inputs(r, (6, 4)),
            "running_mean": r.standard_normal(4),
            "running_var": r.random(4) + 0.5,
        },
        torch=lambda t: F.batch_norm(
            t["X"],
            t["running_mean"],
            t["running_var"],
            t["gamma"],
            t["beta"],
            training=False,
            eps=t["eps"],
        ),
        numpy=takes("X", "gamma", "running_mean", "running_var", "eps"),
        wrt=("X", "gamma", "beta"),
    ),
    "normalization/epsilon.py:rms_outside_backward": Row(
        make=lambda r: norm_inputs(r, (2, 3, 4)),
        torch=lambda t: (
            t["gamma"]
            * t["X"]
            / (torch.linalg.vector_norm(t["X"], dim=-1, keepdim=True) / 2.0 + t["eps"])
        ),
        numpy=takes("X", "gamma", "eps"),
        wrt=("X", "gamma"),
    ),
    "normalization/exercise_sequence.py:bn_sequence_backward": Row(
        make=lambda r: norm_inputs(r, (3, 4, 5)),
        torch=lambda t: F.batch_norm(  # PyTorch's BatchNorm1d layout: (N, D, K)
            t["X"].transpose(1, 2),
            None,
            None,
            t["gamma"],
            t["beta"],
            training=True,
            eps=t["eps"],
        ).transpose(1, 2),
        numpy=takes("X", "gamma", "eps"),
        wrt=("X", "gamma", "beta"),
    ),
    "normalization/layernorm.py:layernorm_backward": Row(
        make=lambda r: norm_inputs(r, (2, 3, 4)),
        torch=lambda t: F.layer_norm(t["X"], (4,), t["gamma"], t["beta"], t["eps"]),
        numpy=takes("X", "gamma", "eps"),
        wrt=("X", "gamma", "beta"),
    ),
    "normalization/rmsnorm.py:rmsnorm_backward": Row(
        make=lambda r: norm_inputs(r, (2, 3, 4)),
        torch=lambda t: F.rms_norm(t["X"], (4,), t["gamma"], t["eps"]),
        numpy=takes("X", "gamma", "eps"),
        wrt=("X", "gamma"),
    ),
    "normalization/staged.py:norm_staged_backward": Row(
        make=lambda r: [{**norm_inputs(r, (5, 4)), "axis": axis} for axis in (0, -1)],
        torch=lambda t: (
            F.batch_norm(
                t["X"], None, None, t["gamma"], t["beta"], training=True, eps=t["eps"]
            )
            if t["axis"] == 0
            else F.layer_norm(t["X"], (4,), t["gamma"], t["beta"], t["eps"])
        ),
        numpy=takes("X", "gamma", "axis", "eps"),
        wrt=("X", "gamma", "beta"),
    ),
    "normalization/standardize.py:standardize_backward": Row(
        make=lambda r: {"x": r.standard_normal(5), "eps": 0.01},
        torch=lambda t: F.layer_norm(t["x"], (5,), eps=t["eps"]),
        numpy=takes("x", "eps"),
        wrt=("x",),
    ),
    "normalization/variance_divisor.py:bessel_backward": Row(
        make=lambda r: norm_inputs(r, (6, 4)),
        torch=lambda t: (
            t["gamma"]
            * (t["X"] - t["X"].mean(dim=0))
            / torch.sqrt(torch.var(t["X"], dim=0, correction=1) + t["eps"])
            + t["beta"]
        ),
        numpy=takes("X", "gamma", "eps"),
        wrt=("X", "gamma", "beta"),
    ),
    # notation
    "notation/chain_rule.py:sin_layer_backward": Row(
        make=lambda r: normal(r, u=(4, 2), B=(2, 2, 4, 2)),
        torch=lambda t: torch.sin(torch.tensordot(t["B"], t["u"], dims=2)),
        numpy=takes("u", "B"),
        wrt=("u",),
    ),
    "notation/chain_rule.py:tanh_layer_backward": Row(
        make=lambda r: normal(r, x=(2, 3), A=(4, 2, 2, 3)),
        torch=lambda t: torch.tanh(
            (t["A"].reshape(8, 6) @ t["x"].reshape(6)).reshape(4, 2)
        ),
        numpy=lambda f, d, a, m: f(d, m.tanh_layer_forward(a["x"], a["A"]), a["A"]),
        wrt=("x",),
    ),
    "notation/chain_rule.py:two_layers_backward": Row(
        make=lambda r: normal(r, x=(2, 3), A=(4, 2, 2, 3), B=(2, 2, 4, 2)),
        torch=lambda t: torch.sin(
            torch.einsum(
                "prkl,kl->pr",
                t["B"],
                torch.tanh(torch.einsum("klij,ij->kl", t["A"], t["x"])),
            )
        ),
        numpy=takes("x", "A", "B"),
        wrt=("x",),
    ),
    "notation/exercise_outer.py:outer_backward": Row(
        make=lambda r: normal(r, x=(3,)),
        torch=lambda t: torch.outer(t["x"], t["x"]),
        numpy=takes("x"),
        wrt=("x",),
    ),
    "notation/numerator_denominator.py:matvec_backward": Row(
        make=lambda r: normal(r, A=(2, 3), x=(3,)),
        torch=lambda t: torch.mv(t["A"], t["x"]),
        numpy=takes("A"),
        wrt=("x",),
    ),
    # recurrence
    "recurrence/bptt.py:rnn_backward": Row(
        make=rnn_params,
        torch=lambda t: torch_rnn(t["X"], t["H0"], t["Wx"], t["Wh"], t["b"]),
        numpy=rnn_numpy,
        wrt=("X", "H0", "Wx", "Wh", "b"),
    ),
    "recurrence/lstm.py:lstm_backward": Row(
        make=lambda r: rnn_params(r, gates=4),
        torch=torch_lstm,
        numpy=takes("X", "H0", "Wx", "Wh", "b"),
        wrt=("X", "H0", "Wx", "Wh", "b"),
    ),
    "recurrence/rnn_step.py:rnn_step_backward": Row(
        make=lambda r: {
            **normal(r, X_k=(3, 2), H_prev=(3, 4), Wx=(2, 4), b=(4,)),
            "Wh": 0.6 * r.standard_normal((4, 4)),
        },
        torch=lambda t: torch.rnn_tanh_cell(
            t["X_k"], t["H_prev"], t["Wx"].T, t["Wh"].T, t["b"], None
        ),
        numpy=lambda f, d, a, m: f(
            d,
            a["X_k"],
            a["H_prev"],
            a["Wx"],
            a["Wh"],
            m.rnn_step_forward(a["X_k"], a["H_prev"], a["Wx"], a["Wh"], a["b"]),
        ),
        wrt=("X_k", "H_prev", "Wx", "Wh", "b"),
    ),
    "recurrence/truncated.py:rnn_backward": Row(
        make=lambda r: [
            {**rnn_params(r), "K_trunc": K_trunc} for K_trunc in (None, 2, 3, 5)
        ],
        torch=torch_rnn_truncated,
        numpy=lambda f, d, a, m: rnn_numpy(f, d, a, m, K_trunc=a["K_trunc"]),
        wrt=("X", "H0", "Wx", "Wh", "b"),
        forward=lambda a, m: m.rnn_forward(a["X"], a["H0"], a["Wx"], a["Wh"], a["b"]),
    ),
    # reductions
    "reductions/max_axis.py:row_max_backward": Row(
        make=lambda r: [{"X": X} for X in with_ties(r, (4, 5))],
        torch=lambda t: t["X"].max(dim=1).values,
        numpy=takes("X"),
        wrt=("X",),
    ),
    "reductions/mean_all.py:mean_backward": Row(
        make=lambda r: normal(r, X=(4, 5)),
        torch=lambda t: t["X"].mean(),
        numpy=takes("X"),
        wrt=("X",),
    ),
    "reductions/mean_axis_keepdims.py:batch_mean_backward": Row(
        make=lambda r: normal(r, X=(4, 5)),
        torch=lambda t: t["X"].mean(dim=0, keepdim=True),
        numpy=takes("X"),
        wrt=("X",),
    ),
    "reductions/mean_of_row_max.py:row_max_mean_backward": Row(
        make=lambda r: [{"X": X} for X in with_ties(r, (4, 5))],
        torch=lambda t: t["X"].max(dim=1).values.mean(),  # amax would split ties
        numpy=loss_takes("X"),
        wrt=("X",),
    ),
    "reductions/mse_per_element.py:mse_backward": loss_YT(
        lambda Y, T: F.mse_loss(Y, T)
    ),
    "reductions/mse_per_example.py:mse_per_example_backward": loss_YT(
        lambda Y, T: F.mse_loss(Y, T, reduction="sum") / Y.shape[0]
    ),
    "reductions/squared_error.py:squared_error_backward": loss_YT(
        lambda Y, T: torch.sum((Y - T) ** 2)
    ),
    "reductions/sum_all.py:sum_backward": Row(
        make=lambda r: normal(r, X=(4, 5)),
        torch=lambda t: t["X"].sum(),
        numpy=takes("X"),
        wrt=("X",),
    ),
    "reductions/sum_axis.py:row_sum_backward": Row(
        make=lambda r: normal(r, X=(4, 5)),
        torch=lambda t: t["X"].sum(dim=1),
        numpy=takes("X"),
        wrt=("X",),
    ),
    # softmax_cross_entropy
    "softmax_cross_entropy/cross_entropy.py:cross_entropy_backward": Row(
        make=lambda r: {
            "Z": 2.0 * r.standard_normal((5, 4)),
            "labels": r.integers(0, 4, 5),
        },
        torch=lambda t: F.cross_entropy(t["Z"], t["labels"]),
        numpy=lambda f, d, a, m: f(d, S=softmax_np(a["Z"]), labels=a["labels"]),
        wrt=("Z",),
    ),
    "softmax_cross_entropy/cross_entropy.py:cross_entropy_onehot_backward": (
        softmax_ce_onehot()
    ),
    "softmax_cross_entropy/log_softmax.py:log_softmax_backward": Row(
        make=lambda r: [
            {"Z": 3.0 * r.standard_normal(shape)} for shape in ((4, 5), (5,))
        ],
        torch=lambda t: F.log_softmax(t["Z"], dim=-1),
        numpy=lambda f, d, a, m: f(d, m.log_softmax_forward(a["Z"])),
        wrt=("Z",),
    ),
    "softmax_cross_entropy/logsumexp_shift.py:logsumexp_backward": Row(
        make=lambda r: [{"z": scale * r.standard_normal(5)} for scale in (1.0, 300.0)],
        torch=lambda t: torch.logsumexp(t["z"], dim=0),
        numpy=takes("z"),
        wrt=("z",),
    ),
    "softmax_cross_entropy/soft_targets.py:soft_cross_entropy_backward": Row(
        make=lambda r: {"Z": 2.0 * r.standard_normal((5, 4)), "T": r.random((5, 4))},
        torch=lambda t: F.cross_entropy(t["Z"], t["T"]),  # T's rows need not sum to 1
        numpy=lambda f, d, a, m: f(d, S=softmax_np(a["Z"]), T=a["T"]),
        wrt=("Z",),
    ),
    "softmax_cross_entropy/softmax_vjp.py:softmax_backward": Row(
        make=lambda r: [
            {"Z": 3.0 * r.standard_normal(shape)} for shape in ((4, 5), (5,))
        ],
        torch=lambda t: F.softmax(t["Z"], dim=-1),
        numpy=lambda f, d, a, m: f(d, m.softmax_forward(a["Z"])),
        wrt=("Z",),
    ),
    # transformer_by_hand
    "transformer_by_hand/block.py:block_backward": Row(
        make=lambda r: {
            **transformer_params(r, BLOCK_PARAMS),
            "X0": r.standard_normal(
                (TRANSFORMER["N"], TRANSFORMER["T"], TRANSFORMER["D"])
            ),
        },
        torch=lambda t: torch_block(t["X0"], t),
        numpy=block_numpy,
        wrt=("X0", *BLOCK_PARAMS),
        forward=lambda a, m: m.block_forward(a["X0"], a)[0],
    ),
    "transformer_by_hand/block.py:transformer_backward": Row(
        make=transformer_inputs,
        torch=torch_transformer,
        numpy=transformer_numpy,
        wrt=tuple({**BLOCK_PARAMS, **OUTER_PARAMS}),
        forward=lambda a, m: m.transformer_forward(a, a["idx"], a["labels"])[0],
    ),
}

# Backward functions with no sensible PyTorch equivalent: {key: reason}. Empty.
NO_TORCH_EQUIVALENT = {}


# ------------------------------------------------------------------ the tests


@pytest.fixture(scope="module")
def frameworks():
    """PyTorch, or a one-line skip (a failure under REQUIRE_FRAMEWORKS=1)."""
    global torch, F
    torch = require("torch")
    F = torch.nn.functional
    return torch


def as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def page_forward(row, module, name, inputs):
    """The page's own forward on the inputs, by its parameter names."""
    if row.forward is not None:
        return row.forward(inputs, module)
    forward = getattr(module, name.removesuffix("_backward") + "_forward")
    params = inspect.signature(forward).parameters
    return forward(**{p: inputs[p] for p in params if p in inputs})


def compare(key):
    """Raise AssertionError where the page's backward and PyTorch's autograd differ."""
    row = TABLE[key]
    path, name = key.split(":")
    module = importlib.import_module(module_name_of(path))
    backward = getattr(module, name)  # looked up now: monkeypatch reaches it
    rng = np.random.default_rng(zlib.crc32(key.encode()))
    cases = row.make(rng)
    for k, inputs in enumerate(cases if isinstance(cases, list) else [cases]):
        where = f"{key} (case {k}: {describe(inputs)})"
        t = {
            n: torch.tensor(v, requires_grad=n in row.wrt)
            if isinstance(v, np.ndarray)
            else v
            for n, v in inputs.items()
        }
        outs = as_tuple(row.torch(t))
        expected = as_tuple(page_forward(row, module, name, inputs))
        assert len(outs) == len(expected), f"{where}: the forwards' outputs differ"
        for y, e in zip(outs, expected, strict=True):
            np.testing.assert_allclose(
                y.detach().numpy(),
                e,
                rtol=row.rtol,
                atol=row.atol,
                err_msg=f"{where}: the PyTorch forward is not the page's forward "
                "(the table row is wrong, not the page)",
            )
        dOut = tuple(np.asarray(rng.standard_normal(tuple(y.shape))) for y in outs)
        expected_grads = torch.autograd.grad(
            outs, [t[n] for n in row.wrt], [torch.tensor(d) for d in dOut]
        )
        d = [float(d) if d.ndim == 0 else d for d in dOut]
        got = as_tuple(
            row.numpy(backward, d[0] if len(d) == 1 else tuple(d), inputs, module)
        )
        assert len(got) == len(row.wrt), (
            f"{where}: returns {len(got)} gradients, expected {', '.join(row.wrt)}"
        )
        for n, g, e in zip(row.wrt, got, expected_grads, strict=True):
            assert np.shape(g) == tuple(e.shape), (
                f"{where}: d{n} has shape {np.shape(g)}, PyTorch's {tuple(e.shape)}"
            )
            np.testing.assert_allclose(
                g,
                e.numpy(),
                rtol=row.rtol,
                atol=row.atol,
                err_msg=f"{where}: d{n} differs from PyTorch's autograd",
            )


def module_name_of(path):
    return "snippets." + path.removesuffix(".py").replace("/", ".")


def describe(inputs):
    """The case's options (masks, strides, ...): what is not a float array."""
    parts = []
    for n, v in inputs.items():
        if isinstance(v, np.ndarray) and v.dtype == float:
            continue
        shown = f"{v.dtype.name} {v.shape}" if isinstance(v, np.ndarray) else repr(v)
        parts.append(f"{n}={shown}")
    return ", ".join(parts) or "float inputs only"


@pytest.mark.parametrize("key", sorted(TABLE))
def test_backward_agrees_with_pytorch_autograd(frameworks, key):
    compare(key)


def coverage_errors(found, table, excluded):
    """What is wrong with the table against the discovered backward functions."""
    errors = [
        f"{key}: a backward function with no row in TABLE (tests/test_against_pytorch.py)"
        for key in sorted(found - table.keys() - excluded.keys())
    ]
    errors += [
        f"{key}: a row for a backward function that does not exist"
        for key in sorted((table.keys() | excluded.keys()) - found)
    ]
    errors += [
        f"{key}: in TABLE and in NO_TORCH_EQUIVALENT"
        for key in sorted(table.keys() & excluded.keys())
    ]
    errors += [
        f"{key}: excluded without a reason"
        for key, reason in excluded.items()
        if not (isinstance(reason, str) and reason.strip())
    ]
    return errors


def test_every_backward_has_a_row():
    found = discovered()
    assert len(found) >= 130, f"discovery found only {len(found)} backward functions"
    errors = coverage_errors(found, TABLE, NO_TORCH_EQUIVALENT)
    assert not errors, "\n".join(errors)
    assert len(TABLE) + len(NO_TORCH_EQUIVALENT) == len(found)


def test_the_coverage_check_names_what_is_missing_or_stale():
    found = discovered()
    new = "new_chapter/op.py:op_backward"
    errors = coverage_errors(found | {new}, TABLE, NO_TORCH_EQUIVALENT)
    assert errors == [
        f"{new}: a backward function with no row in TABLE "
        "(tests/test_against_pytorch.py)"
    ]
    gone = "linear_layer/layer.py:linear_backward"
    assert coverage_errors(found - {gone}, TABLE, NO_TORCH_EQUIVALENT) == [
        f"{gone}: a row for a backward function that does not exist"
    ]
    assert coverage_errors(found, TABLE, {gone: ""}) == [
        f"{gone}: in TABLE and in NO_TORCH_EQUIVALENT",
        f"{gone}: excluded without a reason",
    ]


# ------------------------------------------------- the comparison fails on errors


def matmul_dW_transposed(dY, X, W):
    dX = dY @ W.T
    dW = dY.T @ X  # (X^T dY)^T: the right shape when W is square, the wrong entries
    return dX, dW


def mse_per_example_no_mean(dL=1.0, *, Y, T):
    dY = dL * 2 * (Y - T)  # the batch mean's 1/N forgotten
    return dY


def batchnorm_without_variance_term(dY, X, gamma, eps=1e-5):
    rho = 1.0 / np.sqrt(X.var(axis=0) + eps)
    X_hat = (X - X.mean(axis=0)) * rho
    dX_hat = dY * gamma
    dX = rho * (dX_hat - dX_hat.mean(axis=0))  # the variance's path dropped
    return dX, (dY * X_hat).sum(axis=0), dY.sum(axis=0)


def fan_out_one_use(dY, X, A):
    U = X @ A
    dU = dY * X
    dX = dU @ A.T
    dX = dY * U  # "=" for "+=": the first use of X is lost
    return dX, X.T @ dU


def attention_dK_unscaled(dY, Q, K, V, mask=None):
    S = attention_weights(Q, K, mask)
    dS = dY @ np.swapaxes(V, -1, -2)
    dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))
    dQ = dZ @ K / np.sqrt(Q.shape[-1])
    dK = np.swapaxes(dZ, -1, -2) @ Q  # the 1/sqrt(D_head) of Z forgotten here only
    return dQ, dK, np.swapaxes(S, -1, -2) @ dY


PLANTED = {
    "dW transposed on a square W": (
        "checking_derivatives/catches_transpose.py:matmul_backward",
        "matmul_backward",
        matmul_dW_transposed,
    ),
    "the mean's 1/N missing": (
        "reductions/mse_per_example.py:mse_per_example_backward",
        "mse_per_example_backward",
        mse_per_example_no_mean,
    ),
    "BatchNorm's variance term dropped": (
        "normalization/batchnorm.py:batchnorm_backward",
        "batchnorm_backward",
        batchnorm_without_variance_term,
    ),
    "fan-out: one use of X dropped": (
        "activations_and_graphs/fan_out.py:fan_out_backward",
        "fan_out_backward",
        fan_out_one_use,
    ),
    "attention: dK without 1/sqrt(D_head)": (
        "attention/attention.py:attention_backward",
        "attention_backward",
        attention_dK_unscaled,
    ),
    "exact GELU differentiated as its tanh form": (
        "activations_and_graphs/gelu.py:gelu_backward",
        "gelu_derivative",  # the helper gelu_backward calls, replaced
        gelu_tanh_derivative,  # off by up to ~1e-3: the approximation's error
    ),
}


@pytest.mark.parametrize("mistake", PLANTED)
def test_the_comparison_fails_on_a_planted_mistake(frameworks, monkeypatch, mistake):
    key, attribute, wrong = PLANTED[mistake]
    module = importlib.import_module(module_name_of(key.split(":")[0]))
    compare(key)  # the page's own formula passes
    monkeypatch.setattr(module, attribute, wrong)
    with pytest.raises(AssertionError, match="differs from PyTorch's autograd"):
        compare(key)
