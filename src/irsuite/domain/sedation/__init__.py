"""Sedation rules: dose checks per drug and route, vital-sign flags, discharge readiness, the
times an entry may be charted at, and the geometry of the vital-signs trend chart.

Every number comes from ``reference/data/sedation.toml`` and ``sedation_drugs.toml``.
"""
