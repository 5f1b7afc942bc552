"""Model Employer goals: for each senior band and cluster, the focus group's share against the
goal, the gap in people, what closing it by the goal year takes, and the straight-line
milestone.

Counted from the pay-band indicator's figures (every staff group's Agenda for Change band
together; medical grades are not bands): a band's share is its focus-group staff over all its
staff, unknown ethnicity included, as in the pay-band indicator. The goal is parity, the focus-
group share of the whole workforce in the reporting year, unless the organisation set its own
target. The gap is the focus-group staff the band lacks at today's size, rounded up to whole
people: closing it by the goal year takes that many more focus-group staff in post, spread over
the years left. The milestone is the straight line from the band's share in the baseline year to
the goal in the goal year; a band is on track when its share (to one decimal place, as shown) is
at or above it.

Disclosure: a band's focus-group count is hidden, with everything that would give it back
(share, gap, a year's worth, status), when it is in the suppression range or any pay-band
indicator cell it adds up is hidden; a cluster's is the indicator's own cluster row (the WRES
publishes its clusters beside its bands, protected as sums of them) and hidden when that is.
So a count shown is a sum of published cells (or one), and one hidden leaves nothing shown
that rests on it: the staff, the goal and the staff at the goal do
not. The milestone rests on the goal and the baseline year's share only, so it is shown when
the baseline's count passes the same test (in its own year's table) and hidden when not."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..inputs.params import ModelEmployer
from ..inputs.settings import Settings
from ..standards import model_employer as me
from ..standards.registry import OVERALL

MEDICAL = "Medical and dental"


@dataclass(frozen=True)
class Share:
    """A band or cluster's focus-group staff in one year, and whether the count may be shown."""

    staff: int
    bme: int
    hidden: bool

    @property
    def percent(self) -> float:
        return 100 * self.bme / self.staff if self.staff else math.nan


@dataclass(frozen=True)
class Goal:
    name: str  # "8a", "8a–8b"
    now: Share
    goal: float  # % BME to reach by the goal year
    own_target: bool  # the organisation's own target, not parity
    goal_hidden: bool  # parity with a hidden overall share
    years_left: int
    baseline: Share | None  # None: no data for the baseline year
    milestone: float  # % expected this year on the straight line; NaN when not known

    @property
    def hidden(self) -> bool:
        return self.now.hidden or self.goal_hidden

    @property
    def needed(self) -> int:
        """Focus-group staff the band would have at its goal, at today's size (whole people, up).
        It does not depend on the group's count, so it is shown even when that count is hidden."""
        # A hair under, so 10% of 30 staff is 3 people, not 4 from 3.0000000000000004.
        return math.ceil(self.goal / 100 * self.now.staff - 1e-9)

    @property
    def gap(self) -> int:
        """The focus group's staff the band lacks at today's size (0 at or above the goal)."""
        if not self.now.staff:
            return 0
        return max(0, math.ceil(self.goal / 100 * self.now.staff - self.now.bme - 1e-9))

    @property
    def per_year(self) -> float:
        return self.gap / self.years_left if self.years_left > 0 else math.nan

    @property
    def at_goal(self) -> bool:
        return bool(self.now.staff) and self.gap == 0

    @property
    def on_track(self) -> bool | None:
        """At or above this year's milestone; None when it cannot be judged."""
        if not self.now.staff or math.isnan(self.milestone):
            return None
        return round(self.now.percent, 1) >= round(self.milestone, 1)


def shares(computed: pd.DataFrame, published: pd.DataFrame, org: str, year: int, settings):
    """Each band's and cluster's Share for one year (empty if the year has no workforce)."""
    pick = (
        (computed["org"] == org)
        & (computed["year"] == year)
        & (computed["indicator"] == me.INDICATOR)
        & (computed["measure"] == "percent")
        & (computed["group"] == me.GROUP)
    )
    rows = computed[pick]
    if rows.empty:
        return {}
    hidden = published.loc[rows.index, "suppression"].astype(str).ne("")
    band = rows["breakdown"].str.partition(": ")[2]
    afc = ~rows["breakdown"].str.startswith(f"{MEDICAL}: ") & (rows["breakdown"] != OVERALL)
    out = {}
    for name, bands in me.GROUPS.items():
        part = afc & band.isin(bands)
        row = rows["breakdown"] == me.CLUSTER_ROWS.get(name)
        if row.any():  # the indicator's own cluster row, published (or not) as a whole
            part = row
        staff = int(rows.loc[part, "denominator"].fillna(0).sum())
        bme = int(rows.loc[part, "numerator"].fillna(0).sum())
        small = settings.suppresses and settings.suppress_from <= bme <= settings.suppress_to
        out[name] = Share(staff, bme, bool(small or hidden[part].any()))
    overall = rows["breakdown"] == OVERALL
    out[OVERALL] = Share(
        int(rows.loc[overall, "denominator"].sum()),
        int(rows.loc[overall, "numerator"].sum()),
        bool(hidden[overall].any()),
    )
    return out


def goals(
    computed: pd.DataFrame,
    published: pd.DataFrame,
    org: str,
    year: int,
    plan: ModelEmployer,
    settings: Settings | None = None,
) -> list[Goal]:
    """The Model Employer table of one organisation-year, bands then clusters."""
    settings = settings or Settings()
    now = shares(computed, published, org, year, settings)
    if not now:
        return []
    base = shares(computed, published, org, plan.baseline_year, settings)
    parity = now[OVERALL]
    span = plan.goal_year - plan.baseline_year
    done = min(max(year - plan.baseline_year, 0), span) / span
    out = []
    for name in me.GROUPS:
        own = name in plan.targets
        goal = plan.targets[name] if own else parity.percent
        first = base.get(name) if base else None
        start = first.percent if first and first.staff else math.nan
        hidden_base = first is None or first.hidden or (not own and parity.hidden)
        out.append(
            Goal(
                name=name,
                now=now[name],
                goal=goal,
                own_target=own,
                goal_hidden=not own and parity.hidden,
                years_left=plan.goal_year - year,
                baseline=first,
                milestone=math.nan if hidden_base else start + (goal - start) * done,
            )
        )
    return out


def trajectory(goal: Goal, plan: ModelEmployer) -> list[tuple[int, float]]:
    """The straight line from the baseline share to the goal: (year, %) at each end."""
    if goal.baseline is None or not goal.baseline.staff or math.isnan(goal.milestone):
        return []
    return [(plan.baseline_year, goal.baseline.percent), (plan.goal_year, goal.goal)]
