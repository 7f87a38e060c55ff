"""Read an X-Ray Radiation Dose SR (bytes or a pydicom Dataset) into a DoseReport."""

from __future__ import annotations

from enum import StrEnum
from struct import error as StructError

from pydicom.dataset import Dataset

from irsuite.domain.rdsr import lean_walker, pydicom_walker
from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.interpret import build_report
from irsuite.domain.rdsr.model import DoseReport
from irsuite.domain.rdsr.plausibility import PlausibilityBounds
from irsuite.domain.rdsr.tree import SrDocument


class Walker(StrEnum):
    """How the content tree is read: the lean byte walker, or pydicom's object model."""

    LEAN = "lean"
    PYDICOM = "pydicom"


def _lean(data: bytes, transfer_syntax: str | None) -> SrDocument:
    try:
        if transfer_syntax is None:
            return lean_walker.read_file_bytes(data)
        return lean_walker.read_dataset_bytes(data, transfer_syntax)
    except (StructError, IndexError, UnicodeDecodeError, LookupError) as exc:
        raise RdsrError(ErrorKind.TRUNCATED, f"the file could not be read ({exc})") from exc


def read_document(
    source: bytes | Dataset,
    walker: Walker = Walker.LEAN,
    transfer_syntax: str | None = None,
) -> SrDocument:
    """The header and content tree of a DICOM object.

    `source` is a Part 10 file's bytes, a pydicom Dataset, or (with `transfer_syntax`) an
    encoded dataset without preamble, as received over the network. The lean walker falls
    back to pydicom for encodings it does not read.
    """
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


def read_report(
    source: bytes | Dataset,
    bounds: PlausibilityBounds,
    walker: Walker = Walker.LEAN,
    transfer_syntax: str | None = None,
) -> DoseReport:
    """The dose report in `source`, in irsuite's units.

    Raises RdsrError with a human reason when the object is not DICOM, is truncated, is not a
    dose report, or holds a value without a unit, with an unknown unit, or out of bounds.
    """
    return build_report(read_document(source, walker, transfer_syntax), bounds)
