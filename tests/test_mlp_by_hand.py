"""The network of docs/mlp_by_hand.md trains to the accuracy the page states."""

import numpy as np

from snippets.mlp_by_hand.two_layer_mlp import train
from tests.discover import DOCS

STATED_ACCURACY = 0.95
STATEMENT = "above the 95 % that the snippet and the test require"


def test_the_page_states_the_accuracy_this_test_checks():
    page = (DOCS / "mlp_by_hand.md").read_text(encoding="utf-8")
    assert " ".join(page.split()).count(STATEMENT) == 1


def test_training_reaches_stated_accuracy_and_loss_falls():
    losses, accuracy, params = train()
    assert losses.shape == (1001,)  # before each of the 1000 steps, and after
    assert np.all(np.isfinite(losses))
    assert accuracy >= STATED_ACCURACY
    assert losses[-1] < losses[0] / 5
    assert {name: p.shape for name, p in params.items()} == {
        "W1": (2, 32),
        "b1": (32,),
        "W2": (32, 3),
        "b2": (3,),
    }


def test_training_is_deterministic():
    first, second = train(steps=50), train(steps=50)
    np.testing.assert_array_equal(first[0], second[0])
    assert first[1] == second[1]
