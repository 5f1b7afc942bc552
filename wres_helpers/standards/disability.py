"""Staff disability in any form ESR or a local system records it -> Disabled / Non-disabled /
Unknown.

ESR's disability field holds `Yes`, `No`, `Not Declared`, `Prefer Not To Answer` or
`Unspecified`, or is blank; some systems write the WDES groups themselves. Blank is
Unknown, never No: a member of staff who has not answered has not said they are not disabled.
"""

from __future__ import annotations

import re

DISABLED, NON_DISABLED, UNKNOWN = "Disabled", "Non-disabled", "Unknown"
GROUPS = (DISABLED, NON_DISABLED, UNKNOWN)

# Normalised spelling (see _normalise) -> group: the defaults, which an organisation's
# local-codes.yaml may add to (its `disability` section).
SPELLINGS = {
    "yes": DISABLED,
    "y": DISABLED,
    "disabled": DISABLED,
    "no": NON_DISABLED,
    "n": NON_DISABLED,
    "non disabled": NON_DISABLED,
    "not disabled": NON_DISABLED,
    "nondisabled": NON_DISABLED,
    "": UNKNOWN,
    "unknown": UNKNOWN,
    "not declared": UNKNOWN,
    "undeclared": UNKNOWN,
    "prefer not to answer": UNKNOWN,
    "prefer not to say": UNKNOWN,
    "unspecified": UNKNOWN,
    "not specified": UNKNOWN,
    "not stated": UNKNOWN,
    "not known": UNKNOWN,
}

EXPECTED = (
    "a disability status: Yes, No, Not Declared, Prefer Not To Answer, Unspecified, "
    "Disabled, Non-disabled, Unknown, or blank; any other value must be listed in the "
    "organisation's local-codes.yaml"
)


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def group(value: str) -> str | None:
    """The WDES group of one raw value (blank is Unknown); None if unrecognised."""
    return SPELLINGS.get(_normalise(value))
