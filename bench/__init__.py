"""Benchmarks (not tests). `python -m bench [AREA ...]`; results go to docs/benchmarks.md."""
