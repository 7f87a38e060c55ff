"""The Modality Worklist C-FIND handler (PS3.4 K.4.1, IHE RAD-5).

The query narrows the scheduled steps in the database by the indexed keys (station AE title,
start date, accession number, patient ID, Study Instance UID); every key is then matched by
the rules of `domain.dicom_matching`, so both give one answer. Cancellation stops the stream;
a query that cannot be read is answered with a failure and its reason.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from pydicom.dataset import Dataset

from irsuite.domain.dicom_matching import (
    MatchKeyError,
    date_range,
    is_universal,
)
from irsuite.inserts import Rows
from irsuite.interop.dicom import peers
from irsuite.interop.dicom.database import in_database
from irsuite.interop.dicom.models import ScheduledStep
from irsuite.interop.dicom.statuses import Status
from irsuite.interop.dicom.worklist import stream
from irsuite.interop.dicom.worklist.attributes import (
    COLUMNS,
    SPS,
    SPS_SEQUENCE,
    START_DATE,
    TOP,
    Plan,
    answer_with,
    plan_of,
    text_of,
)
from irsuite.interop.dicom.worklist.encoding import layout_of
from irsuite.interop.dicom.worklist.matching import compile_query

log = logging.getLogger(__name__)

LATIN_1, UTF_8 = "ISO_IR 100", "ISO_IR 192"  # PS3.3 C.12.1.1.2
# Exact keys the database narrows by (no wildcard): keyword → column.
NARROWING = {
    "AccessionNumber": "accession_number",
    "PatientID": "patient_id",
    "ScheduledStationAETitle": "station_ae_title",
    "Modality": "modality",
    "ScheduledProcedureStepID": "sps_id",
}


def failure(status: Status, comment: str) -> Dataset:
    """A failure status with its error comment (0000,0902: at most 64 characters)."""
    reply = Dataset()
    reply.Status = int(status)
    reply.ErrorComment = comment[:64]
    return reply


def _keys(query: Dataset) -> dict[str, str | None]:
    """The query's text keys by keyword, SPS item keys included."""
    keys = {e.keyword: text_of(e) for e in query if e.keyword in TOP}
    if SPS_SEQUENCE in query and query[SPS_SEQUENCE].value:
        item = query[SPS_SEQUENCE].value[0]
        keys |= {e.keyword: text_of(e) for e in item if e.keyword in SPS}
    return keys


def narrowed(
    keys: Mapping[str, str | None], own_station: str | None
) -> tuple[list[str], list[Any]]:
    """The SQL conditions (on the step table's columns) implied by the exact keys and the
    start date range, with their parameters."""
    # `on_worklist` written, not a parameter: a prepared statement's generic plan can then use
    # the partial index on a room's day (WHERE on_worklist).
    where: list[str] = ["on_worklist"]
    params: list[Any] = []

    def equal(column: str, value: Any) -> None:
        where.append(f"{column} = %s")
        params.append(value)

    station = keys.get("ScheduledStationAETitle")
    if is_universal(station) and own_station is not None:
        equal("station_ae_title", own_station)
    for keyword, column in NARROWING.items():
        text = keys.get(keyword)
        if not is_universal(text) and text is not None and not set(text) & {"*", "?"}:
            equal(column, text.strip())
    uids = keys.get("StudyInstanceUID")
    if uids:
        listed = [u.strip() for u in uids.split("\\")]
        where.append(f"study_instance_uid IN ({', '.join(['%s'] * len(listed))})")
        params.extend(listed)
    dates = keys.get(START_DATE)
    if not is_universal(dates) and dates is not None:
        days = date_range(dates)
        if days.low is not None:
            where.append("start_date >= %s")
            params.append(days.low)
        if days.high is not None:
            where.append("start_date <= %s")
            params.append(days.high)
    return where, params


def charset_for(query: Dataset, rows: list[dict[str, Any]]) -> str:
    """ISO_IR 192 when the query asked for it or a value needs it, else ISO_IR 100."""
    asked = query.get("SpecificCharacterSet", "")
    asked = "\\".join(asked) if isinstance(asked, list | tuple) else str(asked)
    if UTF_8 in asked:
        return UTF_8
    for row in rows:
        for column in ("patient_name", "performing_physician", "allergies", "description"):
            try:
                str(row[column]).encode("latin-1")
            except UnicodeEncodeError:
                return UTF_8
    return LATIN_1


# The statement of each shape of query (which keys narrow it) is built once, prepared on
# PostgreSQL: the ORM would compile it again for every association.
_steps = Rows(ScheduledStep, COLUMNS)


def find(query: Dataset, calling: str) -> tuple[list[dict[str, Any]], dict[str, str | None]]:
    """The rows the query matches, in start order, with the query's keys."""
    keys = _keys(query)
    # The caller's room matters only to a query that names no station.
    station = keys.get("ScheduledStationAETitle")
    own = peers.own_room_only(calling) if is_universal(station) else None
    rows = _steps(*narrowed(keys, own), "start_date, start_time, id")
    answers = compile_query(query, keys)
    return [row for row in rows if answers(row)], keys


def _matched(query: Dataset, calling: str) -> tuple[list[dict[str, Any]], str, Plan]:
    """The matching rows, the answers' character set and the query's answer plan."""
    rows, _ = find(query, calling)
    return rows, charset_for(query, rows), plan_of(query)


def handle_find(event: Any) -> Iterator[tuple[Any, Dataset | None]]:
    """C-FIND SCP for the Modality Worklist: one pending answer per matching step.

    On a pynetdicom association in a Little Endian transfer syntax the answers are written
    and sent by `stream` (many to a PDU); otherwise each is a data set handed back to
    pynetdicom. Either way the final status is pynetdicom's."""
    calling = str(event.assoc.requestor.ae_title).strip()
    try:
        rows, charset, plan = in_database(event, _matched, event.identifier, calling)
    except MatchKeyError as error:
        yield failure(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, str(error)), None
        return
    except Exception as exc:
        log.exception("dicom worklist: query from %s failed", calling)
        yield (
            failure(
                Status.UNABLE_TO_PROCESS, f"irsuite could not read the query ({type(exc).__name__})"
            ),
            None,
        )
        return
    if stream.possible(event, charset):
        if not stream.send(event, layout_of(plan), rows, charset):
            yield Status.CANCEL, None
            return
    else:
        for row in rows:
            if event.is_cancelled:
                yield Status.CANCEL, None
                return
            yield Status.PENDING, answer_with(plan, row, charset)
    yield Status.SUCCESS, None
