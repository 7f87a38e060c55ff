"""Demo hook of the safety area: work-ups first, then the day-of-procedure records."""

from __future__ import annotations

from irsuite.demo.context import DemoContext


def build(ctx: DemoContext) -> None:
    """Build the work-ups, then consents, checklists, sedation records and reports."""
    from irsuite.demo.safety import clinical as clinical_demo
    from irsuite.demo.safety import workup as workup_demo

    workup_demo.build(ctx)
    clinical_demo.build(ctx)
