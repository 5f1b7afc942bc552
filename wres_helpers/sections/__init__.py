"""The report's sections, in the order NHS England's template asks for them.

Each function displays one section of a report from a `ReportData`: the notebook
(notebooks/wres_report.ipynb) calls them in turn, so the notebook tells the story and this
package holds the logic, one module for each part of the report:

- opening: the cover, the executive summary and the background
- `indicator`: an indicator's section, which its kind lays out (kinds/<kind>/section.py;
  the pay-band tables of the technical annex, `band_tables`, are the band kind's too)
- model_employer: the Model Employer goals for bands 8a and above (when set)
- closing: other factors, the staff network's own words, the summary in NHS England's
  template and the sign-off
- appendices: the action plan; the technical annex (its cover, the method, the detail
  tables the Board PDF leaves out, the data provenance), shown by the notebook's cells
  tagged `annex` in a PDF of its own
- common: what the sections share, the kinds' sections too (tables, commentary, bullets)
"""

from ..kinds.bands.section import band_tables
from ..report import ReportData
from .appendices import action_plan, annex_cover, data_provenance, detail_tables, method
from .closing import headline, other_factors, sign_off, staff_network, summary_table
from .model_employer import model_employer
from .opening import background, comparators_without_data, cover, executive_summary


def indicator(report: ReportData, n: str | int) -> None:
    """One indicator's section, the one its kind calls for.

    Parameters
    ----------
    report : ReportData
        The report built once for this run (wres_helpers.report); only read.
    n : str or int
        The indicator's id in the report's standard ('3', '4a_i').
    Returns
    -------
    None
        The section is shown through `presentation.present` (HTML for the page, Typst for
        the PDF), in the notebook's output.
    """
    ind = report.standard.indicator(n)
    ind.kind.section(report, ind)


__all__ = [
    "cover",
    "executive_summary",
    "background",
    "comparators_without_data",
    "indicator",
    "model_employer",
    "other_factors",
    "staff_network",
    "summary_table",
    "sign_off",
    "headline",
    "action_plan",
    "annex_cover",
    "method",
    "band_tables",
    "detail_tables",
    "data_provenance",
]
