"""The ESR disability values and the WDES groups they belong to."""

import pytest

from wres_helpers.standards import disability


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Yes", "Disabled"),
        ("YES", "Disabled"),
        ("disabled", "Disabled"),
        ("No", "Non-disabled"),
        ("no", "Non-disabled"),
        ("Non-disabled", "Non-disabled"),
        ("NON-DISABLED", "Non-disabled"),
        ("Not Declared", "Unknown"),
        ("not declared", "Unknown"),
        ("Prefer Not To Answer", "Unknown"),
        ("Unspecified", "Unknown"),
        ("Unknown", "Unknown"),
        ("", "Unknown"),
        ("   ", "Unknown"),
    ],
)
def test_esr_values_map_to_the_three_groups(raw, expected):
    assert disability.group(raw) == expected


def test_blank_is_unknown_never_no():
    assert disability.group("") == "Unknown"
    assert disability.group("") != disability.group("No")


@pytest.mark.parametrize("raw", ["Maybe", "2", "Yes please", "Disabled staff"])
def test_other_values_are_refused(raw):
    assert disability.group(raw) is None
