"""The Workforce Race Equality Standard (WRES), as data: its groups and its nine indicators.

The facts come from NHS England's WRES technical guidance (see docs/analyst-guide.md and
tests/HAND-WORKED.md): who is on top of each ratio, which way is worse, and the words a
Board reads each figure in. Nothing else in the package names an indicator or a group.
"""

from __future__ import annotations

from ..kinds import BAND_DISTRIBUTION, BOARD_DIFFERENCE, RELATIVE_LIKELIHOOD, SURVEY_PERCENT
from .clusters import beside_bands
from .ethnicity import BME, CATEGORIES, UNKNOWN, WHITE
from .reading import CASE_LOG, LEARNING_RECORDS, STAFF_IN_POST
from .registry import (
    ALL,
    FOCUS,
    HIGHER,
    LOWER,
    NO_INTERNATIONAL,
    REFERENCE,
    ROLLING,
    SINGLE_YEAR,
    Group,
    Indicator,
    Likelihood,
    Standard,
)
from .registry import UNKNOWN as UNKNOWN_ROLE

IN_POST = "were in post"

INDICATORS = (
    Indicator(
        "1",
        "Workforce by pay band",
        BAND_DISTRIBUTION,
        source="workforce",
        label="BME share of the workforce (%)",
        cluster_rows=beside_bands(),
    ),
    Indicator(
        "2",
        "Appointment from shortlisting",
        RELATIVE_LIKELIHOOD,
        source="recruitment",
        label="RL: White vs BME appointed",
        worse=LOWER,  # being appointed is good: a lower rate is worse
        top=WHITE,
        likelihood=Likelihood(
            "applicants", "be appointed from shortlisting", "were appointed", "were shortlisted"
        ),
        breakdowns=(ALL, NO_INTERNATIONAL),
    ),
    Indicator(
        "3",
        "Entry into the formal disciplinary process",
        RELATIVE_LIKELIHOOD,
        source="disciplinary",
        base="workforce",
        label="RL: BME vs White disciplinary",
        worse=HIGHER,
        top=BME,
        likelihood=Likelihood(
            "staff",
            "enter the formal disciplinary process",
            "entered the formal disciplinary process",
            IN_POST,
        ),
        breakdowns=(SINGLE_YEAR, ROLLING),
        rolling_setting="disciplinary_rolling",
    ),
    Indicator(
        "4",
        "Non-mandatory training and CPD",
        RELATIVE_LIKELIHOOD,
        source="training",  # a staff-list column, or the learning records joined to it
        base="workforce",
        label="RL: White vs BME training",
        worse=LOWER,
        top=WHITE,
        likelihood=Likelihood(
            "staff",
            "access non-mandatory training or CPD",
            "accessed non-mandatory training or CPD",
            IN_POST,
        ),
    ),
    Indicator(
        "5",
        "Harassment, bullying or abuse from patients, relatives or the public",
        SURVEY_PERCENT,
        source="staff_survey",
        label="BME staff harassed by the public (%)",
        worse=HIGHER,
        phrase="experienced harassment, bullying or abuse from patients, relatives or the public",
    ),
    Indicator(
        "6",
        "Harassment, bullying or abuse from staff",
        SURVEY_PERCENT,
        source="staff_survey",
        label="BME staff harassed by staff (%)",
        worse=HIGHER,
        phrase="experienced harassment, bullying or abuse from staff",
    ),
    Indicator(
        "7",
        "Belief in equal opportunities for career progression or promotion",
        SURVEY_PERCENT,
        source="staff_survey",
        label="BME staff believing in equal opportunities (%)",
        worse=LOWER,
        phrase="believe the organisation provides equal opportunities for career progression",
    ),
    Indicator(
        "8",
        "Discrimination at work from a manager, team leader or colleague",
        SURVEY_PERCENT,
        source="staff_survey",
        label="BME staff discriminated against (%)",
        worse=HIGHER,
        phrase="experienced discrimination from a manager, team leader or colleague",
    ),
    Indicator(
        "9",
        "Board membership compared with the workforce",
        BOARD_DIFFERENCE,
        source="board",
        label="BME Board share minus workforce (points)",
        worse=LOWER,  # below 0: under-represented on the Board
    ),
)

_BME_LETTERS = ", ".join(k for k, (_, g) in CATEGORIES.items() if g == BME)

# The method appendix, formatted with the report's settings (`s`), its interval level and
# the survey's question numbers: the standard's own facts, so written here once.
METHOD = (
    """
**Ethnic groups.** Staff ethnicity uses the NHS Data Dictionary ethnic category. White: A, B, C
(White British, Irish, any other White background). BME: """
    + _BME_LETTERS
    + """. Unknown: Z (not stated), 99 or
blank (not known). Local codes (e.g. "C3") and description text map to the same groups. Unknown
staff are counted in indicator 1 and the self-reporting rate but left out of every White/BME
comparison.

**Reading the files.** {reading}

**Indicator 1** counts staff in post by pay band (each staff group's Agenda for Change bands,
doctors by grade: NHS England's template table, in the technical annex) and in NHS England's
clusters, the sums of those bands: bands 1-4, 5-7, 8a-8b, 8c-9 and VSM, for non-clinical and
clinical staff apart and together, doctors' grades being their own clusters. The report shows
the clusters: apart where both can be published, together where either cannot.

**Relative likelihood (RL).** Indicators 2 and 4 divide the White rate by the BME rate;
indicator 3 divides the BME rate by the White rate. In all three an RL above 1 favours White
staff. {verdict} An RL is undefined, and shown as such,
when either group has no events or no staff. An RL is flagged as resting on small numbers when
either group has fewer than {s.small_numbers} events.

**Intervals.** {level}% intervals: for an RL, the log-scale (Katz) interval for a ratio of two
proportions; for a percentage, the Wilson score interval.

{chance}

**Key findings.** {ranking}

**Indicator 3.** Shown for the reporting year alone and as a two-year rolling figure, pooling the
counts of this year and the year before (disciplinary cases and headcounts). The headline figure
is the {rolling} figure.

**Indicator 2** is also shown excluding applicants recorded as international recruits, where the
recruitment file records it.

**Staff survey (indicators 5-8).** Results for a group with fewer than {s.survey_min_respondents}
respondents are not reported. Survey questions: {questions}.

**Disclosure control.** {disclosure}

**Comparators** are the organisations named in the parameters; a position among them compares
like-for-like published figures for the same year.{synthetic}
"""
)

# How the WRES's input files are read ({local}: the local code list used, if any).
READING = (
    "Ethnic origin is read by its first word when that is a code: an NHS letter, a "
    "national two-character code (e.g. C2, PC), or a letter and a digit (C3); 99 and X are "
    "not known. Any other short code (NK, NA, NS) stops the run unless the local code list "
    "says what it means, so no code is ever read by its first letter alone. Staff groups: "
    "Administrative and Clerical and Estates and Ancillary are non-clinical, Medical and "
    "Dental is shown by grade, every other group is clinical; Students count as clinical "
    "and Supplementary Roles as non-clinical by default. Doctors' grades are grouped as in "
    "the analyst guide. The workforce counts people, not assignments: several rows with one "
    "staff id are one person, taken from the primary assignment, else the one with the "
    "highest contracted FTE, else the first. "
    + STAFF_IN_POST
    + " "
    + CASE_LOG
    + " "
    + LEARNING_RECORDS
    + " Indicator 3 counts distinct staff entering the process where the staff id "
    "is given (one case per person). Recruitment exported one row per application is "
    "read through the status map (shortlisted, appointed, or not counted); a blank or "
    "unprocessed status (Applied, Submitted, In Progress) is never shortlisted, and an "
    "applicant's repeat applications to one vacancy count once. {local}"
)

DISCLOSURE = (
    "Staff counts of {s.suppress_from} to {s.suppress_to} are suppressed in tables, with "
    "further cells hidden where a total would reveal them. Indicator 1's clusters are the "
    "sums of their bands, published with them: a cluster's count is shown only where no "
    "hidden count can be worked back from it and the bands, and one more band count is "
    "hidden where that lets a cluster's BME share be shown; where the clinical and "
    "non-clinical clusters cannot both be shown, the two together are. In indicators 2-4 a "
    "group's count is hidden when it or its base is {s.suppress_from} to {s.suppress_to}, "
    "and so is any count that a sum or a difference would give one back from: the two-year "
    "figure of indicator 3 (this year's count plus last year's, both published), and indicator 2 "
    "excluding international recruits (a part of all applicants). A relative likelihood is "
    "shown exactly whenever every count behind it is shown, as the standard requires. One "
    "resting on a hidden count is not: with the other group's figures and the headcounts, "
    "its value or its interval would give the count back. It is published instead as the "
    "range it must lie in, worked out from the figures shown and the hidden count being "
    "anywhere from {s.suppress_from} to {s.suppress_to}, so the range tells no more than the "
    "figures shown; its interval, and the side of 1 or of the non-adverse range where the "
    "range does not settle it, are not given. Where a base is hidden too, no range can be "
    "bounded and the figure is withheld. The exact figures go to NHS England in the WRES "
    "return, not into this report. The row counts of the recruitment and disciplinary files "
    "are not shown either: with the White count, a file's total would bound the BME one. "
    "Board membership is public and is not suppressed."
)

STANDARD = Standard(
    code="WRES",
    name="Workforce Race Equality Standard",
    characteristic="ethnicity",
    adjective="ethnic",
    groups=(Group(WHITE, REFERENCE), Group(BME, FOCUS), Group(UNKNOWN, UNKNOWN_ROLE)),
    indicators=INDICATORS,
    summary_caption="Summary of the nine indicators",
    method=METHOD,
    disclosure=DISCLOSURE,
    reading=READING,
    tables=("workforce", "recruitment", "disciplinary", "staff_survey", "training", "board"),
    data_files="workforce, training (a staff-list column or the learning records), "
    "recruitment, disciplinary, staff survey and Board data files",
    bare_names=True,
)
