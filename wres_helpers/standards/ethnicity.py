"""Staff ethnicity in any form an ESR export carries -> White / BME / Unknown.

The NHS Data Dictionary "ethnic category" letter is the key; two-character local
codes ("C3") and description text ("Asian or Asian British - Indian") map to it.
"""

from __future__ import annotations

import re

WHITE, BME, UNKNOWN = "White", "BME", "Unknown"
GROUPS = (WHITE, BME, UNKNOWN)

# letter -> (description, WRES group)
CATEGORIES: dict[str, tuple[str, str]] = {
    "A": ("White - British", WHITE),
    "B": ("White - Irish", WHITE),
    "C": ("White - Any other White background", WHITE),
    "D": ("Mixed - White and Black Caribbean", BME),
    "E": ("Mixed - White and Black African", BME),
    "F": ("Mixed - White and Asian", BME),
    "G": ("Mixed - Any other mixed background", BME),
    "H": ("Asian or Asian British - Indian", BME),
    "J": ("Asian or Asian British - Pakistani", BME),
    "K": ("Asian or Asian British - Bangladeshi", BME),
    "L": ("Asian or Asian British - Any other Asian background", BME),
    "M": ("Black or Black British - Caribbean", BME),
    "N": ("Black or Black British - African", BME),
    "P": ("Black or Black British - Any other Black background", BME),
    "R": ("Other ethnic groups - Chinese", BME),
    "S": ("Other ethnic groups - Any other ethnic group", BME),
    "Z": ("Not stated", UNKNOWN),
}
NOT_KNOWN = "99"

# Other spellings seen in local systems, already normalised (see _normalise).
_EXTRA_DESCRIPTIONS = {
    "white": "A",
    "british": "A",
    "irish": "B",
    "gypsy or irish traveller": "C",
    "white gypsy or irish traveller": "C",
    "arab": "S",
    "chinese": "R",
    "any other ethnic group": "S",
    "other ethnic group": "S",
    "other": "S",
    "not stated": "Z",
    "prefer not to say": "Z",
    "not known": NOT_KNOWN,
    "unknown": NOT_KNOWN,
    "not specified": NOT_KNOWN,
    "undefined": NOT_KNOWN,
}

EXPECTED = (
    "an NHS ethnic category letter (A-H, J-N, P, R, S, Z), 99, a local code such as 'C3', "
    "a description such as 'White - British', or blank"
)


def _normalise(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _description_index() -> dict[str, str]:
    index = dict(_EXTRA_DESCRIPTIONS)
    for letter, (description, _) in CATEGORIES.items():
        full = _normalise(description)
        index[full] = letter
        # "Asian or Asian British - Indian" is often just "Indian" or "Asian - Indian".
        heading, _, detail = description.partition(" - ")
        if detail:
            index.setdefault(_normalise(detail), letter)
            index.setdefault(_normalise(f"{heading.split(' or ')[0]} {detail}"), letter)
    return index


_BY_DESCRIPTION = _description_index()


def category(value: str) -> str | None:
    """The ethnic category letter (or '99') for one raw value; None if unrecognised."""
    raw = value.strip()
    if raw == "" or raw == NOT_KNOWN:
        return NOT_KNOWN
    upper = raw.upper()
    if upper in CATEGORIES:
        return upper
    if len(upper) == 2 and upper[0] in CATEGORIES and upper[1].isalnum():
        return upper[0]
    return _BY_DESCRIPTION.get(_normalise(raw))


def group_of(letter: str) -> str:
    """WRES group of a category letter from :func:`category`."""
    return CATEGORIES[letter][1] if letter in CATEGORIES else UNKNOWN
