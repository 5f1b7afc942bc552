"""The mapping audit: every distinct raw value of each coded column, what it was read as and
how many rows carry it, so an analyst sees at a glance that nothing was misread."""

from __future__ import annotations

from .load import Dataset


def audit_table(dataset: Dataset, org: str | None = None, year: int | None = None):
    """The audit rows (one organisation-year if given), in a stable order."""
    frame = dataset.audit
    if org is not None:
        frame = frame[(frame["org"] == org) & (frame["year"] == year)]
    frame = frame.sort_values(["table", "column", "raw"], kind="stable")
    return frame.reset_index(drop=True)


def audit_text(dataset: Dataset) -> str:
    """What `wres validate` prints after "no problems found"."""
    lines = []
    frame = audit_table(dataset)
    if len(frame):
        lines.append("\nHow each coded value was read (raw value -> read as: rows):")
        for (table, column), part in frame.groupby(["table", "column"], sort=False):
            lines.append(f"  {table}, column '{column}':")
            width = max(len(repr(str(r))) for r in part["raw"])
            for row in part.itertuples(index=False):
                rule = f"  [{row.rule}]" if row.rule and row.rule != "ESR default" else ""
                raw = repr(str(row.raw))
                lines.append(f"    {raw:<{width}} -> {row.read_as}: {row.rows}{rule}")
    left = left_out_lines(dataset)
    if left:
        lines.append("\nRows not counted:")
        lines += [f"  {line}" for line in left]
    if dataset.unread:
        lines.append("\nFiles not read:")
        lines += [f"  {item.file}: {item.why}" for item in dataset.unread]
    return "\n".join(lines) + ("\n" if lines else "")


def left_out_lines(dataset: Dataset, org: str | None = None, year: int | None = None):
    return [
        f"{item.table}: {item.rows} {item.why}"
        for item in dataset.left_out
        if org is None or (item.org == org and item.year == year)
    ]
