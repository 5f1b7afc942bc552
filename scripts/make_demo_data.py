#!/usr/bin/env python3
"""Seeded synthetic WRES input data: the committed demo set, and larger sets for benchmarks.

    python scripts/make_demo_data.py                        # data/demo: ECCH + 6 comparators
    python scripts/make_demo_data.py --orgs 40 --out DIR    # 40 more fictional organisations
    python scripts/make_demo_data.py --national --out DIR   # one national extract (~1.4M staff)
    python scripts/make_demo_data.py --national --esr --out DIR   # the same, as ESR exports
    python scripts/make_demo_data.py --exports --out DIR    # ECCH as ESR and NHS Jobs exports

Every figure is invented. The files follow the project's input data contract; East Coast
Community Healthcare's (ECCH) use the mixed spellings of a real ESR export. Output is
deterministic: each organisation-year draws from its own generator seeded with SEED, the
organisation code and the year, so two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20190331
DEMO_YEARS = (2017, 2018, 2019)
DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
TABLE_NAMES = ("workforce", "recruitment", "disciplinary", "staff_survey", "board")

WHITE, BME, UNKNOWN = "White", "BME", "Unknown"
GROUP = "_group"  # internal column holding each row's true WRES group; never written

# ---------------------------------------------------------------------------------------------
# Spellings
# ---------------------------------------------------------------------------------------------

# NHS Data Dictionary ethnic category letter -> description text as ESR exports spell it.
DESCRIPTIONS = {
    "A": "White - British",
    "B": "White - Irish",
    "C": "White - Any other White background",
    "D": "Mixed - White and Black Caribbean",
    "E": "Mixed - White and Black African",
    "F": "Mixed - White and Asian",
    "G": "Mixed - Any other mixed background",
    "H": "Asian or Asian British - Indian",
    "J": "Asian or Asian British - Pakistani",
    "K": "Asian or Asian British - Bangladeshi",
    "L": "Asian or Asian British - Any other Asian background",
    "M": "Black or Black British - Caribbean",
    "N": "Black or Black British - African",
    "P": "Black or Black British - Any other Black background",
    "R": "Chinese",
    "S": "Any other ethnic group",
    "Z": "Not stated",
}
NOT_KNOWN = "99"  # never asked; written as "99" or left blank

WHITE_LETTERS = {"A": 0.86, "B": 0.02, "C": 0.12}
BME_LETTERS = {
    "H": 0.20, "L": 0.18, "N": 0.18, "S": 0.07, "F": 0.07, "D": 0.05, "G": 0.05,
    "M": 0.04, "R": 0.04, "E": 0.03, "J": 0.03, "K": 0.03, "P": 0.03,
}  # fmt: skip
UNKNOWN_LETTERS = {"Z": 0.55, NOT_KNOWN: 0.45}
# 2017-19 international nurse recruitment came mainly from India, the Philippines (recorded
# as "any other Asian background") and Africa; White international recruits from the EU.
INTERNATIONAL_BME_LETTERS = {"H": 0.45, "L": 0.35, "N": 0.20}
INTERNATIONAL_WHITE_LETTER = "C"

# A messy export mixes letters, two-character local codes and description text.
MESSY_CODE_STYLES = {"letter": 0.40, "local": 0.20, "description": 0.40}
LOCAL_CODE_SUFFIXES = ("1", "2", "3", "4")
YES_NO_STYLES = (("Yes", "No"), ("Y", "N"), ("TRUE", "FALSE"), ("1", "0"))
MESSY_YES_NO_WEIGHTS = (0.45, 0.20, 0.20, 0.15)
MESSY_BAND_PREFIX_SHARE = 0.5  # "Band 8A" rather than "8a"

# ---------------------------------------------------------------------------------------------
# Workforce shape
# ---------------------------------------------------------------------------------------------

STAFF_GROUPS = ("Non-clinical", "Clinical", "Medical and dental")
CLINICAL_SHARE = 0.67
CLINICAL_BANDS = {
    "2": 6, "3": 15, "4": 6, "5": 21, "6": 25, "7": 17, "8a": 6, "8b": 2.5, "8c": 1, "8d": 0.5,
}  # fmt: skip
NON_CLINICAL_BANDS = {
    "1": 0.5, "2": 19, "3": 26, "4": 20, "5": 9, "6": 8, "7": 6,
    "8a": 4.5, "8b": 3, "8c": 2, "8d": 1, "9": 0.5, "VSM": 1,
}  # fmt: skip
COMMUNITY_GRADES = {
    "Other": 45,
    "Non-consultant career grade": 35,
    "Consultant": 17,
    "Trainee grade": 3,
}
HOSPITAL_GRADES = {
    "Consultant": 38,
    "Trainee grade": 42,
    "Non-consultant career grade": 14,
    "Other": 6,
}
# organisation type -> (share of staff who are medical and dental, their grade mix)
ORG_TYPES = {
    "Community provider": (0.015, COMMUNITY_GRADES),
    "Acute trust": (0.13, HOSPITAL_GRADES),
    "Mental health trust": (0.05, HOSPITAL_GRADES),
    "Ambulance trust": (0.004, COMMUNITY_GRADES),
}
# Relative chance that a post is held by a BME member of staff: the typical WRES picture of
# BME staff concentrated in clinical bands 5-6 (and medical posts) and scarce from 8a up.
BME_PROPENSITY = {
    "Clinical": {"2": 1.0, "3": 1.0, "4": 1.0, "5": 2.2, "6": 1.8, "7": 0.8,
                 "8a": 0.4, "8b": 0.25, "8c": 0.25, "8d": 0.25},
    "Non-clinical": {"1": 0.6, "2": 0.6, "3": 0.6, "4": 0.6, "5": 0.5, "6": 0.5, "7": 0.5,
                     "8a": 0.3, "8b": 0.3, "8c": 0.3, "8d": 0.3, "9": 0.3, "VSM": 0.3},
    "Medical and dental": {"Consultant": 2.0, "Non-consultant career grade": 3.0,
                           "Trainee grade": 3.0, "Other": 2.5},
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Rates shared by every organisation
# ---------------------------------------------------------------------------------------------

APPOINTMENT_RATE = 0.22  # share of shortlisted applicants appointed
WHITE_INTERNATIONAL_SHARE = 0.03
# International applicants arrive through recruitment campaigns and are appointed more often
# than other shortlisted BME applicants, so the RL excluding them is higher.
INTERNATIONAL_APPOINTMENT_WEIGHT = 1.5
LEAVER_SHARE = 0.15  # disciplinary cases whose subject left before the 31 March snapshot
ITEM_RESPONSE = {5: 0.99, 6: 0.98, 7: 0.97, 8: 0.96}  # survey respondents answering each item
# National staff survey picture, 2019 (% White, % BME); indicator 7 is higher-is-better.
SURVEY_BASELINE = {5: (27.0, 29.5), 6: (24.0, 29.0), 7: (86.5, 70.0), 8: (6.5, 15.0)}
# NHS Staff Survey question behind each indicator, per survey year.
SURVEY_QUESTIONS = {
    year: {5: "Q13a", 6: "Q13b/Q13c", 7: "Q14", 8: "Q15b"} for year in (2017, 2018, 2019, 2020)
}
SHORTLISTED_PER_STAFF = 0.6
DISCIPLINARY_PER_STAFF = 0.012

# ---------------------------------------------------------------------------------------------
# Organisations and their targets
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    code: str
    name: str
    type: str
    region: str
    id_prefix: str  # staff_id = prefix + six digits
    messy: bool = False  # mixed ESR spellings rather than clean letters / bands / Yes-No
    real: bool = False  # a real organisation's name on invented figures


@dataclass(frozen=True)
class Board:
    executive: int  # voting executive directors
    non_executive: int  # voting non-executive directors
    non_voting_executive: int = 0
    non_voting_non_executive: int = 0  # e.g. an associate non-executive
    bme_executive: int = 0
    bme_non_executive: int = 0


@dataclass(frozen=True)
class Targets:
    """What one organisation-year's files should show; counts are derived from these."""

    headcount: int
    bme_share: float  # of all staff, unknowns included
    unknown_share: float
    shortlisted: int
    bme_shortlisted_share: float
    international_share: float  # of BME shortlisted applicants
    rl_appointment: float  # indicator 2, White over BME
    disciplinary_cases: int
    rl_disciplinary: float  # indicator 3, BME over White
    training_rate: float
    rl_training: float  # indicator 4, White over BME
    response_rate: float
    survey_pct: dict[int, tuple[float, float]]  # indicator -> (% White, % BME) positive
    board: Board
    survey_respondents: dict[tuple[int, str], int] | None = None  # overrides


@dataclass(frozen=True)
class Profile:
    """An organisation's character; targets_for() turns it into one year's targets."""

    headcount: int  # 2019
    bme_share: float  # 2019
    unknown_share: float  # 2019
    rl_appointment: float
    rl_disciplinary: float
    rl_training: float
    response_rate: float
    international_share: float = 0.2
    survey_gap: float = 1.0  # multiplies the national BME-White survey gap


ECCH = Org(
    "ECCH",
    "East Coast Community Healthcare",
    "Community provider",
    "East of England",
    id_prefix="E",
    messy=True,
    real=True,
)

# The story a Board should recognise: BME share rising with international nurse recruitment
# and self-reporting improving; appointment from shortlisting inside the non-adverse range in
# 2018 but worse again in 2019; a small-numbers disciplinary RL that jumps in 2019; training
# access near parity; BME staff reporting worse survey experience; the first BME Board member
# (a non-executive) from 2018. Indicator 8's 2019 BME group is forced below the reporting
# threshold of 11 respondents so the demo shows a suppressed survey figure.
ECCH_TARGETS = {
    2017: Targets(
        headcount=960, bme_share=0.082, unknown_share=0.048,
        shortlisted=640, bme_shortlisted_share=0.18, international_share=0.15,
        rl_appointment=1.35, disciplinary_cases=12, rl_disciplinary=1.8,
        training_rate=0.48, rl_training=1.10, response_rate=0.46,
        survey_pct={5: (22, 27), 6: (19, 25), 7: (89, 76), 8: (5, 12)},
        board=Board(executive=6, non_executive=6, non_voting_executive=1),
    ),
    2018: Targets(
        headcount=990, bme_share=0.093, unknown_share=0.040,
        shortlisted=720, bme_shortlisted_share=0.20, international_share=0.25,
        rl_appointment=1.15, disciplinary_cases=13, rl_disciplinary=1.3,
        training_rate=0.50, rl_training=1.08, response_rate=0.48,
        survey_pct={5: (21, 26), 6: (18, 24), 7: (89, 78), 8: (5, 11)},
        board=Board(executive=6, non_executive=6, non_voting_executive=1, bme_non_executive=1),
    ),
    2019: Targets(
        headcount=1020, bme_share=0.105, unknown_share=0.032,
        shortlisted=780, bme_shortlisted_share=0.22, international_share=0.40,
        rl_appointment=1.60, disciplinary_cases=14, rl_disciplinary=2.5,
        training_rate=0.52, rl_training=1.12, response_rate=0.50,
        survey_pct={5: (22, 28), 6: (19, 27), 7: (88, 74), 8: (5, 14)},
        board=Board(executive=6, non_executive=6, non_voting_executive=1,
                    non_voting_non_executive=1, bme_non_executive=1),
        survey_respondents={(8, BME): 9},
    ),
}  # fmt: skip

# Fictional community providers (none is a real NHS organisation): small to large, 5-25% BME,
# some inside and some outside the non-adverse range on each RL indicator.
# Profile(staff, BME share, unknown share, RL ind. 2, RL ind. 3, RL ind. 4, survey response)
COMPARATORS = (
    (Org("SMCH", "Saltmere Community Health", "Community provider", "East of England", "S"),
     Profile(400, 0.05, 0.060, 1.00, 1.00, 1.32, 0.55, international_share=0.10)),
    (Org("BKCS", "Brackenwold Community Services", "Community provider", "South West", "B"),
     Profile(700, 0.07, 0.030, 1.90, 0.90, 0.96, 0.42, survey_gap=0.6)),
    (Org("OHCC", "Oakhollow Community Care", "Community provider", "East of England", "O"),
     Profile(1000, 0.10, 0.080, 1.10, 0.85, 1.02, 0.50)),
    (Org("HDCH", "Harrowdale Community Healthcare", "Community provider", "Midlands", "H"),
     Profile(1500, 0.13, 0.020, 1.22, 1.60, 1.12, 0.47, survey_gap=1.3)),
    (Org("KMCP", "Kestrelmoor Community Partnership", "Community provider", "North West", "K"),
     Profile(2200, 0.17, 0.040, 1.45, 1.00, 1.20, 0.40)),
    (Org("LPCH", "Lindenport Community Health", "Community provider", "London", "L"),
     Profile(3500, 0.25, 0.050, 1.70, 2.20, 1.34, 0.38, international_share=0.3,
             survey_gap=1.4)),
)  # fmt: skip

REGIONS = (
    "East of England",
    "London",
    "Midlands",
    "North East and Yorkshire",
    "North West",
    "South East",
    "South West",
)
SYNTHETIC_TYPE_WEIGHTS = {
    "Acute trust": 0.55,
    "Mental health trust": 0.20,
    "Community provider": 0.15,
    "Ambulance trust": 0.10,
}
# 300 + 11,700 * Beta(1.7, 1.85): sizes 300-12,000 averaging ~5,900 staff; with this SEED the
# 250 organisations of the default national extract hold about 1.4 million staff.
SYNTHETIC_SIZE = (300, 11_700, 1.7, 1.85)


def org_rng(code: str, year: int = 0) -> np.random.Generator:
    """Independent stream per organisation-year, so outputs never depend on generation order."""
    return np.random.default_rng([SEED, zlib.crc32(code.encode()), year])


def synthetic_org(number: int) -> tuple[Org, Profile]:
    """The fictional organisation SYN<number>; the same number always gives the same one."""
    code = f"SYN{number:03d}"
    rng = org_rng(code)
    org_type = str(draw(rng, SYNTHETIC_TYPE_WEIGHTS, 1)[0])
    region = REGIONS[rng.integers(len(REGIONS))]
    low, span, a, b = SYNTHETIC_SIZE
    london = region == "London"
    profile = Profile(
        headcount=int(low + span * rng.beta(a, b)),
        bme_share=rng.uniform(0.25, 0.55) if london else rng.uniform(0.04, 0.28),
        unknown_share=rng.uniform(0.01, 0.12),
        rl_appointment=float(np.exp(rng.normal(np.log(1.5), 0.25))),
        rl_disciplinary=float(np.exp(rng.normal(np.log(1.3), 0.40))),
        rl_training=float(np.exp(rng.normal(np.log(1.08), 0.10))),
        response_rate=rng.uniform(0.30, 0.65),
        international_share=rng.uniform(0.0, 0.5),
        survey_gap=rng.uniform(0.5, 1.6),
    )
    name = f"Synthetic {org_type.title()} {number:03d}"
    org = Org(code, name, org_type, region, id_prefix=f"{code}-", messy=rng.random() < 0.3)
    return org, profile


def targets_for(p: Profile, year: int, rng: np.random.Generator) -> Targets:
    """One year's targets: the profile drifted from 2019 (BME up, unknowns down), plus noise."""

    def jitter(sd: float) -> float:
        return float(np.exp(rng.normal(0.0, sd)))

    dy = year - 2019
    headcount = max(50, round(p.headcount * (1 + 0.02 * dy) * jitter(0.01)))
    bme_share = float(np.clip(p.bme_share * (1 + 0.05 * dy), 0.01, 0.9))
    survey_pct = {}
    for indicator, (white, bme) in SURVEY_BASELINE.items():
        w = white + rng.normal(0, 1.5)
        survey_pct[indicator] = (w, w + (bme - white) * p.survey_gap + rng.normal(0, 1.5))
    return Targets(
        headcount=headcount,
        bme_share=bme_share,
        unknown_share=float(np.clip(p.unknown_share - 0.008 * dy, 0.005, 0.3)),
        shortlisted=round(headcount * SHORTLISTED_PER_STAFF * jitter(0.1)),
        bme_shortlisted_share=min(0.9, 1.6 * bme_share),
        international_share=p.international_share,
        rl_appointment=p.rl_appointment * jitter(0.08),
        disciplinary_cases=round(headcount * DISCIPLINARY_PER_STAFF * jitter(0.2)),
        rl_disciplinary=p.rl_disciplinary * jitter(0.10),
        training_rate=rng.uniform(0.40, 0.60),
        rl_training=p.rl_training * jitter(0.04),
        response_rate=float(np.clip(p.response_rate + rng.normal(0, 0.02), 0.1, 0.9)),
        survey_pct=survey_pct,
        board=random_board(rng, headcount, bme_share),
    )


def random_board(rng: np.random.Generator, headcount: int, bme_share: float) -> Board:
    executive = 5 + int(headcount > 2000)
    non_executive = 5 + int(headcount > 1200) + int(headcount > 5000)
    return Board(
        executive=executive,
        non_executive=non_executive,
        non_voting_executive=int(rng.integers(0, 3)),
        non_voting_non_executive=int(rng.random() < 0.3),
        bme_executive=int(rng.binomial(executive, 0.5 * bme_share)),
        bme_non_executive=int(rng.binomial(non_executive, min(0.9, 1.2 * bme_share))),
    )


# ---------------------------------------------------------------------------------------------
# Sampling and rendering helpers (all vectorised)
# ---------------------------------------------------------------------------------------------


def draw(rng: np.random.Generator, weights: dict, n: int) -> np.ndarray:
    """n values drawn with replacement, in proportion to the dict's weights."""
    keys = np.array(list(weights), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def pick(rng: np.random.Generator, k: int, weights: np.ndarray) -> np.ndarray:
    """Mask choosing exactly k rows without replacement, chance in proportion to weight.

    Efraimidis-Spirakis: the k smallest Exp(1)/weight keys. Exact counts (rather than a coin
    per row) keep every organisation-year on its story targets.
    """
    weights = np.asarray(weights, dtype=float)
    mask = np.zeros(len(weights), dtype=bool)
    k = min(k, int((weights > 0).sum()))
    if k > 0:
        with np.errstate(divide="ignore"):
            keys = rng.exponential(size=len(weights)) / weights
        mask[np.argpartition(keys, k - 1)[:k]] = True
    return mask


def pick_per_group(
    rng: np.random.Generator, groups: np.ndarray, counts: dict[str, int], weights=None
) -> np.ndarray:
    weights = np.ones(len(groups)) if weights is None else weights
    mask = np.zeros(len(groups), dtype=bool)
    for group, k in counts.items():
        mask |= pick(rng, k, np.where(groups == group, weights, 0.0))
    return mask


def split_events(rate: float, rl: float, n_ref: int, n_other: int) -> tuple[int, int]:
    """Event counts (reference group, other group) with overall rate `rate` and
    (ref events / n_ref) / (other events / n_other) close to `rl`: the WRES RL formula."""
    p_other = rate * (n_ref + n_other) / max(rl * n_ref + n_other, 1e-9)
    return min(n_ref, round(rl * p_other * n_ref)), min(n_other, round(p_other * n_other))


def draw_letters(rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
    letters = np.empty(len(groups), dtype=object)
    for group, weights in ((WHITE, WHITE_LETTERS), (BME, BME_LETTERS), (UNKNOWN, UNKNOWN_LETTERS)):
        rows = groups == group
        letters[rows] = draw(rng, weights, int(rows.sum()))
    return letters


def render_codes(rng: np.random.Generator, letters: np.ndarray, messy: bool) -> np.ndarray:
    """Ethnic category as written in the file: clean letters, or a messy ESR mixture."""
    n = len(letters)
    out = letters.copy()
    not_known = letters == NOT_KNOWN
    if not messy:
        out[not_known] = ""
        return out
    style = draw(rng, MESSY_CODE_STYLES, n)
    known = ~not_known & (letters != "Z")
    local = known & (style == "local")
    out[local] = letters[local] + draw(rng, dict.fromkeys(LOCAL_CODE_SUFFIXES, 1), int(local.sum()))
    described = ~not_known & (style == "description")
    out[described] = pd.Series(letters[described]).map(DESCRIPTIONS).to_numpy(dtype=object)
    out[not_known & (rng.random(n) < 0.5)] = ""  # never asked: "99" or just blank
    return out


def render_yes_no(rng: np.random.Generator, values: np.ndarray, messy: bool) -> np.ndarray:
    styles = np.array(YES_NO_STYLES, dtype=object)
    weights = MESSY_YES_NO_WEIGHTS if messy else (1, 0, 0, 0)
    style = rng.choice(len(styles), size=len(values), p=weights)
    return styles[style, np.where(values, 0, 1)]


def render_bands(rng: np.random.Generator, bands: np.ndarray, messy: bool) -> np.ndarray:
    out = bands.copy()
    if messy:
        numbered = np.isin(bands, [b for b in NON_CLINICAL_BANDS if b != "VSM"])
        prefixed = numbered & (rng.random(len(bands)) < MESSY_BAND_PREFIX_SHARE)
        out[prefixed] = ["Band " + band.upper() for band in bands[prefixed]]
    return out


def staff_numbers(rng: np.random.Generator, prefix: str, n: int, spare: int):
    """n sorted unique staff ids for the workforce, and `spare` unused ones (for leavers)."""
    numbers = rng.choice(999_999, size=n + spare, replace=False) + 1
    numbers[:n].sort()  # fixed width, so numeric order is the ids' text order

    def ids(part: np.ndarray) -> np.ndarray:
        return np.char.add(prefix, np.char.zfill(part.astype(str), 6)).astype(object)

    return ids(numbers[:n]), ids(numbers[n:])


# ---------------------------------------------------------------------------------------------
# The per-organisation generator
# ---------------------------------------------------------------------------------------------


def make_workforce(rng, org: Org, t: Targets, ids: np.ndarray) -> pd.DataFrame:
    n = t.headcount
    medical_share, grades = ORG_TYPES[org.type]
    n_medical, n_clinical = round(n * medical_share), round(n * CLINICAL_SHARE)
    sizes = (n - n_clinical - n_medical, n_clinical, n_medical)
    staff_group = np.repeat(np.array(STAFF_GROUPS, dtype=object), sizes)
    bands = np.empty(n, dtype=object)
    propensity = np.empty(n)
    for group, weights in zip(
        STAFF_GROUPS, (NON_CLINICAL_BANDS, CLINICAL_BANDS, grades), strict=True
    ):
        rows = staff_group == group
        bands[rows] = draw(rng, weights, int(rows.sum()))
        propensity[rows] = pd.Series(bands[rows]).map(BME_PROPENSITY[group]).to_numpy(float)

    unknown = pick(rng, round(n * t.unknown_share), np.ones(n))
    bme = pick(rng, round(n * t.bme_share), np.where(unknown, 0.0, propensity))
    groups = np.where(unknown, UNKNOWN, np.where(bme, BME, WHITE)).astype(object)

    n_white, n_bme = int((groups == WHITE).sum()), int(bme.sum())
    white_trained, bme_trained = split_events(t.training_rate, t.rl_training, n_white, n_bme)
    unknown_trained = round(t.training_rate * unknown.sum())
    trained = pick_per_group(
        rng, groups, {WHITE: white_trained, BME: bme_trained, UNKNOWN: unknown_trained}
    )

    order = rng.permutation(n)  # ids are sorted, so shuffle the people behind them
    return pd.DataFrame(
        {
            "staff_id": ids,
            "ethnic_category": render_codes(rng, draw_letters(rng, groups), org.messy)[order],
            "staff_group": staff_group[order],
            "pay_band": render_bands(rng, bands, org.messy)[order],
            "non_mandatory_training": render_yes_no(rng, trained, org.messy)[order],
            GROUP: groups[order],
        }
    )


def make_recruitment(rng, org: Org, t: Targets) -> pd.DataFrame:
    n_bme = round(t.shortlisted * t.bme_shortlisted_share)
    n_unknown = round(t.shortlisted * t.unknown_share)
    n_white = t.shortlisted - n_bme - n_unknown
    groups = np.repeat(np.array([WHITE, BME, UNKNOWN], dtype=object), [n_white, n_bme, n_unknown])

    international = pick_per_group(
        rng,
        groups,
        {
            WHITE: round(n_white * WHITE_INTERNATIONAL_SHARE),
            BME: round(n_bme * t.international_share),
        },
    )
    white_appointed, bme_appointed = split_events(
        APPOINTMENT_RATE, t.rl_appointment, n_white, n_bme
    )
    appointed = pick_per_group(
        rng,
        groups,
        {WHITE: white_appointed, BME: bme_appointed, UNKNOWN: round(APPOINTMENT_RATE * n_unknown)},
        weights=np.where(international, INTERNATIONAL_APPOINTMENT_WEIGHT, 1.0),
    )

    letters = draw_letters(rng, groups)
    abroad_bme = international & (groups == BME)
    letters[abroad_bme] = draw(rng, INTERNATIONAL_BME_LETTERS, int(abroad_bme.sum()))
    letters[international & (groups == WHITE)] = INTERNATIONAL_WHITE_LETTER

    order = rng.permutation(t.shortlisted)
    return pd.DataFrame(
        {
            "ethnic_category": render_codes(rng, letters, org.messy)[order],
            "appointed": render_yes_no(rng, appointed, org.messy)[order],
            "international_recruit": render_yes_no(rng, international, org.messy)[order],
            GROUP: groups[order],
        }
    )


def make_disciplinary(rng, t: Targets, workforce: pd.DataFrame, spare_ids) -> pd.DataFrame:
    """Cases opened on staff in the workforce file; a share of them have since left."""
    groups = workforce[GROUP].to_numpy()
    n_white, n_bme = int((groups == WHITE).sum()), int((groups == BME).sum())
    rate = t.disciplinary_cases / max(n_white + n_bme, 1)
    bme_cases, white_cases = split_events(rate, t.rl_disciplinary, n_bme, n_white)
    unknown_cases = round(t.disciplinary_cases * t.unknown_share)
    chosen = pick_per_group(
        rng, groups, {WHITE: white_cases, BME: bme_cases, UNKNOWN: unknown_cases}
    )

    cases = workforce.loc[chosen, ["ethnic_category", "staff_id", GROUP]]
    cases = cases.iloc[rng.permutation(len(cases))].reset_index(drop=True)
    left = rng.random(len(cases)) < LEAVER_SHARE
    cases.loc[left, "staff_id"] = spare_ids[: int(left.sum())]
    return cases


def make_survey(t: Targets, workforce: pd.DataFrame, year: int) -> pd.DataFrame:
    headcount = workforce[GROUP].value_counts()
    overrides = t.survey_respondents or {}
    questions = SURVEY_QUESTIONS.get(year, {})
    rows = []
    for indicator, item_response in ITEM_RESPONSE.items():
        for column, group in enumerate((WHITE, BME)):
            respondents = round(headcount.get(group, 0) * t.response_rate * item_response)
            respondents = overrides.get((indicator, group), respondents)
            percent = float(np.clip(t.survey_pct[indicator][column], 0, 100))
            rows.append(
                {
                    "indicator": indicator,
                    "group": group,
                    "respondents": respondents,
                    "positive": round(respondents * percent / 100),
                    "question": questions.get(indicator, ""),
                }
            )
    return pd.DataFrame(rows)


def make_board(rng, org: Org, t: Targets) -> pd.DataFrame:
    """Register order: voting executives, voting non-executives, then non-voting members."""
    b = t.board
    sizes = (b.executive, b.non_executive, b.non_voting_executive, b.non_voting_non_executive)
    executive = np.repeat([True, False, True, False], sizes)
    voting = np.repeat([True, True, False, False], sizes)
    groups = np.full(sum(sizes), WHITE, dtype=object)
    groups[: b.bme_executive] = BME
    groups[b.executive : b.executive + b.bme_non_executive] = BME
    return pd.DataFrame(
        {
            "ethnic_category": render_codes(rng, draw_letters(rng, groups), org.messy),
            "voting": render_yes_no(rng, voting, org.messy),
            "executive": render_yes_no(rng, executive, org.messy),
            GROUP: groups,
        }
    )


def generate(org: Org, source: Profile | dict[int, Targets], year: int) -> dict[str, pd.DataFrame]:
    """All five tables for one organisation-year (each still carrying the internal GROUP)."""
    rng = org_rng(org.code, year)
    t = source[year] if isinstance(source, dict) else targets_for(source, year, rng)
    ids, spare_ids = staff_numbers(rng, org.id_prefix, t.headcount, t.disciplinary_cases + 10)
    workforce = make_workforce(rng, org, t, ids)
    return {
        "workforce": workforce,
        "recruitment": make_recruitment(rng, org, t),
        "disciplinary": make_disciplinary(rng, t, workforce, spare_ids),
        "staff_survey": make_survey(t, workforce, year),
        "board": make_board(rng, org, t),
    }


# ---------------------------------------------------------------------------------------------
# Summary (for the demo README) and writing
# ---------------------------------------------------------------------------------------------


def relative_likelihood(events_a: int, base_a: int, events_b: int, base_b: int) -> float | None:
    if min(events_a, base_a, events_b, base_b) <= 0:
        return None  # undefined: a group with no events or no base
    return (events_a / base_a) / (events_b / base_b)


def summarise(tables: dict[str, pd.DataFrame]) -> dict:
    """The headline figures, from the true groups (what a correct reader must reproduce)."""

    def yes(column: pd.Series) -> pd.Series:
        return column.str.lower().isin(["yes", "y", "true", "1"])

    def counts(table: str, flag: str | None = None) -> pd.Series:
        frame = tables[table]
        rows = frame if flag is None else frame[yes(frame[flag])]
        return rows[GROUP].value_counts().reindex([WHITE, BME, UNKNOWN], fill_value=0)

    staff, trained = counts("workforce"), counts("workforce", "non_mandatory_training")
    shortlisted, appointed = counts("recruitment"), counts("recruitment", "appointed")
    cases = counts("disciplinary")
    survey = tables["staff_survey"].set_index(["indicator", "group"])
    board = tables["board"]
    voting = board[yes(board["voting"])]
    return {
        "headcount": int(staff.sum()),
        "bme_pct": 100 * staff[BME] / staff.sum(),
        "unknown_pct": 100 * staff[UNKNOWN] / staff.sum(),
        "rl2": relative_likelihood(
            appointed[WHITE], shortlisted[WHITE], appointed[BME], shortlisted[BME]
        ),
        "rl3": relative_likelihood(cases[BME], staff[BME], cases[WHITE], staff[WHITE]),
        "cases": (int(cases[BME]), int(cases[WHITE]), int(cases.sum())),
        "rl4": relative_likelihood(trained[WHITE], staff[WHITE], trained[BME], staff[BME]),
        "survey_bme": [int(survey.loc[(i, BME), "respondents"]) for i in ITEM_RESPONSE],
        "board_bme_voting": (int((voting[GROUP] == BME).sum()), len(voting)),
    }


def write_tables(folder: Path, tables: dict[str, pd.DataFrame], marker: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES + tuple(n for n in WDES_TABLE_NAMES if n in tables):
        frame = tables[name].drop(columns=GROUP, errors="ignore")
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    if marker is not None:
        (folder / "SYNTHETIC.txt").write_text(marker, encoding="utf-8")


def write_organisations(folder: Path, orgs: list[Org]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {"code": o.code, "name": o.name, "type": o.type, "region": o.region, "synthetic": "yes"}
        for o in orgs
    ]
    pd.DataFrame(rows).to_csv(folder / "organisations.csv", index=False, lineterminator="\n")


def marker_text(org: Org | None, year: int) -> str:
    if org is None:
        about = f"A national extract for {year} of fictional organisations (SYN001...)."
    else:
        about = f"{org.name} ({org.code}), {year}. " + (
            "The organisation is real, but none of these figures are its data."
            if org.real
            else "The organisation is fictional."
        )
    return (
        "SYNTHETIC DATA - NOT REAL - NOT FOR PUBLICATION\n\n"
        f"{about}\n\n"
        "Every file in this folder was made up by scripts/make_demo_data.py from seeded\n"
        f"random numbers (seed {SEED}). No row describes a real person. Use it only to\n"
        "demonstrate and test the WRES report; do not publish, quote or benchmark against it.\n"
    )


def fmt_rl(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.2f}"


def readme_text(ecch: dict[int, dict], comparators: list[tuple[Org, dict]]) -> str:
    ecch_rows = "\n".join(
        f"| {year} | {s['headcount']:,} | {s['bme_pct']:.1f}% | {s['unknown_pct']:.1f}% | "
        f"{fmt_rl(s['rl2'])} | {fmt_rl(s['rl3'])} ({s['cases'][0]} BME / {s['cases'][1]} White "
        f"of {s['cases'][2]}) | {fmt_rl(s['rl4'])} | {' / '.join(map(str, s['survey_bme']))} | "
        f"{s['board_bme_voting'][0]} of {s['board_bme_voting'][1]} |"
        for year, s in ecch.items()
    )
    comparator_rows = "\n".join(
        f"| {o.code} | {o.name} | {o.region} | {s['headcount']:,} | {s['bme_pct']:.1f}% | "
        f"{fmt_rl(s['rl2'])} | {fmt_rl(s['rl3'])} | {fmt_rl(s['rl4'])} |"
        for o, s in comparators
    )
    return README_TEMPLATE.format(
        seed=SEED, ecch_rows=ecch_rows, comparator_rows=comparator_rows, last=DEMO_YEARS[-1]
    )


README_TEMPLATE = """\
# Synthetic WRES demo data

**Synthetic data. No real person. Not for publication.** Every file under `data/demo/`
was made by `scripts/make_demo_data.py` from seeded random numbers (seed {seed}).
East Coast Community Healthcare (ECCH) is a real organisation, but none of these figures
are its data; every other organisation here is fictional. This README is written by the
script too: change the script, not this file.

## What is here

* `organisations.csv`: `code,name,type,region,synthetic` for every organisation.
* `<ORG>/<YEAR>/` for 2017, 2018 and 2019: `workforce.csv`, `recruitment.csv`,
  `disciplinary.csv`, `staff_survey.csv` and `board.csv` in the project's input data
  contract, with the optional `international_recruit`, `staff_id` (disciplinary) and
  `question` columns, plus a `SYNTHETIC.txt` marker.

ECCH's files are deliberately messy, as a real ESR export is: ethnic category as the NHS
letter (`A`), a two-character local code (`C3`), description text (`White - British`,
`Chinese`, `Not stated`), `99` or blank; pay bands as `5`, `Band 5`, `8a`, `Band 8A`,
`VSM`; yes/no columns mixing `Yes`/`No`, `Y`/`N`, `TRUE`/`FALSE` and `1`/`0`. The
comparators use clean spellings. Each year is generated on its own: `staff_id` is unique
within a file but does not follow a person from one year to the next. About 15% of
disciplinary cases carry a `staff_id` that is not in the workforce file (the person left).

## The story (ECCH)

A community provider of about 1,000 staff in Norfolk and Suffolk. Its BME share rises
slowly with international nurse recruitment and fewer staff leave their ethnicity
unrecorded; BME staff are concentrated in clinical bands 5-6 and scarce from band 8a up.
Appointment from shortlisting (indicator 2) moved into the non-adverse range (0.80-1.25)
in 2018 and out of it again in 2019. The disciplinary RL (indicator 3) rests on a handful of
cases, so it swings and must be flagged as small numbers. Access to non-mandatory training
(indicator 4) is close to parity. BME staff report more harassment and discrimination and
less belief in equal opportunities (indicators 5-8); the 2019 BME group for indicator 8 has
only 9 respondents, below the threshold of 11, so the report suppresses it. The Board had no
BME member in 2017 and one BME non-executive from 2018.

Figures as generated (indicator 2 and 4: White over BME; indicator 3: BME over White,
single year; survey: BME respondents for indicators 5 / 6 / 7 / 8):

| year | staff | BME | unknown | ind. 2 | ind. 3 (cases) | ind. 4 | survey BME | BME on Board |
|---|---|---|---|---|---|---|---|---|
{ecch_rows}

## Comparators ({last})

Fictional community providers of different sizes and BME shares, so ECCH sits mid-table
on some indicators and at the edge on others:

| code | name | region | staff | BME | ind. 2 RL | ind. 3 RL | ind. 4 RL |
|---|---|---|---|---|---|---|---|
{comparator_rows}

## Regenerating

    python scripts/make_demo_data.py

rewrites every file here; a second run gives byte-identical files. Scale data sets for
benchmarks and batch tests (never committed):

    python scripts/make_demo_data.py --orgs 40 --out /tmp/wres-orgs [--years 2018 2019]
    python scripts/make_demo_data.py --national --out /tmp/wres-national [--year 2019] [--orgs 250]

The first writes fictional organisations `SYN001`... in the same per-organisation layout;
the second writes one national extract per table, with a first column `organisation`
(about 1.4 million workforce rows for 250 organisations).
"""


# ---------------------------------------------------------------------------------------------
# The same data as the exports an analyst receives: ESR staff list, recruitment system
# ---------------------------------------------------------------------------------------------

EXPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "demo-exports"
# Found under names like these. (Real ESR names have spaces, "Staff in Post - Workforce
# 201903.csv", which the reader takes too; make cannot track a file with a space in its name.)
ESR_FILE = "staff-in-post-workforce-{year}03.csv"
RECRUITMENT_FILE = "nhs-jobs-applications-{year}.csv"
# How ESR spells each tidy staff group (any of these is read back as that group).
ESR_STAFF_GROUPS = {
    "Non-clinical": ("08 Administrative and Clerical", "Administrative and Clerical",
                     "ESTATES AND ANCILLARY"),
    "Clinical": ("Nursing and Midwifery Registered", "03 Nursing and Midwifery Registered",
                 "Allied Health Professionals", "Additional Clinical Services",
                 "Add Prof Scientific and Technic", "Healthcare Scientists", "Students"),
    "Medical and dental": ("Medical and Dental", "01 Medical and Dental"),
}  # fmt: skip
ESR_DOCTORS = {
    "Consultant": ("Consultant",),
    "Non-consultant career grade": ("Specialty Doctor", "Associate Specialist", "Staff Grade"),
    "Trainee grade": ("Specialty Registrar", "Foundation Year 1", "Foundation Year 2"),
    "Other": ("Clinical Assistant", "Hospital Practitioner"),
}
ESR_BAND_FORMS = ("Band {b}", "NHS|XR{n:02d}|Review Body Band {b}", "Agenda for Change Band {b}")
SECOND_ASSIGNMENT_SHARE = 0.04  # staff with a second, non-primary assignment
BANK_SHARE = 0.03  # extra bank-only rows (not in the workforce snapshot)
# An extract taken after 31 March holds leavers (an end date before it), starters (a start
# date after it) and honorary assignments (FTE 0): none is in post, each left out and counted.
LEAVER_SHARE, STARTER_SHARE, HONORARY_SHARE = 0.02, 0.01, 0.005
OPEN_END = ("31 Dec 4712", "1900-01-01")  # ESR's end date of a live assignment
NOT_SHORTLISTED_PER_SHORTLISTED = 1.5  # applications that never reached shortlisting
# A status for each tidy outcome, and for applications that never reached shortlisting.
STATUSES = {
    "appointed": ("Appointed", "Offer Accepted", "Conditional Offer"),
    "shortlisted": ("Shortlisted", "Interviewed", "Unsuccessful at Interview"),
    "left out": ("Not Shortlisted", "Rejected", "Withdrawn", "Applied"),
}
_YES = {"yes", "y", "true", "1"}


def export_rng(code: str, year: int) -> np.random.Generator:
    """A stream of its own, so writing the exports never changes the tidy files."""
    return np.random.default_rng([SEED, zlib.crc32(code.encode()), year, 1])


def esr_ethnic_origin(values: pd.Series) -> np.ndarray:
    """ESR's "code description" form ("A White - British", "C3 White - ...", "99 Not Known")
    of each tidy value (a letter, a letter and a digit, a description, 99 or blank)."""
    letter_of = {text.lower(): letter for letter, text in DESCRIPTIONS.items()}
    out = []
    for value in values.astype(str):
        code = value if value and len(value) <= 2 else letter_of.get(value.lower(), NOT_KNOWN)
        if code in ("", NOT_KNOWN):
            out.append("99 Not Known")
        else:
            out.append(f"{code} {DESCRIPTIONS[code[0]]}")
    return np.array(out, dtype=object)


def esr_grade(rng, staff_group: np.ndarray, bands: pd.Series) -> np.ndarray:
    out = np.empty(len(bands), dtype=object)
    forms = rng.integers(0, 3, len(bands))
    for i, (group, band) in enumerate(zip(staff_group, bands.astype(str), strict=True)):
        if group == "Medical and dental":
            names = ESR_DOCTORS[band]
            out[i] = names[forms[i] % len(names)]
            continue
        b = band.removeprefix("Band ").upper()
        if b == "VSM":
            out[i] = "VSM"
        elif b == "1" and forms[i] == 2:
            out[i] = "Apprentice/Band 1"
        else:
            out[i] = ESR_BAND_FORMS[forms[i]].format(b=b, n=int(b[0]))
    return out


def esr_workforce(rng, tidy: pd.DataFrame, org_column: str | None = None,
                  year: int = 2019) -> pd.DataFrame:  # fmt: skip
    """One row per assignment: the tidy person's primary row, a second (non-primary, lower
    FTE) assignment for some, bank-only rows, and the leavers, starters and honorary
    assignments of an extract taken after the snapshot: none of these in the snapshot."""
    n = len(tidy)
    groups = tidy["staff_group"].to_numpy()
    choice = rng.random(n)
    staff_group = np.array(
        [ESR_STAFF_GROUPS[g][int(c * len(ESR_STAFF_GROUPS[g]))] for g, c in zip(groups, choice,
                                                                                strict=True)],
        dtype=object,
    )  # fmt: skip
    trained = np.where(tidy["non_mandatory_training"].str.lower().isin(_YES), "Yes", "No")
    frame = pd.DataFrame(
        {
            "Employee Number": tidy["staff_id"].to_numpy(),
            "Assignment Number": tidy["staff_id"].to_numpy() + "-1",
            "Primary Assignment": "Yes",
            "Ethnic Origin": esr_ethnic_origin(tidy["ethnic_category"]),
            "Staff Group": staff_group,
            "Grade": esr_grade(rng, groups, tidy["pay_band"]),
            "Contracted Wte": np.round(rng.choice([1.0, 1.0, 0.8, 0.6, 0.5], n), 2),
            "Asg Type Of Contract": rng.choice(["Permanent", "Permanent", "Fixed Term Temp"], n),
            "CPD in last 12 months": trained,
        }
    )
    if org_column:
        frame.insert(0, "Organisation", tidy[org_column].to_numpy())
    second = frame.sample(frac=SECOND_ASSIGNMENT_SHARE, random_state=rng).copy()
    second["Assignment Number"] = second["Employee Number"] + "-2"
    second["Primary Assignment"] = "No"
    second["Contracted Wte"] = 0.2
    second["CPD in last 12 months"] = "No"
    bank = frame.sample(frac=BANK_SHARE, random_state=rng).copy()
    bank["Employee Number"] = "B" + bank["Employee Number"]
    bank["Assignment Number"] = bank["Employee Number"] + "-1"
    bank["Asg Type Of Contract"] = "Bank"
    bank["Contracted Wte"] = 0.0
    rows = pd.concat([frame, second, bank], ignore_index=True)
    rows["Effective Start Date"] = "01/04/2012"
    rows["Effective End Date"] = rng.choice(OPEN_END, len(rows), p=[0.8, 0.2])
    extra = []
    for prefix, share in (("L", LEAVER_SHARE), ("N", STARTER_SHARE), ("H", HONORARY_SHARE)):
        part = frame.sample(frac=share, random_state=rng).copy()
        part["Employee Number"] = prefix + part["Employee Number"]
        part["Assignment Number"] = part["Employee Number"] + "-1"
        part["Effective Start Date"] = "01/04/2012"
        part["Effective End Date"] = OPEN_END[0]
        days = rng.integers(1, 28, len(part))
        if prefix == "L":  # left in the year before the snapshot
            months = rng.integers(1, 13, len(part))
            part["Effective End Date"] = [
                f"{d:02d}/{m:02d}/{year - 1 if m > 3 else year}" for d, m in zip(days, months,
                                                                                  strict=True)
            ]  # fmt: skip
        elif prefix == "N":  # started after it (the extract was taken in the spring)
            part["Effective Start Date"] = [f"{d:02d}/04/{year}" for d in days]
        else:
            part["Asg Type Of Contract"] = "Honorary"
            part["Contracted Wte"] = 0.0
        extra.append(part)
    rows = pd.concat([rows, *extra], ignore_index=True)
    return rows.iloc[rng.permutation(len(rows))].reset_index(drop=True)


def recruitment_export(rng, tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per application with its status: the shortlisted ones of the tidy table, and
    applications that never reached shortlisting (left out of indicator 2)."""
    appointed = tidy["appointed"].str.lower().isin(_YES).to_numpy()
    outcome = np.where(appointed, "appointed", "shortlisted")
    extra = int(len(tidy) * NOT_SHORTLISTED_PER_SHORTLISTED)
    others = ["A White - British", "H Asian or Asian British - Indian", "99 Not Known"]
    ethnic = np.concatenate([esr_ethnic_origin(tidy["ethnic_category"]), rng.choice(others, extra)])
    outcomes = np.concatenate([outcome, np.full(extra, "left out", dtype=object)])
    status = [STATUSES[o][rng.integers(len(STATUSES[o]))] for o in outcomes]
    international = np.concatenate(
        [tidy.get("international_recruit", pd.Series("", index=tidy.index)).to_numpy(),
         rng.choice(["No", "Yes"], extra)]
    )  # fmt: skip
    frame = pd.DataFrame(
        {
            "Applicant ID": [f"APP{i:06d}" for i in range(len(outcomes))],
            "Ethnic Origin": ethnic,
            "Application Status": status,
            "International Recruit": international,
        }
    )
    return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)


EXPORT_COLUMNS_YAML = """\
# The ESR staff list has no CPD column of its own: the organisation's learning system adds
# "CPD in last 12 months", and this file says it is the contract's non_mandatory_training.
workforce:
  columns:
    non_mandatory_training: CPD in last 12 months
"""


def write_exports(folder: Path, tables: dict[str, pd.DataFrame], code: str, year: int,
                  marker: str | None, org_column: str | None = None) -> None:  # fmt: skip
    """One organisation-year (or a national extract) as the exports an analyst receives."""
    rng = export_rng(code, year)
    folder.mkdir(parents=True, exist_ok=True)
    plain = {n: t.drop(columns=GROUP, errors="ignore") for n, t in tables.items()}
    esr_workforce(rng, plain["workforce"], org_column, year).to_csv(
        folder / ESR_FILE.format(year=year), index=False, lineterminator="\n"
    )
    if org_column is None:
        recruitment_export(rng, plain["recruitment"]).to_csv(
            folder / RECRUITMENT_FILE.format(year=year), index=False, lineterminator="\n"
        )
    else:
        plain["recruitment"].to_csv(folder / "recruitment.csv", index=False, lineterminator="\n")
    cases = plain["disciplinary"].copy()
    cases["ethnic_category"] = esr_ethnic_origin(cases["ethnic_category"])
    cases = cases.rename(
        columns={"ethnic_category": "Ethnic Origin", "staff_id": "Employee Number"}
    )
    cases.to_csv(folder / "disciplinary.csv", index=False, lineterminator="\n")
    for name in ("staff_survey", "board"):
        plain[name].to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    (folder / "columns.yaml").write_text(EXPORT_COLUMNS_YAML, encoding="utf-8")
    if marker is not None:
        (folder / "SYNTHETIC.txt").write_text(marker, encoding="utf-8")


def write_demo_exports(out: Path) -> None:
    """ECCH 2017-19 as ESR and recruitment-system exports: `wres indicators` on
    out/ECCH/2019 gives the same indicators.csv as on data/demo/ECCH/2019."""
    for year in DEMO_YEARS:
        tables = generate(ECCH, ECCH_TARGETS, year)
        write_exports(out / ECCH.code / str(year), tables, ECCH.code, year, marker_text(ECCH, year))


# ---------------------------------------------------------------------------------------------
# The WDES: disability on the shared tables, and the capability, WDES survey and voices tables
# ---------------------------------------------------------------------------------------------
# Drawn from a stream of their own (org_rng's key plus "wdes"), after the WRES tables are made,
# so adding them changes no WRES figure.

WDES_TABLE_NAMES = ("capability", "wdes_survey", "voices")
DISABLED, NON_DISABLED = "Disabled", "Non-disabled"
# How an unanswered ESR disability field is written: ESR's own values, and blank.
NOT_DECLARED_FORMS = {"Not Declared": 0.45, "Prefer Not To Answer": 0.15, "Unspecified": 0.1,
                      "": 0.3}  # fmt: skip
MESSY_DISABILITY = {DISABLED: ("Yes", "YES", "Disabled"), NON_DISABLED: ("No", "NO", "No")}
# Declaration falls as pay band rises (GUIDE.md): the relative chance a post-holder has
# declared a disability, by band; medical grades as band 7.
DISABILITY_PROPENSITY = {"1": 1.4, "2": 1.4, "3": 1.3, "4": 1.2, "5": 1.0, "6": 0.9,
                         "7": 0.8, "8a": 0.6, "8b": 0.5, "8c": 0.4, "8d": 0.4, "9": 0.3,
                         "VSM": 0.3}  # fmt: skip
WDES_METRICS = ("4a_i", "4a_ii", "4a_iii", "4b", "5", "6", "7", "8")
# NHS Staff Survey 2019 question numbers as the guide recalls them (GUIDE.md, "check all").
WDES_QUESTIONS = {"4a_i": "Q13a", "4a_ii": "Q13b", "4a_iii": "Q13c", "4b": "Q13d",
                  "5": "Q14", "6": "Q11e", "7": "Q5f", "8": "Q28b"}  # fmt: skip
REPORTED_SHARE = 0.35  # share of respondents harassed, who answer 4b
ADJUSTMENT_SHARE = 0.6  # share of Disabled respondents who needed adjustments (metric 8)
APPLICANT_UNKNOWN = 0.05  # shortlisted applicants who did not say


@dataclass(frozen=True)
class WdesTargets:
    declared: float  # Disabled share of staff in ESR
    not_declared: float  # Unknown share of staff in ESR
    applicants_disabled: float  # Disabled share of shortlisted applicants
    rl_appointment: float  # metric 2, non-disabled over Disabled
    performance_cases: int
    rl_capability: float  # metric 3, Disabled over non-disabled
    ill_health_cases: int
    survey_disabled: float  # Disabled share of survey respondents
    survey_pct: dict[str, tuple[float, float]]  # metric -> (% Disabled, % non-disabled)
    engagement: tuple[float, float]  # 9a mean scores (Disabled, non-disabled)
    board_disabled: int  # voting non-executives who have declared a disability
    board_not_declared: int
    voices: tuple[bool, str]  # 9b


_ECCH_SURVEY = {
    2017: {"4a_i": (31, 23), "4a_ii": (17, 9), "4a_iii": (24, 16), "4b": (42, 45), "5": (77, 87),
           "6": (36, 23), "7": (36, 50), "8": (69, 0)},
    2018: {"4a_i": (30, 22), "4a_ii": (16, 9), "4a_iii": (23, 15), "4b": (44, 46), "5": (78, 87),
           "6": (34, 22), "7": (37, 51), "8": (71, 0)},
    2019: {"4a_i": (29, 21), "4a_ii": (15, 8), "4a_iii": (25, 15), "4b": (47, 46), "5": (79, 86),
           "6": (32, 21), "7": (38, 50), "8": (74, 0)},
}  # fmt: skip
# The story a Board should recognise: declaration in ESR rising (2.6% -> 4.1%) but far below
# the one in five who say so in the staff survey; Disabled applicants less likely to be
# appointed, though the gap narrows; few capability cases, so a large RL on small numbers;
# Disabled staff more often harassed by managers and colleagues, pressed to come in when
# unwell and feeling less valued; engagement half a point lower; the first declared Disabled
# Board member (a non-executive) in 2019, when the Disability and Long-term Conditions Network
# began.
ECCH_WDES = {
    2017: WdesTargets(0.026, 0.30, 0.075, 1.55, 5, 2.6, 6, 0.18, _ECCH_SURVEY[2017],
                      (6.6, 7.1), 0, 2,
                      (False, "[Synthetic example] No staff network yet. Disabled staff are "
                              "asked about their experience through the annual staff survey "
                              "only.")),
    2018: WdesTargets(0.033, 0.25, 0.080, 1.40, 6, 2.2, 5, 0.19, _ECCH_SURVEY[2018],
                      (6.6, 7.2), 0, 2,
                      (False, "[Synthetic example] A working group of Disabled staff met "
                              "twice to plan a network; no forum yet reports to the Board.")),
    2019: WdesTargets(0.041, 0.19, 0.085, 1.32, 7, 2.9, 5, 0.20, _ECCH_SURVEY[2019],
                      (6.7, 7.2), 1, 1,
                      (True, "[Synthetic example] The Disability and Long-term Conditions "
                             "Network began in May 2019, with an executive sponsor and "
                             "protected time to attend. Its chair presents to the People "
                             "Committee each quarter, and members reviewed the reasonable "
                             "adjustments policy & the new passport.")),
}  # fmt: skip


def wdes_targets(org: Org, year: int) -> WdesTargets:
    """ECCH's story; for a comparator, a profile of its own from its code and the year."""
    if org.code == ECCH.code:
        return ECCH_WDES[year]
    rng = np.random.default_rng([SEED, zlib.crc32(org.code.encode()), 1])  # same every year
    step = year - DEMO_YEARS[-1]
    declared = float(rng.uniform(0.02, 0.06)) + 0.004 * step
    gap = float(rng.uniform(0.6, 1.4))  # multiplies ECCH's survey gaps
    survey = {
        m: (min(95.0, nd + gap * (d - nd)) if m != "8" else d, nd)
        for m, (d, nd) in _ECCH_SURVEY[2019].items()
    }
    return WdesTargets(
        declared=declared,
        not_declared=float(rng.uniform(0.12, 0.32)) - 0.02 * step,
        applicants_disabled=declared + float(rng.uniform(0.02, 0.05)),
        rl_appointment=float(rng.uniform(0.9, 1.7)),
        performance_cases=int(rng.integers(3, 12)),
        rl_capability=float(rng.uniform(0.8, 3.0)),
        ill_health_cases=int(rng.integers(2, 8)),
        survey_disabled=float(rng.uniform(0.16, 0.23)),
        survey_pct=survey,
        engagement=(round(float(rng.uniform(6.4, 6.9)), 1), round(float(rng.uniform(7.0, 7.3)), 1)),
        board_disabled=int(rng.integers(0, 2)),
        board_not_declared=int(rng.integers(0, 3)),
        voices=(bool(rng.random() < 0.8), "[Synthetic example] A staff network for Disabled "
                "staff meets monthly and reports to the Board twice a year."),
    )  # fmt: skip


def render_disability(rng, groups: np.ndarray, messy: bool) -> np.ndarray:
    """ESR's disability field: Yes / No, or one of its ways of saying nothing was declared."""
    out = np.where(groups == DISABLED, "Yes", "No").astype(object)
    unknown = groups == UNKNOWN
    out[unknown] = draw(rng, NOT_DECLARED_FORMS, int(unknown.sum()))
    if messy:
        for group, forms in MESSY_DISABILITY.items():
            rows = groups == group
            out[rows] = draw(rng, dict.fromkeys(forms, 1), int(rows.sum()))
    return out


def _yes(column: pd.Series) -> np.ndarray:
    return column.astype(str).str.lower().isin(["yes", "y", "true", "1"]).to_numpy()


def add_wdes(org: Org, tables: dict[str, pd.DataFrame], year: int) -> dict[str, pd.DataFrame]:
    """The WRES tables with a `disability` column, and the three WDES tables."""
    rng = np.random.default_rng([SEED, zlib.crc32(org.code.encode()), year, 2])
    t = wdes_targets(org, year)
    tables = dict(tables)
    workforce = tables["workforce"].copy()
    n = len(workforce)
    bands = workforce["pay_band"].astype(str).str.removeprefix("Band ").str.lower()
    propensity = bands.map({k.lower(): v for k, v in DISABILITY_PROPENSITY.items()}).fillna(0.8)
    unknown = pick(rng, round(n * t.not_declared), np.ones(n))
    disabled = pick(rng, round(n * t.declared), np.where(unknown, 0.0, propensity.to_numpy()))
    status = np.where(unknown, UNKNOWN, np.where(disabled, DISABLED, NON_DISABLED))
    workforce["disability"] = render_disability(rng, status, org.messy)
    tables["workforce"] = workforce
    tables["recruitment"] = _wdes_recruitment(rng, org, t, tables["recruitment"])
    tables["capability"] = _wdes_capability(rng, org, t, workforce, status)
    tables["wdes_survey"] = _wdes_survey(t, tables["staff_survey"])
    tables["voices"] = pd.DataFrame(
        {"facilitated": ["Yes" if t.voices[0] else "No"], "narrative": [t.voices[1]]}
    )
    tables["board"] = _wdes_board(rng, t, tables["board"], org.messy)
    return tables


def _wdes_recruitment(rng, org: Org, t: WdesTargets, recruitment: pd.DataFrame) -> pd.DataFrame:
    """Disability as declared on each application, chosen so metric 2 is near its target
    while every appointment stays as the WRES tables have it."""
    appointed = _yes(recruitment["appointed"])
    n = len(recruitment)
    unknown = pick(rng, round(n * APPLICANT_UNKNOWN), np.ones(n))
    n_disabled = round(n * t.applicants_disabled)
    known = ~unknown
    rate = appointed[known].mean()
    nd_appointed, d_appointed = split_events(
        rate, t.rl_appointment, int(known.sum()) - n_disabled, n_disabled
    )
    weights = np.where(unknown, 0.0, 1.0)
    disabled = pick(rng, d_appointed, weights * appointed)
    disabled |= pick(rng, n_disabled - int(disabled.sum()), weights * ~appointed)
    status = np.where(unknown, UNKNOWN, np.where(disabled, DISABLED, NON_DISABLED))
    return recruitment.assign(disability=render_disability(rng, status, org.messy))


def _wdes_capability(rng, org, t: WdesTargets, workforce, status: np.ndarray) -> pd.DataFrame:
    """Entries into the formal capability procedure: performance ones near metric 3's target,
    and ill-health ones (reported beside the metric, not in it)."""
    n_d, n_nd = int((status == DISABLED).sum()), int((status == NON_DISABLED).sum())
    rate = t.performance_cases / max(n_d + n_nd, 1)
    d_cases, nd_cases = split_events(rate, t.rl_capability, n_d, n_nd)
    performance = pick_per_group(rng, status, {DISABLED: d_cases, NON_DISABLED: nd_cases})
    ill = pick_per_group(
        rng, np.where(performance, "", status),
        {DISABLED: round(t.ill_health_cases * 0.4), NON_DISABLED: round(t.ill_health_cases * 0.6)},
    )  # fmt: skip
    rows = pd.concat(
        [
            workforce.loc[performance, ["disability", "staff_id"]].assign(grounds="performance"),
            workforce.loc[ill, ["disability", "staff_id"]].assign(grounds="ill health"),
        ],
        ignore_index=True,
    )
    rows = rows.iloc[rng.permutation(len(rows))].reset_index(drop=True)
    return rows[["disability", "grounds", "staff_id"]]


def _wdes_survey(t: WdesTargets, staff_survey: pd.DataFrame) -> pd.DataFrame:
    """One row per metric and group; respondents from the same survey as the WRES table."""
    total = int(staff_survey.loc[staff_survey["indicator"] == 5, "respondents"].sum())
    disabled = round(total * t.survey_disabled)
    base = {DISABLED: disabled, NON_DISABLED: total - disabled}
    rows = []
    for metric in WDES_METRICS:
        for column, group in enumerate((DISABLED, NON_DISABLED)):
            if metric == "8" and group == NON_DISABLED:
                continue  # asked of Disabled staff only
            share = {"4b": REPORTED_SHARE, "8": ADJUSTMENT_SHARE}.get(metric, 0.98)
            respondents = round(base[group] * share)
            percent = t.survey_pct[metric][column]
            rows.append([metric, group, respondents, round(respondents * percent / 100), "",
                         WDES_QUESTIONS[metric]])  # fmt: skip
    d, nd = t.engagement
    org_score = (d * base[DISABLED] + nd * base[NON_DISABLED]) / total
    for group, score, respondents in (
        (DISABLED, d, base[DISABLED]),
        (NON_DISABLED, nd, base[NON_DISABLED]),
        ("Organisation", round(org_score, 2), total),
    ):
        rows.append(["9a", group, respondents, "", f"{score:.2f}", ""])
    return pd.DataFrame(
        rows, columns=["metric", "group", "respondents", "positive", "mean_score", "question"]
    )


def _wdes_board(rng, t: WdesTargets, board: pd.DataFrame, messy: bool) -> pd.DataFrame:
    """Register order as make_board: the Disabled members are the last voting
    non-executives; members who have not declared are the first executives."""
    voting, executive = _yes(board["voting"]), _yes(board["executive"])
    status = np.full(len(board), NON_DISABLED, dtype=object)
    non_exec = np.flatnonzero(voting & ~executive)
    status[non_exec[len(non_exec) - t.board_disabled :]] = DISABLED
    status[np.flatnonzero(executive)[: t.board_not_declared]] = UNKNOWN
    return board.assign(disability=render_disability(rng, status, messy))


# ---------------------------------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------------------------------


def write_demo(out: Path) -> None:
    ecch = {}
    for year in DEMO_YEARS:
        tables = generate(ECCH, ECCH_TARGETS, year)
        write_tables(
            out / ECCH.code / str(year), add_wdes(ECCH, tables, year), marker_text(ECCH, year)
        )
        ecch[year] = summarise(tables)
    comparators = []
    for org, profile in COMPARATORS:
        for year in DEMO_YEARS:
            tables = generate(org, profile, year)
            write_tables(
                out / org.code / str(year), add_wdes(org, tables, year), marker_text(org, year)
            )
        comparators.append((org, summarise(tables)))  # the last year's figures
    write_organisations(out, [ECCH] + [org for org, _ in COMPARATORS])
    (out / "README.md").write_text(readme_text(ecch, comparators), encoding="utf-8")


def write_synthetic_orgs(out: Path, n_orgs: int, years: list[int]) -> None:
    orgs = [synthetic_org(i) for i in range(1, n_orgs + 1)]
    for org, profile in orgs:
        for year in years:
            tables = generate(org, profile, year)
            write_tables(out / org.code / str(year), tables, marker_text(org, year))
    write_organisations(out, [org for org, _ in orgs])


def write_national(out: Path, n_orgs: int, year: int, esr: bool = False) -> None:
    orgs = [synthetic_org(i) for i in range(1, n_orgs + 1)]
    generated = [generate(org, profile, year) for org, profile in orgs]
    codes = [org.code for org, _ in orgs]
    national = {
        # keys= puts the organisation code in front of each organisation's rows, as column 1
        name: pd.concat([tables[name] for tables in generated], keys=codes, names=["organisation"])
        .reset_index(level=0)
        .reset_index(drop=True)
        for name in TABLE_NAMES
    }
    if esr:
        write_exports(out / str(year), national, "national", year, marker_text(None, year),
                      org_column="organisation")  # fmt: skip
    else:
        write_tables(out / str(year), national, marker_text(None, year))
    write_organisations(out, [org for org, _ in orgs])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="output folder (default: data/demo)")
    parser.add_argument("--orgs", type=int, help="write N fictional organisations SYN001...")
    parser.add_argument("--years", type=int, nargs="+", help="years for --orgs (default 2017-2019)")
    parser.add_argument("--national", action="store_true", help="one national extract for a year")
    parser.add_argument("--year", type=int, help="year for --national (default 2019)")
    parser.add_argument("--esr", action="store_true", help="--national as ESR-shaped exports")
    parser.add_argument(
        "--exports", action="store_true", help="ECCH as ESR and recruitment-system exports"
    )
    args = parser.parse_args(argv)
    if args.orgs is not None and args.orgs < 1:
        parser.error("--orgs must be at least 1")

    if args.national:
        if args.out is None or args.years:
            parser.error("--national needs --out and takes --year, not --years")
        write_national(args.out, args.orgs or 250, args.year or DEMO_YEARS[-1], esr=args.esr)
    elif args.exports:
        write_demo_exports(args.out or EXPORTS_DIR)
    elif args.orgs is not None:
        if args.out is None or args.year:
            parser.error("--orgs needs --out and takes --years, not --year")
        write_synthetic_orgs(args.out, args.orgs, args.years or list(DEMO_YEARS))
    else:
        if args.years or args.year:
            parser.error("--years and --year apply only with --orgs or --national")
        write_demo(args.out or DEMO_DIR)


if __name__ == "__main__":
    main()
