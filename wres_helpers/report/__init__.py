"""One report's figures and inputs, built once: `ReportData` (data.py), what the sections
show, and `report_manifest` (manifest.py), the inputs it is made from. The pipeline, the
command line and the notebook use this layer; the sections only read what it built."""

from .data import ReportData
from .manifest import report_manifest

__all__ = ["ReportData", "report_manifest"]
