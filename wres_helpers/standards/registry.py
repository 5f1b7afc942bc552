"""What a workforce equality standard is, as data: its groups and its indicators.

A standard (the WRES in `wres.py`; the WDES beside it) is a `Standard`: the groups staff
are counted in, each with its role in a comparison, and the indicators in report order,
each with its kind, source table, which group is over the line of a ratio, which way is
worse, and the words its sentences and chart are made from. The engine, disclosure
control, the words, the sections, the placeholders, the action plan and the national
comparison read these; none of them names an indicator or a group itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..kinds import Kind
from .clusters import Cluster

# --- roles of groups: a comparison puts the focus group against the reference group -------

REFERENCE, FOCUS, UNKNOWN = "reference", "focus", "unknown"
ROLES = (REFERENCE, FOCUS, UNKNOWN)

# --- breakdowns: the `breakdown` column of indicators.csv, shared by every standard ---------

OVERALL = "Overall workforce"
ALL = "All"
NO_INTERNATIONAL = "Excluding international recruits"
SINGLE_YEAR, ROLLING = "Reporting year", "Two-year rolling"
BOARD = {  # breakdown -> the board.csv flag choosing its members
    "Board (voting)": "voting",
    "Board (executive)": "executive",
    "Board (non-executive)": "non_executive",
    "Board (all)": "member",
}
VOTING = "Board (voting)"  # the Board a headline figure compares with the workforce

HIGHER, LOWER = "higher", "lower"  # which way a figure is worse for the focus group


@dataclass(frozen=True)
class Group:
    """A group staff are counted in: its name in tables and indicators.csv, its role."""

    name: str
    role: str
    words: str = ""  # inside a sentence, when not the name ("non-disabled")

    @property
    def text(self) -> str:
        return self.words or self.name


@dataclass(frozen=True)
class Likelihood:
    """The words of a relative likelihood: '<group> <people> … as likely to <likely_to>';
    `did` and `base` say what the counts are ('were appointed' of those who 'were
    shortlisted')."""

    people: str
    likely_to: str
    did: str
    base: str


@dataclass(frozen=True)
class Headline:
    """Which row of indicators.csv is an indicator's one comparable figure, and what 'best'
    is: 'one' (closest to 1), 'zero', 'low', 'high' or '' (no better or worse)."""

    indicator: str
    measure: str
    breakdown: str
    group: str
    best: str


@dataclass(frozen=True)
class Indicator:
    """One indicator (a WDES 'metric'). `id` is its number as the standard writes it ('3',
    '4a_i'); `worse` says which way the figure (the rate of the counted event, the survey
    percentage, the Board difference) is worse for the focus group."""

    id: str
    title: str
    kind: Kind  # one of kinds/: what it computes, says and shows
    source: str  # the input table its counts come from
    label: str  # its headline figure in a few words (the national comparison's label)
    worse: str = ""  # HIGHER, LOWER or "" (neither, as for the make-up of the workforce)
    base: str = ""  # the table of the base counts, when not `source` (staff in post)
    top: str = ""  # a relative likelihood: the group over the line of the ratio
    likelihood: Likelihood | None = None
    phrase: str = ""  # a survey question, after '<x>% of <group> staff …'
    breakdowns: tuple[str, ...] = (ALL,)  # in the order its table shows them
    rolling_setting: str = ""  # the Settings flag making the two-year figure the headline
    groups: tuple[str, ...] = ()  # the groups reported, when not the compared pair
    beside: str = ""  # a breakdown shown beside an RL and left out of it (ill health)
    # A band distribution in clusters rather than bands: (staff group, label, its bands).
    clusters: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # A band distribution with cluster rows beside its band rows (the WRES): each cluster's
    # counts are the sum of its bands' (standards/clusters.py), published together.
    cluster_rows: tuple[Cluster, ...] = ()
    # (the Settings flag, what its section says when the organisation sets it): a fact about
    # the organisation that changes how the figure compares (the WDES's guaranteed interview).
    caveat: tuple[str, str] | tuple[()] = ()

    def caveat_for(self, settings) -> str:
        """The caveat its section gives under these settings, or ''."""
        flag, words = self.caveat or ("", "")
        return words if flag and getattr(settings, flag) else ""

    @property
    def printed(self) -> str:
        """The id as a report prints it: '4a(i)' for '4a_i' (file names and placeholders
        keep the id, which has no brackets)."""
        stem, _, part = self.id.partition("_")
        return f"{stem}({part})" if part else stem

    def __post_init__(self):
        if not isinstance(self.kind, Kind):
            raise ValueError(f"indicator {self.id}: unknown kind {self.kind!r}")
        if self.worse not in (HIGHER, LOWER, ""):
            raise ValueError(f"indicator {self.id}: worse must be 'higher', 'lower' or ''")
        self.kind.check(self)

    @property
    def base_table(self) -> str:
        return self.base or self.source

    def headline_breakdown(self, settings) -> str:
        """The breakdown of the headline figure: the two-year one where the setting asks."""
        if self.rolling_setting:
            return ROLLING if getattr(settings, self.rolling_setting) else SINGLE_YEAR
        return self.breakdowns[0]

    def higher_is_better(self) -> bool:
        return self.worse == LOWER

    def gives_verdict(self, standard: Standard, settings) -> bool:
        """Whether its RL is judged against the non-adverse range (a standard's setting)."""
        flag = standard.non_adverse_setting
        return not flag or bool(getattr(settings, flag))


@dataclass(frozen=True)
class Standard:
    """A workforce equality standard, as data: the one object every function that depends on
    the standard is given (never a name, never a default; `cli.py` reads `--standard` once).

    Parameters
    ----------
    code, name : str
        'WRES', 'Workforce Race Equality Standard'.
    characteristic, adjective : str
        What its groups record ('ethnicity') and the word for them ('ethnic').
    groups : tuple of Group
        One group for each role (reference, focus, unknown), in table order.
    indicators : tuple of Indicator
        In report order; each counts from one of `tables`.
    tables : tuple of str
        The input tables it reads (their contracts: `inputs.schema.tables_for`).
    bare_names : bool
        The first standard's files keep their names (indicators.csv); every other's carry
        its code (indicators-wdes.csv). `file_name` is the one place the rule is applied.

    Raises
    ------
    ValueError
        When declared with an id used twice, an unknown group, a role without a group or an
        indicator counting from a table it does not read.
    """

    code: str  # "WRES": file names, the cover's short title
    name: str  # "Workforce Race Equality Standard"
    characteristic: str  # "ethnicity": what the groups record
    adjective: str  # "ethnic": 'by ethnic group', 'the ethnic make-up of each band'
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    term: str = "indicator"  # what the standard calls its indicators ("metric")
    placeholder: str = "ind"  # commentary placeholders: {{ ind2.rl }}
    summary_caption: str = ""  # the caption of NHS England's summary table
    # The method appendix and its disclosure-control paragraph: str.format templates given
    # the settings `s`, `level` (of the intervals), `questions`, `rolling`, `disclosure`,
    # `reading`, `synthetic` and `verdict` (see sections/provenance.py).
    method: str = ""
    disclosure: str = ""
    reading: str = ""  # how its input files are read ({local}: the local code list used)
    # The survey indicator whose respondents give the focus group's self-reported share of
    # the survey, shown beside its share of the workforce record ("" = none).
    survey_share: str = ""
    # The Settings flag saying whether its RLs get the non-adverse verdict ("" = always).
    non_adverse_setting: str = ""
    # The input tables it reads (the data contract of each is inputs/schema.py's), in the
    # order they are loaded; and the same in words, for the Notes of its workbook.
    tables: tuple[str, ...] = ()
    data_files: str = ""
    # The first standard's files keep the names they had before any other standard existed
    # (indicators.csv, inputs.sha256, params/<ORG>/<YEAR>/commentary/); every other standard's
    # carry its code (indicators-wdes.csv, inputs-wdes.sha256, params/<ORG>/<YEAR>/wdes/).
    bare_names: bool = False

    def __post_init__(self):
        unread = {i.source for i in self.indicators} - set(self.tables)
        if unread:
            raise ValueError(f"{self.code}: indicators count from unread tables {unread}")
        ids = [i.id for i in self.indicators]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.code}: an indicator id is used twice")
        names = {g.name for g in self.groups}
        for ind in self.indicators:
            unknown = {ind.top, *ind.groups} - names - {""}
            if unknown:
                raise ValueError(f"{self.code} {ind.id}: unknown group {sorted(unknown)}")
        if sorted(g.role for g in self.groups) != sorted(ROLES):
            raise ValueError(f"{self.code}: one group for each role {ROLES}")

    def __reduce_ex__(self, protocol):
        """A registered standard crosses to a worker process by its code and arrives as the
        same object there (`is WRES` holds in a batch worker too); any other is copied."""
        from . import STANDARDS

        if STANDARDS.get(self.slug) is self:
            return _registered, (self.slug,)
        return super().__reduce_ex__(protocol)

    # --- its files: the one place each name is made ---

    @property
    def slug(self) -> str:
        """The code as file and folder names and the command line spell it: 'wres', 'wdes'."""
        return self.code.lower()

    def file_name(self, stem: str, suffix: str) -> str:
        """`stem` + `suffix`, marked with this standard unless it keeps bare names:
        ('indicators', '.csv') → 'indicators.csv' (WRES), 'indicators-wdes.csv' (WDES)."""
        return f"{stem}{suffix}" if self.bare_names else f"{stem}-{self.slug}{suffix}"

    @property
    def manifest_name(self) -> str:
        """The manifest of a report's inputs: 'inputs.sha256', 'inputs-wdes.sha256'."""
        return self.file_name("inputs", ".sha256")

    @property
    def notebook_name(self) -> str:
        """The notebook that tells this standard's story: 'wres_report.ipynb'."""
        return f"{self.slug}_report.ipynb"

    def data_names(self) -> dict[str, str]:
        """The data files beside a report (both standards' share output/<ORG>/<YEAR>/).

        Returns
        -------
        dict
            'csv', 'xlsx', 'meta' (the data dictionary) and 'manifest' → file name.
        """
        return {
            "csv": self.file_name("indicators", ".csv"),
            "xlsx": self.file_name("indicators", ".xlsx"),
            "meta": self.file_name("indicators", ".meta.csv"),
            "manifest": self.manifest_name,
        }

    def output_names(self, org: str, year: int, draft: bool) -> dict[str, str]:
        """Every file one build of a report writes: 'notebook', 'html', 'pdf' (named
        <ORG>-<YEAR>-<CODE>[-DRAFT]), the technical annex 'annex' (<ORG>-<YEAR>-<CODE>-method
        [-DRAFT].pdf: the method, settings and provenance, not for publication) and the data
        files of `data_names`."""
        draft_mark = "-DRAFT" if draft else ""
        stem = f"{org}-{year}-{self.code}{draft_mark}"
        return {
            "notebook": f"{stem}.ipynb",
            "html": f"{stem}.html",
            "pdf": f"{stem}.pdf",
            "annex": f"{org}-{year}-{self.code}-method{draft_mark}.pdf",
            **self.data_names(),
        }

    def every_output_name(self, org: str, year: int) -> set[str]:
        """Every file a build of this standard's report may have left, draft or final (never
        the other standard's, which shares the folder)."""
        return {
            *self.output_names(org, year, True).values(),
            *self.output_names(org, year, False).values(),
        }

    def return_name(self, org: str, year: int) -> str:
        """The return of unsuppressed counts to NHS England (never published)."""
        return f"{org}-{year}-{self.code}-return-NOT-FOR-PUBLICATION.csv"

    @property
    def comparison_name(self) -> str:
        """The comparison across organisations: 'national.csv', 'national-wdes.csv'."""
        return self.file_name("national", ".csv")

    def words_folder(self, params_dir: Path) -> Path:
        """Where an organisation-year's commentary and action plan for this standard live:
        the year folder itself for a standard with bare names, else its subfolder
        (params/<ORG>/<YEAR>/wdes/)."""
        return Path(params_dir) if self.bare_names else Path(params_dir) / self.slug

    # --- indicators ---

    def indicator(self, id: str | int) -> Indicator:
        """The indicator with this id ('3'; 3 is taken as '3')."""
        for ind in self.indicators:
            if ind.id == str(id):
                return ind
        raise KeyError(f"{self.code} has no {self.term} {str(id)!r}")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators)

    def of_kind(self, *kinds: type[Kind]) -> tuple[Indicator, ...]:
        """Its indicators of these kinds (classes of `kinds/`), in report order."""
        return tuple(i for i in self.indicators if isinstance(i.kind, kinds))

    @property
    def from_survey(self) -> tuple[Indicator, ...]:
        """Its indicators counted from a staff survey file (their kind's `survey`)."""
        return tuple(i for i in self.indicators if i.kind.survey)

    def ids_of(self, *kinds: type[Kind]) -> list[str]:
        return [i.id for i in self.of_kind(*kinds)]

    def order(self, id: str) -> int:
        """An indicator's place in report order (for sorting rows); unknown ids go last."""
        return self.ids.index(id) if id in self.ids else len(self.ids)

    def title(self, id: str | int) -> str:
        return self.indicator(id).title

    # --- groups ---

    @property
    def group_word(self) -> str:
        return f"{self.adjective} group"

    def group(self, role: str) -> Group:
        return next(g for g in self.groups if g.role == role)

    @property
    def reference(self) -> Group:
        return self.group(REFERENCE)

    @property
    def focus(self) -> Group:
        return self.group(FOCUS)

    @property
    def unknown(self) -> Group:
        return self.group(UNKNOWN)

    @property
    def group_names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.groups)

    @property
    def compared(self) -> tuple[Group, Group]:
        """The two groups every comparison is between, reference first (the tables' order)."""
        return self.reference, self.focus

    def text_of(self, name: str) -> str:
        """A group's name as it reads inside a sentence."""
        return next(g.text for g in self.groups if g.name == name)

    def role_of(self, name: str) -> str:
        return next(g.role for g in self.groups if g.name == name)

    def reported(self, ind: Indicator) -> tuple[str, ...]:
        """The groups an indicator reports: its own list, or the compared pair."""
        return ind.groups or tuple(g.name for g in self.compared)

    # --- relative likelihoods ---

    def bottom(self, ind: Indicator) -> str:
        """The group under the line of an indicator's ratio."""
        return next(g.name for g in self.compared if g.name != ind.top)

    def favoured_above_one(self, ind: Indicator) -> str:
        """The group a ratio above 1 favours: the top group when the counted event is good
        for staff (appointment), the other one when it is bad (a formal process)."""
        return self.bottom(ind) if ind.worse == HIGHER else ind.top

    # --- headline figures: one rule for a report and the national comparison ---

    def headline(self, ind: Indicator, settings) -> Headline:
        """The indicator's headline figure: its kind's rule (`Kind.headline`)."""
        return ind.kind.headline(ind, self, settings)

    # --- words ---

    def called(self, id: str) -> str:
        """An indicator as a heading or caption names it: 'Indicator 3', 'Metric 4a(i)'."""
        return f"{self.term.capitalize()} {self.indicator(id).printed}"

    def numbered(self, ids: list[str]) -> str:
        """'indicator 2', 'indicators 2, 3 and 4' ('metrics 4a(ii), 4a(iii) and 7')."""
        ids = [self.indicator(i).printed for i in ids]
        if len(ids) == 1:
            return f"{self.term} {ids[0]}"
        return f"{self.term}s " + ", ".join(ids[:-1]) + f" and {ids[-1]}"


def _registered(slug: str) -> Standard:
    """The registered standard with this code (how a pickled one is found again)."""
    from . import STANDARDS

    return STANDARDS[slug]
