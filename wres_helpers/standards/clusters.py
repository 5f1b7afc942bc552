"""NHS England's pay band clusters, defined once for both standards.

The WDES template reports metric 1 in these clusters instead of bands; the WRES reports
indicator 1 by band (its template's table, in the annex) and in the same clusters beside
them, each cluster's count the sum of its bands' counts (the Board's view: a small
organisation's bands are mostly too small to show, its clusters are not).
"""

from __future__ import annotations

from dataclasses import dataclass

NON_CLINICAL, CLINICAL, MEDICAL = "Non-clinical", "Clinical", "Medical and dental"
# The Agenda for Change clusters: (label, its bands).
AFC_CLUSTERS = (
    ("Bands 1-4", ("1", "2", "3", "4")),
    ("Bands 5-7", ("5", "6", "7")),
    ("Bands 8a-8b", ("8a", "8b")),
    ("Bands 8c-9 and VSM", ("8c", "8d", "9", "VSM")),
)
# Doctors: each cluster is one of the medical grades the input contract reads.
MEDICAL_CLUSTERS = (
    ("Consultants", ("Consultant",)),
    ("Non-consultant career grades", ("Non-consultant career grade",)),
    ("Trainee grades", ("Trainee grade",)),
    ("Other medical grades", ("Other",)),
)
# The staff-group part of a combined cluster's label: clinical and non-clinical together.
COMBINED = "Clinical and non-clinical"


def by_staff_group() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Every band read as its cluster: (staff group, cluster label, its bands), non-clinical
    and clinical apart, then the doctors' (the WDES's metric 1)."""
    return (
        *(
            (staff_group, label, bands)
            for staff_group in (NON_CLINICAL, CLINICAL)
            for label, bands in AFC_CLUSTERS
        ),
        *((MEDICAL, label, grades) for label, grades in MEDICAL_CLUSTERS),
    )


@dataclass(frozen=True)
class Cluster:
    """A cluster row published beside the band rows: its breakdown label
    ('Clinical: Bands 1-4') and the band rows it adds up ('Clinical: 1' … 'Clinical: 4')."""

    staff_group: str  # the label's first part: a staff group, or COMBINED
    label: str
    bands: tuple[str, ...]
    members: tuple[str, ...]  # the staff groups whose bands it counts

    @property
    def breakdown(self) -> str:
        return f"{self.staff_group}: {self.label}"

    @property
    def parts(self) -> tuple[str, ...]:
        """The band rows (breakdown labels) whose counts it adds up."""
        return tuple(f"{g}: {b}" for g in self.members for b in self.bands)

    @property
    def combined(self) -> bool:
        return len(self.members) > 1


def beside_bands() -> tuple[Cluster, ...]:
    """The WRES's cluster rows: each Agenda for Change cluster for non-clinical and clinical
    staff apart, then both together (shown where a split one cannot be). Doctors' grades are
    their own clusters already: their band rows are the cluster figures."""
    return (
        *(
            Cluster(group, label, bands, (group,))
            for group in (NON_CLINICAL, CLINICAL)
            for label, bands in AFC_CLUSTERS
        ),
        *(
            Cluster(COMBINED, label, bands, (NON_CLINICAL, CLINICAL))
            for label, bands in AFC_CLUSTERS
        ),
    )
