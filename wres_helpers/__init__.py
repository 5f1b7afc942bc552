"""WRES indicators: read, validate, compute, report."""
