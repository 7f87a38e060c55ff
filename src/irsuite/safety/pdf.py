"""PDF documents (consent forms, reports) rendered by WeasyPrint from Django templates."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes; only ``data:`` URLs are loaded."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf
