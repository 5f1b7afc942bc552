"""The WRES facts the tests expect, written out here from NHS England's technical guidance
(docs/analyst-guide.md), not read from the package's registry."""

# Each indicator's label in national.csv, written out here (with indicator 3's two-year
# headline, the default setting).
LABELS = {
    1: "BME share of the workforce (%)",
    2: "RL: White vs BME appointed",
    3: "RL: BME vs White disciplinary (2-year)",
    4: "RL: White vs BME training",
    5: "BME staff harassed by the public (%)",
    6: "BME staff harassed by staff (%)",
    7: "BME staff believing in equal opportunities (%)",
    8: "BME staff discriminated against (%)",
    9: "BME Board share minus workforce (points)",
}
# The section headings of the comparison's PDF, from the WRES technical guidance's titles.
TITLES = {
    1: "Workforce by pay band",
    2: "Appointment from shortlisting",
    3: "Entry into the formal disciplinary process",
    4: "Non-mandatory training and CPD",
    5: "Harassment, bullying or abuse from patients, relatives or the public",
    6: "Harassment, bullying or abuse from staff",
    7: "Belief in equal opportunities for career progression or promotion",
    8: "Discrimination at work from a manager, team leader or colleague",
    9: "Board membership compared with the workforce",
}
