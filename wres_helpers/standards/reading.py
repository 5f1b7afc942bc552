"""How both standards' staff lists become the staff in post: the words the method appendix
prints, written once (the rules themselves are in inputs/validate.py and esr-codes.yaml)."""

STAFF_IN_POST = (
    "The staff in post are those in post on the snapshot date (31 March): a row whose end "
    "date (Effective End Date, Assignment End Date, Termination Date) is before it, or whose "
    "start date is after it, is left out; ESR's open end dates, 31 Dec 4712 and 1900-01-01, "
    "and a blank mean still in post. Assignments with contracted FTE 0 (honorary, zero-hours) "
    "are left out, as in NHS workforce statistics, unless the local code list's rule "
    "`keep_fte_zero` keeps them. Bank rows are left out, and so are rows whose grade the code "
    "list reads as no member of staff (the Chair and non-executive directors, who are Board "
    "members). Total rows (Total, Grand Total, or no staff id and only figures) and footer "
    "lines of a report saved as it comes are not rows of the table. Each rule's count of "
    "rows is listed with the files."
)

CASE_LOG = (
    "An employee-relations case log is read through its case-type map (formal disciplinary "
    "cases for the WRES, formal capability cases for the WDES); cases of other types, and "
    "cases opened outside the reporting year (1 April to 31 March), are left out, and a "
    "person is counted once per process."
)

LEARNING_RECORDS = (
    "Non-mandatory training is the staff list's own column or, without it, the learning "
    "records: a person in post who completed, in the reporting year, a course not on the "
    "mandatory and statutory course list (the Core Skills Training Framework subjects, or the "
    "local code list's `course:` entries); mandatory courses and completions outside the year "
    "are left out."
)
