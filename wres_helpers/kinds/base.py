"""What every kind of indicator answers: the base class of the kinds.

A kind is one object (a singleton: `RELATIVE_LIKELIHOOD`), given to each of its indicators
by the registries (`standards/wres.py`, `standards/wdes.py`): `Indicator.kind`. Code that
depends on what an indicator is asks its kind (`ind.kind.compute(...)`, `ind.kind.section(...)`)
and never compares kinds; the queries by kind are `Standard.of_kind(SomeKind)` and
`Standard.from_survey` (the kinds whose `survey` is set).

A kind is declared below every layer (the registries, at the bottom, name it) but does its
work in the layers above: a kind's own module (`kinds/<kind>/__init__.py`) imports nothing of
the package at its top, and imports the layer a method works in (compute, words, sections)
inside that method, when the method is called. Its section's layout is the module beside it,
`kinds/<kind>/section.py`, imported by its `section` method only: loaded then, it imports the
layers below the sections at its top, as any section module does. tests/test_layout.py holds
it to that.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pandas as pd

    from ..inputs.load import Dataset
    from ..inputs.settings import Settings
    from ..report import ReportData
    from ..standards.registry import Headline, Indicator, Standard
    from ..words.lookup import Figures
    from ..words.summary import Line


class Kind(ABC):
    """A kind of indicator and everything it does. Each subclass is one folder of `kinds/`;
    a kind that leaves a method out cannot be made (the methods are abstract)."""

    name: ClassVar[str]  # in words: 'relative likelihood'
    survey: ClassVar[bool] = False  # counted from a staff survey file (dated by its survey)
    typed: ClassVar[bool] = True  # figures can be typed from a published report

    # One object per kind: equal to any other of its class (a copy made by pickling, too).
    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def __str__(self) -> str:
        return self.name

    # --- the registry ---

    def check(self, ind: Indicator) -> None:  # noqa: B027  (a kind may need nothing more)
        """Raise ValueError when the registry declares `ind` without what this kind needs."""

    # --- figures ---

    @abstractmethod
    def headline(self, ind: Indicator, standard: Standard, settings: Settings) -> Headline:
        """Which row of indicators.csv is the indicator's one comparable figure (a report's
        and the national comparison's), and which way is best."""

    @abstractmethod
    def compute(
        self, dataset: Dataset, ind: Indicator, standard: Standard, settings: Settings
    ) -> pd.DataFrame:
        """Every figure of the indicator for every organisation-year of `dataset`, in
        indicators.csv's columns (unsuppressed, unsorted); empty when its table is absent."""

    def breakdowns(self, ind: Indicator, standard: Standard) -> str:
        """The data dictionary's words for its breakdown labels ('' for the common 'All')."""
        from ..standards.registry import ALL

        if ind.breakdowns == (ALL,):
            return ""
        return f"{standard.term} {ind.id}: " + " or ".join(map(repr, ind.breakdowns))

    def typed_measure(self, headline: Headline, group: str) -> tuple[str, str]:
        """The measure and breakdown of a figure typed from a published report: the
        headline's, or (`group` given) that group's own figure."""
        return headline.measure, headline.breakdown

    # --- words ---

    @abstractmethod
    def placeholders(
        self, figures: Figures, ind: Indicator, org: str, year: int, prefix: str, settings: Settings
    ) -> dict[str, str]:
        """The commentary's placeholders for the indicator in `year`, each name starting
        `prefix` (the standard's placeholder stem and the id, after 'previous.' for the year
        before): '<prefix>.rl'."""

    @abstractmethod
    def summary_line(
        self, figures: Figures, ind: Indicator, org: str, year: int, settings: Settings
    ) -> Line:
        """The indicator's line of the executive summary (and its finding, if any)."""

    # --- the report ---

    @abstractmethod
    def section(self, report: ReportData, ind: Indicator) -> None:
        """Show the indicator's section of the report (laid out in the kind's `section.py`)."""

    def detail_table(self, report: ReportData, ind: Indicator) -> None:
        """Show the detail table its section gives the web page but not the Board PDF, for
        the technical annex (none by default)."""
        return None

    @abstractmethod
    def summary_cell(self, report: ReportData, ind: Indicator, year: int) -> str:
        """Its headline figure in words, for the summary in NHS England's template."""

    # --- the return to NHS England ---

    def return_rows(self, rows: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
        """Which of the indicator's unsuppressed rows NHS England's data collection asks for
        (`wres return`): all of them by default."""
        return rows
