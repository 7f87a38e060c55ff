"""Read an X-Ray Radiation Dose SR (bytes or a pydicom Dataset) into a DoseReport.

This is the reader's boundary: whatever a file holds, reading it gives a DoseReport or raises
RdsrError with a kind and a reason, which the importer keeps in the quarantine. The walkers
raise RdsrError themselves for what they recognise (a truncated element, a sequence nested
deeper than `MAX_CONTENT_DEPTH` content levels, which is refused as too_deep); exceptions that
corrupt bytes make Python raise in the reader's own code (struct.error, IndexError,
UnicodeError, LookupError, ValueError, OverflowError, RecursionError) are turned into RdsrError
here, by `errors.refusal`, and anything pydicom raises is turned at the call into pydicom.
Other exceptions (AttributeError, TypeError...) are programming errors and are not hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

from pydicom.dataset import Dataset

from irsuite.domain.rdsr import lean_walker, pydicom_walker
from irsuite.domain.rdsr.errors import INPUT_ERRORS, RdsrError, refusal
from irsuite.domain.rdsr.interpret import build_report
from irsuite.domain.rdsr.model import DoseReport
from irsuite.domain.rdsr.plausibility import PlausibilityBounds
from irsuite.domain.rdsr.tree import SrDocument


class Walker(StrEnum):
    """How the content tree is read: the lean byte walker, or pydicom's object model."""

    LEAN = "lean"
    PYDICOM = "pydicom"


@contextmanager
def _refusing_corrupt_input() -> Iterator[None]:
    try:
        yield
    except RdsrError:
        raise
    except INPUT_ERRORS as exc:
        raise refusal(exc) from exc


def _lean(data: bytes, transfer_syntax: str | None) -> SrDocument:
    if transfer_syntax is None:
        return lean_walker.read_file_bytes(data)
    return lean_walker.read_dataset_bytes(data, transfer_syntax)


def _read_document(
    source: bytes | Dataset, walker: Walker, transfer_syntax: str | None
) -> SrDocument:
    if isinstance(source, Dataset):
        return pydicom_walker.read_document(source)
    if walker is Walker.LEAN:
        try:
            return _lean(source, transfer_syntax)
        except lean_walker.LeanUnsupported:
            pass
    if transfer_syntax is not None:
        dataset = pydicom_walker.dataset_from_encoded(source, transfer_syntax)
    else:
        dataset = pydicom_walker.dataset_from_bytes(source)
    return pydicom_walker.read_document(dataset)


def read_document(
    source: bytes | Dataset,
    walker: Walker = Walker.LEAN,
    transfer_syntax: str | None = None,
) -> SrDocument:
    """The header and content tree of a DICOM object.

    `source` is a Part 10 file's bytes, a pydicom Dataset, or (with `transfer_syntax`) an
    encoded dataset without preamble, as received over the network. The lean walker falls
    back to pydicom for encodings it does not read. Raises RdsrError for a file that cannot be
    decoded, whatever is wrong with it.
    """
    with _refusing_corrupt_input():
        return _read_document(source, walker, transfer_syntax)


def read_report(
    source: bytes | Dataset,
    bounds: PlausibilityBounds,
    walker: Walker = Walker.LEAN,
    transfer_syntax: str | None = None,
) -> DoseReport:
    """The dose report in `source`, in irsuite's units.

    Raises RdsrError with a human reason when the object is not DICOM, is truncated or
    malformed, nests deeper than any template, is not a dose report, or holds a value without
    a unit, with an unknown unit, or out of bounds.

    Several values in one Numeric Value (or a TID 10003B row repeated, one item per pulse):
    - kVp, X-Ray Tube Current and Pulse Width of a projection event are per-pulse settings;
      every value is kept (`IrradiationEvent.kvp_per_pulse` and its siblings) and the event's
      single number is their mean;
    - other settings and geometry (pulse rate, positioner angles, field area, distances, and a
      CT source's kVp and tube current) have no per-pulse field, and take the mean;
    - doses, times and counts (dose area product, Dose (RP), their totals, fluoroscopy and
      acquisition times, irradiation duration, CTDIvol, DLP, frame and event counts) are
      refused as multiple_values: averaging would understate a dose and adding could count it
      twice, so which value the device meant can only be settled by a person.
    """
    with _refusing_corrupt_input():
        return build_report(_read_document(source, walker, transfer_syntax), bounds)
