"""The kinds of indicator, one folder each, holding everything a kind does: in its
`__init__.py` the kind's class (how its figures are computed, its headline figure, its
placeholders and summary line, its cell of the summary table, its rows of the return to NHS
England), in its `section.py` the layout of its section of the report (see base.py for what
every kind answers).

- bands: a count table by group (each group's share of each pay band)
- likelihood: a relative likelihood (one group's rate over the other's)
- survey: a survey percentage (% of each group's respondents)
- score: a survey mean score per group, compared in points
- answer: a yes/no answer with the organisation's narrative
- board: a Board difference (a group's Board share minus its workforce share)

The registries (standards/wres.py, standards/wdes.py) give each indicator its kind.
"""

from .answer import NARRATIVE, YesNo
from .bands import BAND_DISTRIBUTION, BandDistribution
from .base import Kind
from .board import BOARD_DIFFERENCE, BoardDifference
from .likelihood import RELATIVE_LIKELIHOOD, RelativeLikelihood
from .score import SURVEY_MEAN, SurveyMean
from .survey import SURVEY_PERCENT, SurveyPercent

__all__ = [
    "Kind",
    "BandDistribution",
    "RelativeLikelihood",
    "SurveyPercent",
    "SurveyMean",
    "YesNo",
    "BoardDifference",
    "BAND_DISTRIBUTION",
    "RELATIVE_LIKELIHOOD",
    "SURVEY_PERCENT",
    "SURVEY_MEAN",
    "NARRATIVE",
    "BOARD_DIFFERENCE",
]
