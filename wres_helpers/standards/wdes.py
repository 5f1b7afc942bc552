"""The Workforce Disability Equality Standard (WDES), as data: its groups and its ten metrics.

The facts are NHS England's WDES metrics and technical guidance as summarised in
docs/analyst-guide.md ("The WDES") and worked in tests/HAND-WORKED.md: metric 2 puts
non-disabled applicants on top, metric 3 Disabled staff; metric 8 asks Disabled staff only;
9a is a mean score compared in points; 9b is a yes/no answer with the organisation's own
words. Points the guide leaves unconfirmed are settings (inputs/settings.py), each named in
the method appendix.
"""

from __future__ import annotations

from ..kinds import (
    BAND_DISTRIBUTION,
    BOARD_DIFFERENCE,
    NARRATIVE,
    RELATIVE_LIKELIHOOD,
    SURVEY_MEAN,
    SURVEY_PERCENT,
)
from .clusters import by_staff_group
from .disability import DISABLED, NON_DISABLED, UNKNOWN
from .reading import CASE_LOG, STAFF_IN_POST
from .registry import (
    FOCUS,
    HIGHER,
    LOWER,
    REFERENCE,
    ROLLING,
    SINGLE_YEAR,
    Group,
    Indicator,
    Likelihood,
    Standard,
)
from .registry import UNKNOWN as UNKNOWN_ROLE

ORGANISATION = "Organisation"  # 9a's whole-organisation score: a row, not a compared group
ILL_HEALTH = "Ill health (not in metric)"  # metric 3's ill-health entries, shown beside it
SURVEY = "wdes_survey"

# Metric 1's clusters (NHS England's WDES template): (staff group, cluster, its bands), from
# the one definition both standards use (clusters.py).
CLUSTERS = by_staff_group()


def _survey(id: str, title: str, label: str, worse: str, phrase: str, **more) -> Indicator:
    return Indicator(
        id, title, SURVEY_PERCENT, source=SURVEY, label=label, worse=worse, phrase=phrase, **more
    )


INDICATORS = (
    Indicator(
        "1",
        "Workforce by pay band cluster",
        BAND_DISTRIBUTION,
        source="workforce",
        label="Disabled share of the workforce (%)",
        clusters=CLUSTERS,
    ),
    Indicator(
        "2",
        "Appointment from shortlisting",
        RELATIVE_LIKELIHOOD,
        source="recruitment",
        label="RL: non-disabled vs Disabled appointed",
        worse=LOWER,  # being appointed is good: a lower rate is worse
        top=NON_DISABLED,
        likelihood=Likelihood(
            "applicants", "be appointed from shortlisting", "were appointed", "were shortlisted"
        ),
        caveat=(
            "guaranteed_interview",
            "**Guaranteed interview.** The organisation offers an interview to every Disabled "
            "applicant who meets a post's minimum criteria (a guaranteed interview or "
            "Disability Confident scheme). More Disabled applicants are shortlisted than "
            "otherwise would be, so fewer of those shortlisted are appointed: the relative "
            "likelihood is higher than it would be without the scheme, and compares with an "
            "organisation that has none only with care.",
        ),
    ),
    Indicator(
        "3",
        "Entry into the formal capability process (performance)",
        RELATIVE_LIKELIHOOD,
        source="capability",
        base="workforce",
        label="RL: Disabled vs non-disabled capability",
        worse=HIGHER,
        top=DISABLED,
        likelihood=Likelihood(
            "staff",
            "enter the formal capability process",  # on performance grounds: in the title
            "entered the formal capability process on the grounds of performance",
            "were in post",
        ),
        breakdowns=(SINGLE_YEAR, ROLLING),
        beside=ILL_HEALTH,
        rolling_setting="capability_rolling",
    ),
    _survey(
        "4a_i",
        "Harassment, bullying or abuse from patients, service users, relatives or the public",
        "Disabled staff harassed by the public (%)",
        HIGHER,
        "experienced harassment, bullying or abuse from patients, service users, their "
        "relatives or the public",
    ),
    _survey(
        "4a_ii",
        "Harassment, bullying or abuse from managers",
        "Disabled staff harassed by managers (%)",
        HIGHER,
        "experienced harassment, bullying or abuse from managers",
    ),
    _survey(
        "4a_iii",
        "Harassment, bullying or abuse from other colleagues",
        "Disabled staff harassed by colleagues (%)",
        HIGHER,
        "experienced harassment, bullying or abuse from other colleagues",
    ),
    _survey(
        "4b",
        "Reporting harassment, bullying or abuse",
        "Disabled staff reporting harassment (%)",
        LOWER,
        "said that the last time they experienced harassment, bullying or abuse at work, they "
        "or a colleague reported it",
    ),
    _survey(
        "5",
        "Belief in equal opportunities for career progression or promotion",
        "Disabled staff believing in equal opportunities (%)",
        LOWER,
        "believe the organisation provides equal opportunities for career progression or promotion",
    ),
    _survey(
        "6",
        "Pressure to come to work when not well enough",
        "Disabled staff pressed to work when unwell (%)",
        HIGHER,
        "felt pressure from their manager to come to work when not feeling well enough to "
        "perform their duties",
    ),
    _survey(
        "7",
        "Satisfaction with how the organisation values their work",
        "Disabled staff feeling their work is valued (%)",
        LOWER,
        "are satisfied with the extent to which the organisation values their work",
    ),
    _survey(
        "8",
        "Adequate adjustments at work (Disabled staff only)",
        "Disabled staff with adequate adjustments (%)",
        LOWER,
        "said their employer has made adequate adjustment(s) to enable them to carry out "
        "their work",
        groups=(DISABLED,),
    ),
    Indicator(
        "9a",
        "Staff engagement score",
        SURVEY_MEAN,
        source=SURVEY,
        label="Engagement: Disabled minus non-disabled (points)",
        worse=LOWER,
        phrase="staff engagement score (0 to 10)",
    ),
    Indicator(
        "9b",
        "Action so that the voices of Disabled staff are heard",
        NARRATIVE,
        source="voices",
        label="Voices of Disabled staff heard (yes = 1)",
        worse=LOWER,
        phrase="facilitated the voices of Disabled staff to be heard",
    ),
    Indicator(
        "10",
        "Board membership compared with the workforce",
        BOARD_DIFFERENCE,
        source="board",
        label="Disabled Board share minus workforce (points)",
        worse=LOWER,  # below 0: under-represented on the Board
    ),
)

METHOD = (
    """
**Disability groups.** Disability is read from ESR's disability field (or the same column of
the recruitment, capability and Board files). Disabled: Yes (or Disabled). Non-disabled: No (or
Non-disabled). Unknown: Not Declared, Prefer Not To Answer, Unspecified, Unknown or blank: a
blank is never read as No. Unknown staff are counted in metric 1, in metric 10 and in the
declaration rate, but left out of every Disabled/non-disabled comparison. In the staff survey,
Disabled staff are those who answer yes to the question on a long-term physical or mental
health condition, disability or illness: a different, self-reported population, so metrics 4-9a
are never set against the ESR counts of metrics 1-3 and 10.

**Metric 1** counts staff in post in NHS England's clusters (bands 1-4, 5-7, 8a-8b, 8c-9 and
VSM, non-clinical and clinical apart; consultants, non-consultant career grades and trainee
grades). """
    + (STAFF_IN_POST + " " + CASE_LOG).replace("{", "{{").replace("}", "}}")
    + """

**Relative likelihood (RL).** Metric 2 divides the non-disabled rate of appointment from
shortlisting by the Disabled rate; metric 3 divides the Disabled rate of entry into the formal
capability process by the non-disabled rate. In both an RL above 1 favours non-disabled
staff. {verdict} An RL is undefined, and shown as such, when either group has no events or no
staff. An RL is flagged as resting on small numbers when either group has fewer than
{s.small_numbers} events. A guaranteed interview scheme for Disabled applicants raises metric
2 (more are shortlisted, so fewer of those shortlisted are appointed); when the organisation
runs one, setting `guaranteed_interview` ({on[guaranteed_interview]} for this report) makes
metric 2 say so.

**Intervals.** {level}% intervals: for an RL, the log-scale (Katz) interval for a ratio of two
proportions; for a percentage, the Wilson score interval.

{chance}

**Key findings.** {ranking}

**Metric 3** counts entries into the formal capability procedure on the grounds of performance
only; entries on the grounds of ill health are shown beside it and are not in the RL. It is
shown for the reporting year alone and as a two-year rolling figure pooling this year and the
year before; the headline figure is the {rolling} figure (setting `capability_rolling`, on by
default: NHS England's WDES metrics say metric 3 "will be based on data from a two year rolling
average of the current year and the previous year").

**Staff survey (metrics 4-9a).** Results for a group with fewer than
{s.survey_min_respondents} respondents are not reported. Metric 8 is asked of Disabled staff
only and has no comparison group. Metric 9a is the staff engagement score, a mean of nine
questions on a 0 to 10 scale, compared in points, not percentages; the organisation's overall
score is shown where the survey file gives it. Survey questions: {questions}.

**Metric 9b** is the organisation's own yes/no answer and narrative, quoted as supplied.

**Metric 10** compares each group's share of the Board with its share of the workforce, in
percentage points, for voting, executive and non-executive members and the whole Board.

**Disclosure control.** {disclosure}

**Comparators** are the organisations named in the parameters; a position among them compares
like-for-like published figures for the same year.{synthetic}
"""
)

DISCLOSURE = (
    "Staff counts of {s.suppress_from} to {s.suppress_to} are suppressed in tables, with "
    "further cells hidden where a total would reveal them; a group's row in metrics 2 and 3 "
    "is hidden when its count or base is in that range. Relative likelihoods are always "
    "shown, as the standard requires; together with headcounts they can reveal a small "
    "count, which is why they carry the small-numbers flag. Board membership is public and "
    "is not suppressed."
)

STANDARD = Standard(
    code="WDES",
    name="Workforce Disability Equality Standard",
    characteristic="disability",
    adjective="disability",
    groups=(
        Group(DISABLED, FOCUS),
        Group(NON_DISABLED, REFERENCE, words="non-disabled"),
        Group(UNKNOWN, UNKNOWN_ROLE),
    ),
    indicators=INDICATORS,
    term="metric",
    placeholder="metric",
    summary_caption="Summary of the ten metrics",
    method=METHOD,
    disclosure=DISCLOSURE,
    non_adverse_setting="wdes_non_adverse",
    survey_share="9a",
    tables=("workforce", "recruitment", "board", "capability", SURVEY, "voices"),
    data_files="workforce, recruitment, capability, staff survey, Board and staff voices "
    "data files",
)
