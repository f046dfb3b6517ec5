"""The transformer block of docs/transformer_by_hand.md: trained, checked against PyTorch.

* A shortened training run brings the loss below the value the page states.
* The same block built in PyTorch from the same float64 weights gives the same
  loss and the same gradient for every parameter, and the hand-written Adam
  makes torch.optim.Adam's steps (skipped without PyTorch).
* A wrong formula inside an imported chapter function (planted here with
  monkeypatch; the block's own mistakes are in tests/wrong_formulas/) makes the
  block's gradient check fail.
"""

import numpy as np
import pytest

from snippets.transformer_by_hand import block
from snippets.transformer_by_hand.train import adam_update, train
from tests.discover import DOCS

SHORT_STEPS = 150
STATED_LOSS = 1.1
STATEMENT = "after 150 steps the mean loss of the last 20 batches is below 1.1"


def test_the_page_states_the_loss_this_test_checks():
    page = (DOCS / "transformer_by_hand.md").read_text(encoding="utf-8")
    assert " ".join(page.split()).count(STATEMENT) == 1


def test_a_short_training_run_brings_the_loss_below_the_stated_value():
    losses, p = train(steps=SHORT_STEPS)
    assert losses.shape == (SHORT_STEPS,)
    assert np.all(np.isfinite(losses))
    assert losses[0] > 2.0  # it starts near or above log 11 = 2.398
    assert losses[-20:].mean() < STATED_LOSS
    assert p.keys() == block.init_params(np.random.default_rng(0)).keys()


def import_torch():
    """PyTorch, or a skip that says how to install it."""
    return pytest.importorskip(
        "torch",
        reason="PyTorch is not installed: pip install torch==2.13.0 "
        "--index-url https://download.pytorch.org/whl/cpu",
    )


def torch_loss_and_gradients(p, idx, labels):
    """The same model in PyTorch (float64): its loss and every parameter's gradient."""
    torch = import_torch()
    F = torch.nn.functional
    t = {name: torch.tensor(v, requires_grad=True) for name, v in p.items()}
    ids, targets = torch.tensor(idx), torch.tensor(labels)
    N, T = idx.shape
    D = p["E"].shape[1]
    N_head = block.N_HEAD

    def ln(x, k):
        return F.layer_norm(x, (D,), t[f"gamma_{k}"], t[f"beta_{k}"], eps=1e-5)

    def heads(x):  # (N, T, D) -> (N, N_head, T, D_head)
        return x.view(N, T, N_head, D // N_head).transpose(1, 2)

    X0 = t["E"][ids] + t["E_pos"]  # (N, T, D)
    Y1 = ln(X0, 1)
    Q, K, V = heads(Y1 @ t["W_q"]), heads(Y1 @ t["W_k"]), heads(Y1 @ t["W_v"])
    A = F.scaled_dot_product_attention(Q, K, V, is_causal=True)
    X1 = X0 + A.transpose(1, 2).reshape(N, T, D) @ t["W_o"]
    H = F.gelu(ln(X1, 2) @ t["W_1"] + t["b_1"], approximate="tanh")
    X2 = X1 + H @ t["W_2"] + t["b_2"]
    Z = ln(X2, "f") @ t["W_out"] + t["b_out"]  # (N, T, C)
    L = F.cross_entropy(Z.reshape(N * T, -1), targets.reshape(N * T))
    L.backward()
    return L.item(), {name: v.grad.numpy() for name, v in t.items()}


def test_loss_and_every_gradient_agree_with_pytorch_autograd():
    rng = np.random.default_rng(5)
    idx, labels = block.reverse_task(rng, N=4)
    p = block.init_params(rng)
    for name in ("gamma_1", "beta_1", "gamma_2", "beta_2", "gamma_f", "beta_f"):
        p[name] = p[name] + 0.1 * rng.standard_normal(p[name].shape)
    L_torch, dp_torch = torch_loss_and_gradients(p, idx, labels)
    L, dp = block.loss_and_gradients(p, idx, labels)
    np.testing.assert_allclose(L, L_torch, rtol=1e-12)
    assert dp.keys() == dp_torch.keys()
    for name in p:
        np.testing.assert_allclose(
            dp[name], dp_torch[name], rtol=1e-9, atol=1e-12, err_msg=name
        )


def test_adam_update_makes_the_steps_of_torch_optim_adam():
    torch = import_torch()
    rng = np.random.default_rng(7)
    p = {"W": rng.standard_normal((3, 4)), "b": rng.standard_normal(4)}
    t = {name: torch.tensor(v, requires_grad=True) for name, v in p.items()}
    optimizer = torch.optim.Adam(t.values(), lr=1e-2)  # default betas and eps
    state = {"step": 0}
    for _ in range(5):  # past the first step, where the bias corrections matter most
        dp = {name: rng.standard_normal(v.shape) for name, v in p.items()}
        for name, v in t.items():
            v.grad = torch.tensor(dp[name])
        optimizer.step()
        adam_update(p, dp, state, lr=1e-2)
        for name, v in t.items():
            np.testing.assert_allclose(
                p[name], v.detach().numpy(), rtol=1e-12, atol=1e-15, err_msg=name
            )


def layernorm_backward_without_the_variance_term(dY, X, gamma, eps=1e-5):
    """A reader's LayerNorm backward that forgets the variance depends on X."""
    D = X.shape[-1]
    rho = 1.0 / np.sqrt(X.var(axis=-1, keepdims=True) + eps)
    X_hat = (X - X.mean(axis=-1, keepdims=True)) * rho
    dX_hat = dY * gamma
    dX = rho * (dX_hat - dX_hat.mean(axis=-1, keepdims=True))
    dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)
    dbeta = dY.reshape(-1, D).sum(axis=0)
    return dX, dgamma, dbeta


def cross_entropy_backward_without_the_mean(dL=1.0, *, S, labels):
    """The 1/(N T) of the mean dropped: every gradient N T times too large."""
    dZ = S.copy()
    dZ[np.arange(S.shape[0]), labels] -= 1.0
    return dL * dZ


def exact_gelu_backward_behind_the_tanh_forward(dY, X):
    """The erf form's derivative under the tanh form's forward: off by ~1e-3."""
    from activations_and_graphs.gelu import gelu_backward

    return gelu_backward(dY, X)


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("layernorm_backward", layernorm_backward_without_the_variance_term),
        ("cross_entropy_backward", cross_entropy_backward_without_the_mean),
        ("gelu_tanh_backward", exact_gelu_backward_behind_the_tanh_forward),
    ],
)
def test_a_wrong_chapter_function_fails_the_block_check(monkeypatch, name, wrong):
    rng = np.random.default_rng(6)
    idx, labels = block.reverse_task(rng, N=4)
    p = block.init_params(rng)
    block.check_all_gradients(p, idx, labels, rng)  # right: passes
    monkeypatch.setattr(block, name, wrong)
    with pytest.raises(AssertionError):
        block.check_all_gradients(p, idx, labels, rng)
