"""The web layer's tables, re-exported from their features."""

from irsuite.web.tasks.models import TaskProgress

__all__ = ["TaskProgress"]
