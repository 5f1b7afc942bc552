"""The kinds of indicator (wres_helpers/kinds/): each answers its methods for an indicator of
the WDES registry with the figures worked by hand for the TINYD organisation
(tests/HAND-WORKED.md, "The WDES"), and no module outside kinds/ branches on a kind."""

from __future__ import annotations

import ast
import importlib
import pkgutil

import pandas as pd
import pytest
from conftest import make_tiny_wdes

from wres_helpers import PACKAGE, kinds
from wres_helpers.compute import indicators
from wres_helpers.inputs import load
from wres_helpers.inputs.settings import Settings
from wres_helpers.kinds import (
    BAND_DISTRIBUTION,
    BOARD_DIFFERENCE,
    NARRATIVE,
    RELATIVE_LIKELIHOOD,
    SURVEY_MEAN,
    SURVEY_PERCENT,
    BandDistribution,
    BoardDifference,
    Kind,
    RelativeLikelihood,
)
from wres_helpers.standards import WDES, WRES
from wres_helpers.standards.registry import Headline, Indicator
from wres_helpers.words.lookup import Figures

ORG, YEAR = "TINYD", 2019


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return load.load_folder(
        make_tiny_wdes(tmp_path_factory.mktemp("kinds") / "data"), standard=WDES
    )


def _computed(dataset, id: str) -> pd.DataFrame:
    ind = WDES.indicator(id)
    rows = ind.kind.compute(dataset, ind, WDES, Settings())
    return rows[(rows["org"] == ORG) & (rows["year"] == YEAR)]


def _one(rows: pd.DataFrame, **match) -> pd.Series:
    for column, value in match.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, match
    return rows.iloc[0]


# --- the registries give every indicator one of the six kinds --------------------------------


def test_the_registries_name_a_kind_object_for_every_indicator():
    kinds = {ind.id: type(ind.kind).__name__ for ind in WDES.indicators}
    assert kinds == {
        "1": "BandDistribution",
        "2": "RelativeLikelihood",
        "3": "RelativeLikelihood",
        "4a_i": "SurveyPercent",
        "4a_ii": "SurveyPercent",
        "4a_iii": "SurveyPercent",
        "4b": "SurveyPercent",
        "5": "SurveyPercent",
        "6": "SurveyPercent",
        "7": "SurveyPercent",
        "8": "SurveyPercent",
        "9a": "SurveyMean",
        "9b": "YesNo",
        "10": "BoardDifference",
    }
    assert [i.id for i in WRES.of_kind(RelativeLikelihood)] == ["2", "3", "4"]
    assert WRES.ids_of(BandDistribution, BoardDifference) == ["1", "9"]
    survey = ["4a_i", "4a_ii", "4a_iii", "4b", "5", "6", "7", "8", "9a"]
    assert [i.id for i in WDES.from_survey] == survey  # percentages and the mean score
    assert [i.id for i in WRES.from_survey] == ["5", "6", "7", "8"]


def test_a_kind_is_one_object_however_it_is_copied():
    import pickle

    copy = pickle.loads(pickle.dumps(RELATIVE_LIKELIHOOD))
    assert copy == RELATIVE_LIKELIHOOD and hash(copy) == hash(RELATIVE_LIKELIHOOD)
    assert copy != SURVEY_PERCENT
    assert str(RELATIVE_LIKELIHOOD) == "relative likelihood" and repr(NARRATIVE) == "YesNo()"


def test_a_kind_that_leaves_a_method_out_cannot_be_made():
    class Half(Kind):  # no compute, section, ...
        name = "half"

        def headline(self, ind, standard, settings):
            raise NotImplementedError

    with pytest.raises(TypeError, match="abstract"):
        Half()  # type: ignore[abstract]


def test_a_relative_likelihood_without_its_words_is_refused_by_its_kind():
    with pytest.raises(ValueError, match="a relative likelihood needs top and words"):
        Indicator("1", "One", RELATIVE_LIKELIHOOD, "t", "L")
    with pytest.raises(ValueError, match="unknown kind 'relative likelihood'"):
        Indicator("1", "One", "relative likelihood", "t", "L")  # type: ignore[arg-type]


# --- each kind's headline figure, compute, typed measure and data dictionary words ----------


def test_each_kind_names_its_headline_figure():
    s = Settings()  # capability_rolling on: metric 3's headline is the two-year figure
    assert [WDES.indicator(i).kind.headline(WDES.indicator(i), WDES, s) for i in WDES.ids] == [
        Headline("1", "percent", "Overall workforce", "Disabled", ""),
        Headline("2", "relative_likelihood", "All", "", "one"),
        Headline("3", "relative_likelihood", "Two-year rolling", "", "one"),
        Headline("4a_i", "percent", "All", "Disabled", "low"),
        Headline("4a_ii", "percent", "All", "Disabled", "low"),
        Headline("4a_iii", "percent", "All", "Disabled", "low"),
        Headline("4b", "percent", "All", "Disabled", "high"),
        Headline("5", "percent", "All", "Disabled", "high"),
        Headline("6", "percent", "All", "Disabled", "low"),
        Headline("7", "percent", "All", "Disabled", "high"),
        Headline("8", "percent", "All", "Disabled", "high"),
        Headline("9a", "difference_points", "All", "Disabled", "high"),
        Headline("9b", "yes_no", "All", "", "high"),
        Headline("10", "difference_pp", "Board (voting)", "Disabled", "zero"),
    ]
    single = Settings(capability_rolling=False)
    three = WDES.indicator("3")
    assert three.kind.headline(three, WDES, single).breakdown == "Reporting year"


def test_the_band_distribution_computes_the_hand_worked_shares(dataset):
    rows = _computed(dataset, "1")
    overall = _one(rows, breakdown="Overall workforce", measure="percent", group="Disabled")
    assert (overall["numerator"], overall["denominator"], overall["value"]) == (9, 100, 9.0)
    band = _one(rows, breakdown="Clinical: Bands 5-7", measure="percent", group="Non-disabled")
    assert band["value"] == pytest.approx(80.645161, abs=1e-6)


def test_the_relative_likelihood_computes_the_hand_worked_ratio(dataset):
    rows = _computed(dataset, "2")
    rl = _one(rows, measure="relative_likelihood", breakdown="All")
    assert rl["value"] == pytest.approx(2.0)
    assert (rl["ci_low"], rl["ci_high"]) == pytest.approx((0.2873316, 13.921195), rel=1e-6)
    assert _one(rows, measure="percent", group="Disabled")["value"] == pytest.approx(10.0)


def test_the_survey_percentage_computes_each_group_share(dataset):
    rows = _computed(dataset, "4a_i")
    assert set(rows["indicator"]) == {"4a_i"}  # its own rows only, not the file's others
    disabled = _one(rows, measure="percent", group="Disabled")
    assert (disabled["numerator"], disabled["denominator"], disabled["value"]) == (14, 40, 35.0)
    assert _one(rows, measure="percent", group="Non-disabled")["value"] == pytest.approx(20.0)
    assert _one(_computed(dataset, "8"), measure="percent", group="Disabled")["value"] == 70.0


def test_the_score_computes_the_gap_in_points(dataset):
    rows = _computed(dataset, "9a")
    assert _one(rows, measure="difference_points")["value"] == pytest.approx(-0.6)
    assert _one(rows, measure="mean_score", group="Organisation")["value"] == 7.0


def test_the_yes_no_answer_is_one_for_yes(dataset):
    row = _one(_computed(dataset, "9b"), measure="yes_no")
    assert (row["value"], row["interpretation"], row["group"]) == (1.0, "yes", "")


def test_the_board_difference_is_the_voting_share_minus_the_workforce_share(dataset):
    rows = _computed(dataset, "10")
    diff = _one(rows, measure="difference_pp", breakdown="Board (voting)", group="Disabled")
    assert diff["value"] == pytest.approx(2.111111, abs=1e-6)
    execs = _one(rows, measure="difference_pp", breakdown="Board (executive)", group="Unknown")
    assert execs["value"] == pytest.approx(-11.0)


def test_a_kind_whose_table_is_absent_computes_nothing(tmp_path):
    folder = make_tiny_wdes(tmp_path / "data")
    (folder / "voices.csv").unlink()
    without = load.load_folder(folder, standard=WDES)
    nine_b = WDES.indicator("9b")
    assert len(nine_b.kind.compute(without, nine_b, WDES, Settings())) == 0


def test_each_kind_says_which_measure_a_typed_figure_is():
    h = Headline("2", "relative_likelihood", "All", "", "one")
    assert RELATIVE_LIKELIHOOD.typed_measure(h, "") == ("relative_likelihood", "All")
    assert RELATIVE_LIKELIHOOD.typed_measure(h, "Disabled") == ("percent", "All")
    h = Headline("9a", "difference_points", "All", "Disabled", "high")
    assert SURVEY_MEAN.typed_measure(h, "Disabled") == ("mean_score", "All")
    h = Headline("5", "percent", "All", "Disabled", "high")
    assert SURVEY_PERCENT.typed_measure(h, "Non-disabled") == ("percent", "All")
    assert [k.typed for k in (NARRATIVE, SURVEY_PERCENT)] == [False, True]
    assert [k.survey for k in (SURVEY_PERCENT, SURVEY_MEAN, BOARD_DIFFERENCE)] == [1, 1, 0]


def test_each_kind_words_its_breakdowns_for_the_data_dictionary():
    one, three, five = (WDES.indicator(i) for i in ("1", "3", "5"))
    assert BAND_DISTRIBUTION.breakdowns(one, WDES) == (
        "metric 1: '<staff group>: <band>' (e.g. 'Clinical: 5', 'Medical and dental: "
        "Consultant') or 'Overall workforce'"
    )
    assert three.kind.breakdowns(three, WDES) == (
        "metric 3: 'Reporting year' or 'Two-year rolling'"
    )
    assert five.kind.breakdowns(five, WDES) == ""  # 'All', said once for every indicator


# --- each kind's placeholders and summary line, from the published table --------------------


@pytest.fixture(scope="module")
def figures(dataset) -> Figures:
    frame = indicators.compute(dataset, Settings(suppress_from=0, suppress_to=0), standard=WDES)
    return Figures(frame, WDES)


def _placeholders(figures, id: str) -> dict[str, str]:
    ind = WDES.indicator(id)
    return ind.kind.placeholders(figures, ind, ORG, YEAR, f"metric{id}", Settings())


def test_each_kind_gives_its_placeholders_with_the_hand_worked_figures(figures):
    assert _placeholders(figures, "1") == {}
    assert _placeholders(figures, "4a_i") == {
        "metric4a_i.non-disabled.percent": "20.0%",
        "metric4a_i.disabled.percent": "35.0%",
    }
    assert _placeholders(figures, "8") == {"metric8.disabled.percent": "70.0%"}
    assert _placeholders(figures, "9a") == {
        "metric9a.non-disabled.score": "7.10",
        "metric9a.disabled.score": "6.50",
        "metric9a.organisation.score": "7.00",
        "metric9a.difference": "−0.60 points",
    }
    assert _placeholders(figures, "9b") == {"metric9b.answer": "yes"}
    board = _placeholders(figures, "10")
    assert (board["metric10.disabled.percent"], board["metric10.disabled.headcount"]) == (
        "11.1%",
        "1",
    )
    assert board["metric10.disabled.difference"] == "+2.1 points"
    two = _placeholders(figures, "2")
    assert two["metric2.rl"] == "2.00" and two["metric2.disabled.percent"] == "10.0%"
    three = _placeholders(figures, "3")
    assert (three["metric3.single.rl"], three["metric3.rolling.rl"]) == ("4.44", "4.76")


def test_each_kind_gives_its_line_of_the_summary(figures):
    s = Settings()
    lines = {
        i: WDES.indicator(i).kind.summary_line(figures, WDES.indicator(i), ORG, YEAR, s)
        for i in ("1", "2", "4a_i", "9a", "9b", "10")
    }
    assert (lines["1"].now, lines["1"].status) == (
        "Disabled 9.0% of staff",
        "For information (no comparison)",
    )
    assert lines["1"].finding is None and lines["9b"].finding is None
    assert lines["2"].now == "2.00"
    assert lines["4a_i"].now == "Disabled 35.0%, Non-disabled 20.0%"
    assert lines["9a"].now == "−0.60 points"
    assert (lines["9b"].now, lines["9b"].status) == ("Yes", "For information (a yes or no answer)")
    assert lines["10"].now == "+2.1 points"
    assert all(line.indicator.id == i for i, line in lines.items())


# --- nothing outside kinds/ branches on a kind -----------------------------------------------


def _kinds_declared() -> dict[str, Kind]:
    """Every kind object in a module of kinds/, by its name there (a new module is found
    without being listed anywhere)."""
    found = {}
    for info in pkgutil.iter_modules(kinds.__path__, "wres_helpers.kinds."):
        module = importlib.import_module(info.name)
        found |= {n: v for n, v in vars(module).items() if isinstance(v, Kind)}
    return found


# every kind's object and class, wherever in kinds/ it is declared, and its words
DECLARED = _kinds_declared()
KIND_NAMES = set(DECLARED) | {type(k).__name__ for k in DECLARED.values()}
KIND_WORDS = {str(k) for k in DECLARED.values()}


def _names_a_kind(node: ast.AST) -> bool:
    """A kind named in an expression: its constant, its class or its words."""
    if isinstance(node, ast.Name):
        return node.id in KIND_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in KIND_NAMES
    if isinstance(node, ast.Constant):
        return node.value in KIND_WORDS
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_a_kind(e) for e in node.elts)
    return False


def branches_on_kind(source: str) -> list[int]:
    """Lines comparing with a kind (`ind.kind == X`, `kind in (X, Y)`), keying a table by
    kinds (`{X: f, Y: g}`), or asking `isinstance(ind.kind, X)` (Standard.of_kind is the one
    query by kind, and it is not a branch)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Compare)
            and any(_names_a_kind(n) for n in [node.left, *node.comparators])
            or isinstance(node, ast.Dict)
            and any(k is not None and _names_a_kind(k) for k in node.keys)
            or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "isinstance"
                and isinstance(node.args[0], ast.Attribute)
                and node.args[0].attr == "kind"
                and _names_a_kind(node.args[1])
            )
        ):
            lines.append(node.lineno)
    return lines


def test_the_branch_finder_finds_the_branches_there_were():
    assert branches_on_kind("if ind.kind == BAND_DISTRIBUTION:\n    pass\n") == [1]
    assert branches_on_kind("x = kind in (SURVEY_PERCENT, SURVEY_MEAN)\n") == [1]
    assert branches_on_kind("BY_KIND = {\n    BAND_DISTRIBUTION: f,\n}\n") == [1]
    assert branches_on_kind("ok = ind.kind == 'narrative yes/no'\n") == [1]
    assert branches_on_kind("ok = isinstance(ind.kind, YesNo)\n") == [1]
    assert branches_on_kind("ind.kind.section(report, ind)\nc.kind is STAFF_ID\n") == []


def test_the_finder_knows_every_kind():
    assert set(DECLARED) == {
        "BAND_DISTRIBUTION",
        "RELATIVE_LIKELIHOOD",
        "SURVEY_PERCENT",
        "SURVEY_MEAN",
        "NARRATIVE",
        "BOARD_DIFFERENCE",
    }
    assert "YesNo" in KIND_NAMES and "narrative yes/no" in KIND_WORDS


def test_no_module_outside_kinds_branches_on_a_kind():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "kinds" not in path.relative_to(PACKAGE).parts
        for line in branches_on_kind(path.read_text(encoding="utf-8"))
    ]
    assert found == []


# --- each kind's cell of NHS England's summary table, from a report of TINYD ---------------


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from wres_helpers.inputs import scaffold
    from wres_helpers.report import ReportData

    root = tmp_path_factory.mktemp("report")
    make_tiny_wdes(root / "data")
    scaffold.new(ORG, YEAR, root / "params", data_root=str(root / "data"), name="D")
    return ReportData.build(ORG, YEAR, root / "params", standard=WDES)


def test_each_kind_gives_its_cell_of_the_summary_table(report):
    """Published figures (staff counts of 1 to 7 hidden): metric 2 rests on 1 Disabled
    appointment, so it is a range, 2/7 to 2/1; the Board's counts are shown (its membership
    is public): 1 of 9 voting members, 11.1%, +2.1 points against the workforce's 9%."""

    def cell(id: str) -> str:
        ind = WDES.indicator(id)
        return ind.kind.summary_cell(report, ind, YEAR)

    assert cell("1") == "Disabled staff 9.0% of the workforce"
    assert cell("2").startswith("RL between 0.28 and 2.00, a range (few cases)")
    assert cell("4a_i") == "Disabled 35.0%, Non-disabled 20.0%"
    assert cell("8") == "Disabled 70.0%"  # asked of Disabled staff only
    assert cell("9a") == "Disabled 6.50, Non-disabled 7.10 (−0.60 points)"
    assert cell("9b") == "Yes"
    assert cell("10") == "Voting Board: 11.1% Disabled (+2.1 points) against the workforce"
    before = WDES.indicator("9b")
    assert before.kind.summary_cell(report, before, YEAR - 1) == "–"  # no 2018 answer


@pytest.mark.parametrize(
    "id, figure",
    [
        ("1", "9.0%"),  # Disabled 9 of 100 in post
        ("2", "between 0.28 and 2.00"),  # the range the RL resting on 1 appointment takes
        ("4a_i", "35.0%"),  # 14 of 40 Disabled respondents
        ("9a", "6.50"),  # the Disabled staff's mean score
        ("9b", "**2019:** Yes"),  # facilitated: Yes
        ("10", "11.1%"),  # 1 of 9 voting members
    ],
)
def test_each_kind_shows_its_section(report, monkeypatch, id, figure):
    from wres_helpers.presentation import present

    shown: list[str] = []
    monkeypatch.setattr(present, "display", lambda bundle, **_: shown.append(bundle["text/plain"]))
    ind = WDES.indicator(id)
    ind.kind.section(report, ind)
    assert shown and WDES.called(id) in shown[0]  # its heading first
    assert any(figure in text for text in shown), shown
