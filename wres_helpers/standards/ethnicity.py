"""Staff ethnicity in any form an ESR export carries -> White / BME / Unknown.

The NHS Data Dictionary "ethnic category" letter is the key. The national two-character
sub-codes (`data/ethnic-categories.csv`) and description text map to it. A value that starts
with a code ("A White - British", "PC Black Nigerian") is read by that code: the first token
decides. A short token that is no national code ("NK", "NA", "NS", "No") is refused rather
than read by its first letter, unless the organisation's local code list says what it means.
"""

from __future__ import annotations

import csv
import re
from importlib import resources

WHITE, BME, UNKNOWN = "White", "BME", "Unknown"
GROUPS = (WHITE, BME, UNKNOWN)
NOT_KNOWN = "99"
NOT_KNOWN_CODES = (NOT_KNOWN, "X")  # "99" since 2013; "X" before it (HES)

_GROUP_OF_LETTER = {
    **dict.fromkeys("ABC", WHITE),
    **dict.fromkeys("DEFGHJKLMNPRS", BME),
    "Z": UNKNOWN,
}


def _national_list() -> dict[str, tuple[str, str]]:
    """code -> (its letter, description), from the national list kept as data."""
    text = resources.files(__package__).joinpath("data/ethnic-categories.csv").read_text("utf-8")
    return {r["code"]: (r["letter"], r["description"]) for r in csv.DictReader(text.splitlines())}


NATIONAL = _national_list()
# letter -> (description, WRES group)
CATEGORIES: dict[str, tuple[str, str]] = {
    code: (description, _GROUP_OF_LETTER[letter])
    for code, (letter, description) in NATIONAL.items()
    if code == letter
}
_LOCAL_DIGIT = re.compile(r"[A-HJ-NPRSZ][0-9]")  # the right-hand character is for local use

# Other spellings seen in local systems and the 2021 census lists, already normalised.
_EXTRA_DESCRIPTIONS = {
    "white": "A",
    "british": "A",
    "irish": "B",
    "gypsy or irish traveller": "C",
    "white gypsy or irish traveller": "C",
    "roma": "C",
    "white roma": "C",
    "arab": "S",
    "other ethnic group arab": "S",
    "chinese": "R",
    "any other ethnic group": "S",
    "other ethnic group": "S",
    "other": "S",
    "not stated": "Z",
    "prefer not to say": "Z",
    "not disclosed": "Z",
    "i do not wish to disclose my ethnic origin": "Z",
    "not known": NOT_KNOWN,
    "unknown": NOT_KNOWN,
    "not specified": NOT_KNOWN,
    "undefined": NOT_KNOWN,
    "unspecified": NOT_KNOWN,
}
# Long "not stated" forms on staff and application forms ("I do not wish to disclose my ethnic
# origin", "Prefer not to answer", "Declined to say"): asked, and declined, so Z.
_DECLINED = re.compile(
    r"\b(?:prefer not|rather not|choose not|chose not|not wish to|not want to|declined?"
    r"|not to (?:say|disclose|answer|state))\b"
)

EXPECTED = (
    "an NHS ethnic category: a letter (A-H, J-N, P, R, S, Z), a national code such as 'C2' "
    "or 'PC', a letter and a digit such as 'C3', 99, X, a description such as "
    "'White - British' (alone or after its code), or blank; any other local code must be "
    "listed in the organisation's local-codes.yaml"
)


def normalise(text: str) -> str:
    """Lower case, words only: 'Asian & Asian British – Indian' -> 'asian and asian british
    indian'."""
    text = text.lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _description_index() -> dict[str, str]:
    index = dict(_EXTRA_DESCRIPTIONS)
    for code, (letter, description) in NATIONAL.items():
        if code == letter:
            index[normalise(description)] = letter
    for letter, description in NATIONAL.values():
        index.setdefault(normalise(description), letter)
        # "Asian or Asian British - Indian" is often just "Indian" or "Asian - Indian".
        heading, _, detail = description.partition(" - ")
        if detail:
            index.setdefault(normalise(f"{heading.split(' or ')[0]} {detail}"), letter)
    for letter, description in NATIONAL.values():
        detail = description.partition(" - ")[2]
        if detail:
            index.setdefault(normalise(detail), letter)
    return index


_BY_DESCRIPTION = _description_index()


def code_letter(token: str) -> str | None:
    """The letter (or '99') a code stands for: national code, letter with a digit, 99 or X."""
    upper = token.upper()
    if upper in NOT_KNOWN_CODES:
        return NOT_KNOWN
    if upper in NATIONAL:
        return NATIONAL[upper][0]
    if _LOCAL_DIGIT.fullmatch(upper):
        return upper[0]
    return None


def category(value: str, local: dict[str, str] | None = None) -> str | None:
    """The ethnic category letter (or '99') for one raw value; None if not recognised.

    local: the organisation's own codes and spellings (normalised) -> a recognised value.
    """
    raw = value.strip()
    if raw == "":
        return NOT_KNOWN
    if local:
        first = raw.split()[0]
        for key in (normalise(raw), normalise(first)):
            if key in local:
                return category(local[key])
    first = raw.split()[0]
    letter = code_letter(first)
    if letter is not None:
        return letter
    described = _described(raw)
    if described is not None and (len(raw.split()) > 1 or len(first) > 2):
        return described  # "I do not wish to disclose ...": a sentence, not the code "I"
    if len(first) <= 2 and first.isalnum():
        return None  # "NK", "NA", "NS", "No": a local code, never read by its first letter
    return described


def _described(raw: str) -> str | None:
    words = normalise(raw)
    found = _BY_DESCRIPTION.get(words)
    if found is None and _DECLINED.search(words):
        return "Z"
    return found


def rule(value: str) -> str:
    """Which rule reads a value that :func:`category` recognises (for the mapping audit)."""
    words = value.split()
    if not words:
        return "blank: not known"
    first = words[0].upper()
    if first in NOT_KNOWN_CODES:
        return "not known code"
    if first in NATIONAL:
        return "national code" if len(words) == 1 else "national code, then its description"
    if _LOCAL_DIGIT.fullmatch(first):
        return "letter, then a local digit"
    if normalise(value) not in _BY_DESCRIPTION:
        return "description: declined to state"
    return "description"


def group_of(letter: str) -> str:
    """WRES group of a category letter from :func:`category`."""
    return CATEGORIES[letter][1] if letter in CATEGORIES else UNKNOWN
