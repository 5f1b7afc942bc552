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
from wres_helpers.inputs.scaffold import new
from wres_helpers.presentation.safe import plain
from wres_helpers.running.pipeline import build_report
from wres_helpers.sections.report import SIGN_OFF, ReportData, missing_for_final
from wres_helpers.standards import WRES

ROOT = Path(__file__).resolve().parent.parent
ORG = "NEWORG"
SIGNED = {
    'board_lead: ""': 'board_lead: "Director of Workforce"',
    'report_author: ""': 'report_author: "Workforce Information Analyst"',
    "board_approval_date:": "board_approval_date: 2019-10-17",
    'published_at: ""': 'published_at: "https://www.example.org/wres"',
    'version: "0.1"': 'version: "1.0"',
}


@pytest.fixture
def ecch_params():
    return load_params(ROOT / "params" / "ECCH" / "2019")


def test_nothing_missing_when_signed_off_and_no_prompts(ecch_params):
    assert missing_for_final(ecch_params, []) == []


@pytest.mark.parametrize("field", SIGN_OFF)
def test_each_empty_sign_off_field_is_listed(ecch_params, field):
    empty = ecch_params.model_copy(update={field: None if field.endswith("date") else ""})
    assert missing_for_final(empty, []) == [f"params.yaml: {field} is empty"]


def test_prompts_are_listed_after_sign_off(ecch_params):
    empty = ecch_params.model_copy(update={"board_lead": ""})
    prompt = "params/X/2019/commentary/summary.md, line 1: TODO: write it"
    assert missing_for_final(empty, [prompt]) == [
        "params.yaml: board_lead is empty",
        f"commentary still has a prompt: {prompt}",
    ]


# --- a new organisation with the demo's data, from `wres new` to the final PDF --------------


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    """NEWORG: ECCH's 2018 and 2019 demo data under a new code, and a fresh params folder."""
    for year in ("2018", "2019"):
        shutil.copytree(ROOT / "data" / "demo" / "ECCH" / year, tmp_path / "data" / ORG / year)
    params_root = tmp_path / "params"
    new(ORG, 2019, params_root, data_root=tmp_path / "data", name="New Org Community Health")
    return params_root


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
    for field in SIGN_OFF:
        assert f"params.yaml: {field} is empty" in err
    for name in narrative.section_files(standard=WRES):
        assert f"{name}, line 1: TODO:" in err or f"{name}, line 3: TODO:" in err
    assert not output.exists()  # refused before anything was built


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
