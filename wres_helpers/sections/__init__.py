"""The report's sections, in the order NHS England's template asks for them.

Each function displays one section of a report from a `ReportData`: the notebook
(notebooks/wres_report.ipynb) calls them in turn, so the notebook tells the story and this
package holds the logic, one module for each part of the report:

- opening: the cover, the executive summary and the background
- pay_bands: indicator 1, the workforce by pay band
- model_employer: the Model Employer goals for bands 8a and above (when set)
- likelihoods: indicators 2 to 4, the relative likelihoods
- survey: indicators 5 to 8, the staff survey
- board: indicator 9, the Board
- closing: other factors, the summary in NHS England's template and the sign-off
- appendices: the action plan and the method
- common: what the sections share (tables, commentary, bullets)
"""

from .appendices import action_plan, method
from .board import indicator_9
from .closing import headline, other_factors, sign_off, summary_table
from .likelihoods import rl_indicator
from .model_employer import model_employer
from .opening import background, comparators_without_data, cover, executive_summary
from .pay_bands import indicator_1
from .survey import survey_indicator

__all__ = [
    "cover",
    "executive_summary",
    "background",
    "comparators_without_data",
    "indicator_1",
    "model_employer",
    "rl_indicator",
    "survey_indicator",
    "indicator_9",
    "other_factors",
    "summary_table",
    "sign_off",
    "headline",
    "action_plan",
    "method",
]
