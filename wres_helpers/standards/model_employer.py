"""NHS England's Model Employer strategy (January 2019), as the report uses it.

Every organisation was asked to set aspirational goals so that BME representation at each
Agenda for Change band from 8a upwards, and among very senior managers (VSM), matches the
BME share of its whole workforce by 2028, with milestones year by year. The bands and the
two clusters the strategy reports on are written here once.
"""

from __future__ import annotations

from .clusters import AFC_CLUSTERS, COMBINED
from .ethnicity import BME

STRATEGY = "NHS England, 'A model employer: increasing black and minority ethnic representation "
STRATEGY += "at senior levels across the NHS' (January 2019)"
STANDARD = "WRES"  # a race-equality strategy: a WRES report's section, never a WDES one
GOAL_YEAR = 2028
GROUP = BME  # the group whose representation the goals are for
INDICATOR = "1"  # the pay-band indicator whose counts the goals use
BANDS = ("8a", "8b", "8c", "8d", "9", "VSM")
# The two clusters are NHS England's (clusters.py, as WRES indicator 1 shows them): every
# staff group's bands together but doctors', the indicator's 'Clinical and non-clinical' rows.
_AFC = dict(AFC_CLUSTERS)
_LABELS = {"8a–8b": "Bands 8a-8b", "8c–VSM": "Bands 8c-9 and VSM"}
CLUSTERS = {name: _AFC[label] for name, label in _LABELS.items()}
CLUSTER_ROWS = {name: f"{COMBINED}: {label}" for name, label in _LABELS.items()}
GROUPS = {**{band: (band,) for band in BANDS}, **CLUSTERS}  # in the order the report shows


def group_name(text: str) -> str | None:
    """A band or cluster as an analyst may write it ('8c-VSM', '8C–vsm', 'Band 8a')."""
    plain = str(text).strip().lower().replace("band", "").replace(" ", "").replace("-", "–")
    return next((name for name in GROUPS if name.lower() == plain), None)
