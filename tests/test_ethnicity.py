"""Ethnic category in every form an ESR export carries -> letter -> White / BME / Unknown.

Expected values are written out here from the table in docs/analyst-guide.md ("Ethnic
category"), not read from the module.
"""

from __future__ import annotations

import pytest

from wres_helpers.standards import ethnicity
from wres_helpers.standards.ethnicity import category, group_of

# docs/analyst-guide.md, "Ethnic category": A-C White; D-H, J-N, P, R, S BME; Z, 99, blank
# Unknown.
LETTER_GROUP = {
    **dict.fromkeys("ABC", "White"),
    **dict.fromkeys("DEFGHJKLMNPRS", "BME"),
    "Z": "Unknown",
}


def group(value: str) -> str | None:
    letter = category(value)
    return None if letter is None else group_of(letter)


def test_the_letters_cover_exactly_the_nhs_data_dictionary_codes():
    assert set(ethnicity.CATEGORIES) == set(LETTER_GROUP)
    assert len(LETTER_GROUP) == 17


@pytest.mark.parametrize("letter", sorted(LETTER_GROUP))
def test_every_nhs_letter_in_upper_and_lower_case(letter):
    assert category(letter) == letter
    assert category(letter.lower()) == letter
    assert category(f"  {letter} ") == letter
    assert group_of(letter) == LETTER_GROUP[letter]


@pytest.mark.parametrize("letter", ["I", "O", "Q", "T", "U", "V", "W", "Y"])
def test_letters_that_are_not_categories_are_rejected(letter):
    assert category(letter) is None
    assert category(letter.lower()) is None


@pytest.mark.parametrize("value", ["99", "", "   ", " 99 "])
def test_99_and_blank_are_not_known(value):
    assert category(value) == "99"
    assert group_of("99") == "Unknown"


@pytest.mark.parametrize(
    ("value", "letter", "wres_group"),
    [
        ("C3", "C", "White"),
        ("c3", "C", "White"),
        ("a1", "A", "White"),
        ("A1", "A", "White"),
        ("CA", "C", "White"),
        ("H2", "H", "BME"),
        ("s9", "S", "BME"),
        ("Z1", "Z", "Unknown"),
    ],
)
def test_two_character_local_codes_roll_up_to_their_letter(value, letter, wres_group):
    assert category(value) == letter
    assert group(value) == wres_group


# The descriptions as ethnicity.CATEGORIES spells them, written out independently.
DESCRIPTIONS = [
    ("White - British", "A"),
    ("White - Irish", "B"),
    ("White - Any other White background", "C"),
    ("Mixed - White and Black Caribbean", "D"),
    ("Mixed - White and Black African", "E"),
    ("Mixed - White and Asian", "F"),
    ("Mixed - Any other mixed background", "G"),
    ("Asian or Asian British - Indian", "H"),
    ("Asian or Asian British - Pakistani", "J"),
    ("Asian or Asian British - Bangladeshi", "K"),
    ("Asian or Asian British - Any other Asian background", "L"),
    ("Black or Black British - Caribbean", "M"),
    ("Black or Black British - African", "N"),
    ("Black or Black British - Any other Black background", "P"),
    ("Other ethnic groups - Chinese", "R"),
    ("Other ethnic groups - Any other ethnic group", "S"),
    ("Not stated", "Z"),
]


@pytest.mark.parametrize(("text", "letter"), DESCRIPTIONS)
def test_every_category_description(text, letter):
    assert category(text) == letter
    assert category(text.upper()) == letter
    assert category(text.lower()) == letter
    assert group(text) == LETTER_GROUP[letter]


def test_descriptions_match_the_module_table():
    assert {letter: text for text, letter in DESCRIPTIONS} == {
        k: d for k, (d, _) in ethnicity.CATEGORIES.items()
    }


@pytest.mark.parametrize(
    ("text", "letter"),
    [  # the analyst guide's table ("Ethnic category"), with its en dashes
        ("White – British", "A"),
        ("White – Irish", "B"),
        ("White – any other White background", "C"),
        ("Chinese", "R"),
        ("Any other ethnic group", "S"),
        ("Not stated", "Z"),
        ("Not known", "99"),
    ],
)
def test_guide_table_descriptions(text, letter):
    assert category(text) == letter


@pytest.mark.parametrize(
    ("text", "letter", "wres_group"),
    [
        ("White British", "A", "White"),
        ("White - british", "A", "White"),
        ("WHITE - IRISH", "B", "White"),
        ("Asian or Asian British - Indian", "H", "BME"),
        ("Black or Black British – African", "N", "BME"),  # en dash
        ("Black or Black British — Caribbean", "M", "BME"),  # em dash
        ("Mixed - White & Asian", "F", "BME"),
        ("Mixed: White and Black African", "E", "BME"),
        ("Indian", "H", "BME"),
        ("Asian - Pakistani", "J", "BME"),
        ("Black African", "N", "BME"),
        ("Gypsy or Irish Traveller", "C", "White"),
        ("Not stated", "Z", "Unknown"),
        ("not stated", "Z", "Unknown"),
        ("Prefer not to say", "Z", "Unknown"),
        ("Not known", "99", "Unknown"),
        ("Unknown", "99", "Unknown"),
    ],
)
def test_common_esr_variants(text, letter, wres_group):
    assert category(text) == letter
    assert group(text) == wres_group


@pytest.mark.parametrize(
    "value", ["XX", "White-ish", "7", "0", "999", "A12", "A-", "Whitish", "Mixed", "BME", "?"]
)
def test_unrecognised_values_are_rejected(value):
    assert category(value) is None


def test_expected_words_name_every_accepted_form():
    for words in ("A-H, J-N, P, R, S, Z", "99", "'C3'", "'White - British'", "blank"):
        assert words in ethnicity.EXPECTED
