"""Draft and final: a report is a DRAFT while prompts or sign-off fields remain; final refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from wres_helpers.cli import main
from wres_helpers.errors import InputError
from wres_helpers.inputs import narrative
from wres_helpers.inputs.params import load_params
from wres_helpers.presentation.safe import plain
from wres_helpers.report.data import SIGN_OFF, ReportData, missing_for_final
from wres_helpers.running.pipeline import build_report
from wres_helpers.standards import WDES, WRES

ROOT = Path(__file__).resolve().parent.parent
ORG = "NEWORG"
SIGNED = {
    'board_lead: ""': 'board_lead: "Director of Workforce"',
    'report_author: ""': 'report_author: "Workforce Information Analyst"',
    "board_approval_date:": "board_approval_date: 2019-10-17",
    '  wres: ""': '  wres: "https://www.example.org/wres"',  # published_at's, the first
    'version: "0.1"': 'version: "1.0"',
    # the cover sheet
    'meeting: ""': 'meeting: "Board of Directors"',
    "meeting_date:": "meeting_date: 2019-10-17",
    'agenda_item: ""': 'agenda_item: "9.1"',
    "purpose:": "purpose: approval",
    '    wres: ""  # e.g.': '    wres: "The Board is asked to approve the report."  # e.g.',
    "previously_considered_by: []": 'previously_considered_by: ["People Committee"]',
    "strategic_objectives: []": 'strategic_objectives: ["Our people"]',
    'equality_impact: ""': 'equality_impact: "The public sector equality duty."',
    'legal_impact: ""': 'legal_impact: "The NHS Standard Contract requires the WRES."',
}
# Each field a final report needs, as the refusal names it for a new organisation's WRES.
NEEDED = [
    "params.yaml: board_lead is empty",
    "params.yaml: report_author is empty",
    "params.yaml: board_approval_date is empty",
    "params.yaml: published_at (wres:) is empty",
    *(
        f"params.yaml: board_paper.{name} is empty (the cover sheet)"
        for name in ("meeting", "meeting_date", "agenda_item", "purpose")
    ),
    "params.yaml: board_paper.recommendation (wres:) is empty (the cover sheet)",
    *(
        f"params.yaml: board_paper.{name} is empty (the cover sheet)"
        for name in (
            "previously_considered_by",
            "strategic_objectives",
            "equality_impact",
            "legal_impact",
        )
    ),
]


@pytest.fixture
def ecch_params():
    return load_params(ROOT / "params" / "ECCH" / "2019")


@pytest.mark.parametrize("standard", [WRES, WDES])
def test_nothing_missing_when_signed_off_and_no_prompts(ecch_params, standard):
    assert missing_for_final(ecch_params, standard, []) == []


@pytest.mark.parametrize("field", SIGN_OFF)
def test_each_empty_sign_off_field_is_listed(ecch_params, field):
    empty = ecch_params.model_copy(update={field: None if field.endswith("date") else ""})
    assert missing_for_final(empty, WRES, []) == [f"params.yaml: {field} is empty"]


def test_one_address_is_the_wres_reports_only(ecch_params):
    """The WDES report once printed the WRES address (…/wres-2019) in its sign-off: a single
    published_at is the WRES report's, and the WDES report needs its own."""
    one = ecch_params.model_copy(update={"published_at": "https://www.example.org/wres-2019"})
    assert missing_for_final(one, WRES, []) == []
    assert missing_for_final(one, WDES, []) == [
        "params.yaml: published_at (wdes:; a single address is the WRES report's) is empty"
    ]
    assert (
        ecch_params.published_address("wdes")
        == "https://www.example.org/wdes-2019 (synthetic example)"
    )


@pytest.mark.parametrize(
    "field, empty, named",
    [
        ("meeting", "", "board_paper.meeting"),
        ("meeting_date", None, "board_paper.meeting_date"),
        ("purpose", None, "board_paper.purpose"),
        ("recommendation", {"wres": "The Board is asked to approve it."}, None),
        ("previously_considered_by", [" "], "board_paper.previously_considered_by"),
        ("risks", [], None),  # a paper may bear on no risk on the Board Assurance Framework
    ],
)
def test_each_empty_cover_sheet_field_is_listed(ecch_params, field, empty, named):
    paper = ecch_params.board_paper.model_copy(update={field: empty})
    params = ecch_params.model_copy(update={"board_paper": paper})
    expected = [f"params.yaml: {named} is empty (the cover sheet)"] if named else []
    assert missing_for_final(params, WRES, []) == expected
    if field == "recommendation":  # a mapping without this standard's entry
        assert missing_for_final(params, WDES, []) == [
            "params.yaml: board_paper.recommendation (wdes:) is empty (the cover sheet)"
        ]


def test_prompts_are_listed_after_sign_off(ecch_params):
    empty = ecch_params.model_copy(update={"board_lead": ""})
    prompt = "params/X/2019/commentary/summary.md, line 1: TODO: write it"
    assert missing_for_final(empty, WRES, [prompt]) == [
        "params.yaml: board_lead is empty",
        f"commentary still has a prompt: {prompt}",
    ]


# --- a new organisation with the demo's data, from `wres new` to the final PDF --------------


def fill_in(params_root: Path) -> None:
    """What the analyst does: write every section, delete the prompts, keep an action plan,
    sign off."""
    folder = params_root / ORG / "2019"
    shutil.copyfile(
        ROOT / "params" / "ECCH" / "2019" / "action-plan.csv", folder / "action-plan.csv"
    )
    heading = "## Action taken and planned"
    for name in narrative.section_files(standard=WRES):
        path = folder / "commentary" / name
        lines = path.read_text().splitlines()
        kept = "\n".join(line for line in lines if not line.startswith("TODO:"))
        body = f"Our words on {name}: the likelihood is {{{{ ind2.rl }}}}."
        path.write_text(kept.replace(heading, f"{body}\n\n{heading}") + f"\n{body}\n")
    path = folder / "params.yaml"
    text = path.read_text()
    for before, after in SIGNED.items():
        assert before in text
        text = text.replace(before, after, 1)
    path.write_text(text)


def test_final_refused_listing_everything_missing(scaffolded, tmp_path, capsys):
    output = tmp_path / "output"
    args = ["report", ORG, "2019", "--final", "--params-root", str(scaffolded)]
    assert main([*args, "--output-root", str(output)]) == 2
    err = capsys.readouterr().err
    for needed in NEEDED:
        assert needed in err
    for name in narrative.section_files(standard=WRES):
        assert f"{name}, line 1: TODO:" in err or f"{name}, line 3: TODO:" in err
    assert not output.exists()  # refused before anything was built


def stand_in_draft(params_root: Path, output: Path) -> Path:
    """What `make report` leaves for NEWORG (as tests/test_freshness.py stands one in): the
    DRAFT's files and the manifest of its inputs, so the draft is up to date."""
    from wres_helpers.report import report_manifest

    folder = output / ORG / "2019"
    folder.mkdir(parents=True)
    for name in WRES.output_names(ORG, 2019, draft=True).values():
        (folder / name).write_text("stands in for a built file\n")
    (folder / WRES.manifest_name).write_text(report_manifest(ORG, 2019, params_root))
    return folder


def test_final_straight_after_an_up_to_date_draft_lists_what_is_missing(
    scaffolded, tmp_path, capsys
):
    """Issue 21.11: `make final` straight after `make report`, nothing changed, once said "up
    to date" and exited 0, leaving only the DRAFT. It refuses, exit 2, listing what is
    missing; the draft is untouched."""
    output = tmp_path / "output"
    folder = stand_in_draft(scaffolded, output)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    args = ["report", ORG, "2019", "--params-root", str(scaffolded), "--output-root", str(output)]
    assert main(args) == 0  # the draft itself is up to date
    assert "up to date" in capsys.readouterr().err
    assert main([*args, "--final"]) == 2
    err = capsys.readouterr().err
    assert "up to date" not in err
    for needed in NEEDED:
        assert f"final report: expected nothing missing; still missing: {needed}\n" in err
    for name in narrative.section_files(standard=WRES):
        assert f"{name}, line 1: TODO:" in err or f"{name}, line 3: TODO:" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.slow
def test_filled_in_nothing_missing(scaffolded):
    fill_in(scaffolded)
    report = ReportData.build(ORG, 2019, scaffolded, standard=WRES)
    assert report.missing_for_final() == []
    assert report.commentary.implications(2).startswith("Our words on indicator-2.md")
    # A placeholder's value is escaped for Markdown ("1\\.59"), and reads "1.59".
    assert "likelihood is 1.59" in plain(report.commentary.general("summary"))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.slow
def test_new_org_builds_a_draft_and_final_refuses(scaffolded, tmp_path):
    output = tmp_path / "output"
    result = build_report(
        ORG, 2019, params_root=scaffolded, output_root=output, say=print, standard=WRES
    )
    assert result.draft
    assert result.files["pdf"] == output / ORG / "2019" / f"{ORG}-2019-WRES-DRAFT.pdf"
    assert result.files["pdf"].exists()
    assert "DRAFT — not approved by the Board" in pdf_text(result.files["pdf"])
    assert sum("commentary still has a prompt" in m for m in result.missing) >= 13
    with pytest.raises(InputError) as caught:
        build_report(
            ORG, 2019, params_root=scaffolded, output_root=output, final=True, standard=WRES
        )
    listed = [p.expected for p in caught.value.problems]
    assert len(listed) == len(result.missing)
    assert all("still missing" in text for text in listed)
    assert sorted(p.name for p in result.folder.iterdir()) == sorted(
        f.name for f in result.files.values()
    )  # the draft is untouched by the refusal
    # `make final` straight after `make report`, nothing changed: refused (issue 21.11)
    args = ["report", ORG, "2019", "--params-root", str(scaffolded), "--output-root", str(output)]
    assert main([*args, "--final"]) == 2
    assert sorted(p.name for p in result.folder.iterdir()) == sorted(
        f.name for f in result.files.values()
    )


@pytest.mark.slow
def test_filled_in_org_builds_the_final_pdf(scaffolded, tmp_path):
    fill_in(scaffolded)
    output = tmp_path / "output"
    result = build_report(
        ORG, 2019, params_root=scaffolded, output_root=output, final=True, say=print, standard=WRES
    )
    assert not result.draft and result.missing == []
    assert result.files["pdf"].name == f"{ORG}-2019-WRES.pdf"
    assert not any("DRAFT" in p.name for p in result.folder.iterdir())
    text = pdf_text(result.files["pdf"])
    assert "DRAFT" not in text
    assert "Version 1.0" in text and "Date 17 October 2019" in text  # the cover
    assert "Our words on indicator-2.md: the likelihood is 1.59." in text.replace("\n", " ")


def test_a_bad_cover_sheet_field_is_named_by_file_and_field(tmp_path):
    folder = tmp_path / "ECCH" / "2019"
    folder.mkdir(parents=True)
    text = (ROOT / "params" / "ECCH" / "2019" / "params.yaml").read_text()
    for before, after in [
        ("  purpose: approval", "  purpose: decision\n  chair: Someone"),
        ("  meeting_date: 2019-10-17", "  meeting_date: next week"),
    ]:
        assert before in text
        text = text.replace(before, after)
    (folder / "params.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        load_params(folder)
    shown = str(folder / "params.yaml")
    assert [(p.file, p.column, p.value) for p in caught.value.problems] == [
        (shown, "board_paper.meeting_date", "next week"),
        (shown, "board_paper.purpose", "decision"),
        (shown, "board_paper.chair", None),
    ]
    assert "'approval', 'assurance' or 'information'" in caught.value.problems[1].expected
    assert "known here: meeting, meeting_date" in caught.value.problems[2].expected
