"""The repository's own tools do what they say."""

from tools.ruff_format import FORMATTED_MARKER, MARKER
from tools.update_output import replace_outputs

SNIPPET = """\
def main():
    print(f"shape {(3, 3)}")
    #> shape (2, 2)
    for i in range(2):
        print(i)
    #> 7
    #> 8
"""


def test_update_output_rewrites_output_lines_in_place():
    new = replace_outputs(SNIPPET, ["shape (3, 3)", "0", "1"])
    assert new == SNIPPET.replace("(2, 2)", "(3, 3)").replace("#> 7", "#> 0").replace(
        "#> 8", "#> 1"
    )


def test_update_output_refuses_to_guess_when_the_count_changes():
    assert replace_outputs(SNIPPET, ["shape (3, 3)", "0"]) is None


def test_ruff_format_marker_round_trip():
    text = "    #> (3, 3, 3)\n"
    mangled = MARKER.sub(r"\1# > ", text)
    assert mangled == "    # > (3, 3, 3)\n"
    assert FORMATTED_MARKER.sub(r"\1#> ", mangled) == text
