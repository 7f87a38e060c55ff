"""The rows of the dose export: every study of a period, no patient identifiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from irsuite.dose.studies.models import DoseStudy

EXPORT_HEADER = [
    "study_instance_uid", "kind", "study_date", "accession_number", "procedure_code", "room",
    "device", "events", "kap_gycm2", "ka_r_mgy", "fluoro_time_s", "acquisition_time_s",
    "radiographic_frames", "dlp_mgycm", "link_method",
]  # fmt: skip


# Rows fetched from the database at a time by the exports: their memory whatever the period.
EXPORT_CHUNK = 500


def export_rows(date_from: dt.date, date_to: dt.date) -> Iterator[list[Any]]:
    """Every study in the period, streamed in chunks (no patient identifiers)."""
    studies = (
        DoseStudy.objects.filter(study_date__gte=date_from, study_date__lte=date_to)
        .order_by("study_date", "pk")
        .values_list(
            "study_instance_uid",
            "kind",
            "study_date",
            "accession_number",
            "procedure__request__catalogue_entry__code",
            "room__name",
            "device__model_name",
            "event_count",
            "kap_gycm2",
            "ka_r_mgy",
            "fluoro_time_s",
            "acquisition_time_s",
            "radiographic_frames",
            "dlp_mgycm",
            "link_method",
        )
    )
    for values in studies.iterator(chunk_size=EXPORT_CHUNK):
        yield ["" if v is None else v for v in values]
