"""PDF documents (consent forms, reports) rendered by WeasyPrint from Django templates."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def _no_network(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """Refuse every external fetch: documents only embed data: URLs."""
    raise ValueError(f"documents do not load external resources ({url[:40]})")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    pdf: bytes = HTML(string=html, url_fetcher=_no_network).write_pdf()
    return pdf
