"""The manifest of every input of one report: what `inputs.sha256` records, what decides
whether a report is up to date, and what the method appendix's digest is made from."""

from __future__ import annotations

from pathlib import Path

from ..inputs import manifest
from ..inputs.params import Params, as_of_date, check_org_year, data_folder, load_params
from .data import input_folders


def report_manifest(org: str, year: int | str, params_root: Path = Path("params")) -> str:
    """The manifest of every input of one report (see inputs/manifest.py). Raises InputError
    when the parameters cannot be read (there is then no report to be up to date)."""
    org, year = check_org_year(org, str(year))
    params_dir = Path(params_root) / org / str(year)
    return manifest_of(load_params(params_dir, org, year), params_root)


def manifest_of(params: Params, params_root: Path) -> str:
    """The manifest of a report whose parameters are already read (`report_manifest`)."""
    org, year = params.organisation.code, params.year
    return manifest.build_manifest(
        params_root,
        org,
        year,
        data_folder(params, params_root),
        input_folders(params),
        # The as-of date may come from SOURCE_DATE_EPOCH, which no file holds.
        values=[f"as_of={as_of_date(params).isoformat()}"],
    )
