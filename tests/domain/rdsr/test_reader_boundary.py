"""Whatever a file holds, the reader gives a report or an RdsrError with a reason: deep
nestings are refused as too_deep, and what corrupt bytes make Python raise is turned into a
typed error at the reader's boundary while a programming error is not hidden."""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pydicom.dataset import Dataset
from rdsr_samples import sample_bytes, sample_dataset
from sr_builder import (
    DAP,
    DOSE_RP,
    FLUORO_TIME_TOTAL,
    accumulated,
    chain,
    deep_report_bytes,
    encode,
    event,
    num,
    projection_report,
)

from irsuite.domain.rdsr import (
    ErrorKind,
    PlausibilityBounds,
    RdsrError,
    Walker,
    lean_walker,
    pydicom_walker,
    read_report,
)
from irsuite.domain.rdsr.tree import MAX_CONTENT_DEPTH

WALKERS = [Walker.LEAN, Walker.PYDICOM]


def _small_report(*extra: Dataset) -> Dataset:
    return projection_report(
        accumulated(num(FLUORO_TIME_TOTAL, ["12"])),
        event("2.25.10", num(DAP, ["0.0001"]), num(DOSE_RP, ["0.002"])),
        *extra,
    )


def _kind(data: bytes, bounds: PlausibilityBounds, walker: Walker) -> ErrorKind | None:
    try:
        read_report(data, bounds, walker)
    except RdsrError as error:
        assert error.reason
        return error.kind
    return None


def _non_item_in_a_sequence() -> bytes:
    # The root's Content Sequence (undefined length) holds a data element instead of an item.
    data = deep_report_bytes(1)
    opening = struct.pack("<HH2sHI", 0x0040, 0xA730, b"SQ", 0, 0xFFFFFFFF)
    first_item = data.index(opening) + len(opening)
    return data[:first_item] + struct.pack("<HH", 0x0008, 0x0100) + data[first_item + 4 :]


def _half(name: str) -> bytes:
    data = sample_bytes(name)
    return data[: len(data) // 2]


def _deep(depth: int, syntax: str = "explicit") -> Callable[[], bytes]:
    return lambda: deep_report_bytes(depth, syntax)


def _report_with(child: Dataset) -> Callable[[], bytes]:
    return lambda: encode(_small_report(child))


@dataclass(frozen=True)
class Case:
    what: str
    data: Callable[[], bytes]
    walkers: tuple[Walker, ...]
    kind: ErrorKind | None


BOTH, LEAN = (Walker.LEAN, Walker.PYDICOM), (Walker.LEAN,)
LIMIT = MAX_CONTENT_DEPTH
KVP_PULSES = num(("113733", "KVP", "kV"), ["70", "72"])
CASES = [
    Case("10,000 nested containers, explicit VR", _deep(10_000), BOTH, ErrorKind.TOO_DEEP),
    Case(
        "10,000 nested containers, implicit VR", _deep(10_000, "implicit"), BOTH, ErrorKind.TOO_DEEP
    ),
    Case("one level more than the limit", _deep(LIMIT + 1), BOTH, ErrorKind.TOO_DEEP),
    Case("as deep as the limit, no dose data", _deep(LIMIT), BOTH, ErrorKind.NOT_A_DOSE_REPORT),
    Case("a report nested to the limit", _report_with(chain(LIMIT)), BOTH, None),
    Case(
        "a report nested past the limit", _report_with(chain(LIMIT + 1)), BOTH, ErrorKind.TOO_DEEP
    ),
    Case("a file cut in half", lambda: _half("RF-RDSR-Siemens-Zee.dcm"), LEAN, ErrorKind.TRUNCATED),
    Case(
        "an implicit VR file cut in half",
        lambda: _half("RF-No-kVp-and-others.dcm"),
        LEAN,
        ErrorKind.TRUNCATED,
    ),
    Case(
        "a sequence holding an element, not an item",
        _non_item_in_a_sequence,
        LEAN,
        ErrorKind.MALFORMED,
    ),
    Case("a multi-valued kVp", _report_with(event("2.25.11", KVP_PULSES)), BOTH, None),
    Case(
        "a multi-valued dose area product",
        _report_with(event("2.25.11", num(DAP, ["1", "2"]))),
        BOTH,
        ErrorKind.MULTIPLE_VALUES,
    ),
]


@pytest.mark.parametrize(
    ("case", "walker"),
    [(case, walker) for case in CASES for walker in case.walkers],
    ids=lambda value: value.what if isinstance(value, Case) else str(value),
)
def test_each_kind_of_bad_file_gives_its_reason(
    case: Case, walker: Walker, bounds: PlausibilityBounds
) -> None:
    assert _kind(case.data(), bounds, walker) is case.kind


def test_the_too_deep_reason_says_what_was_wrong(bounds: PlausibilityBounds) -> None:
    with pytest.raises(RdsrError) as caught:
        read_report(encode(_small_report(chain(MAX_CONTENT_DEPTH + 1))), bounds)
    assert f"more than {MAX_CONTENT_DEPTH} levels" in caught.value.reason


def test_a_deep_dataset_built_in_memory_is_refused_too(bounds: PlausibilityBounds) -> None:
    dataset = _small_report(chain(MAX_CONTENT_DEPTH + 1))
    with pytest.raises(RdsrError) as caught:
        read_report(dataset, bounds)
    assert caught.value.kind is ErrorKind.TOO_DEEP


def test_a_transfer_syntax_that_is_not_one_is_refused(bounds: PlausibilityBounds) -> None:
    with pytest.raises(RdsrError) as caught:
        read_report(b"\x08\x00\x16\x00", bounds, transfer_syntax="1.2.840.10008.5.1.4.1.1.88.67")
    assert caught.value.kind is ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX


# What corrupt input makes Python raise in the reader's own code, and the kind it becomes.
BOUNDARY = [
    (struct.error("unpack requires a buffer of 4 bytes"), ErrorKind.TRUNCATED),
    (IndexError("index out of range"), ErrorKind.TRUNCATED),
    (EOFError("no more data"), ErrorKind.TRUNCATED),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), ErrorKind.MALFORMED),
    (LookupError("unknown encoding: DOE^JANE"), ErrorKind.MALFORMED),
    (KeyError("DOE^JANE"), ErrorKind.MALFORMED),
    (ValueError("could not convert string to float: 'DOE^JANE'"), ErrorKind.MALFORMED),
    (OverflowError("length too large"), ErrorKind.MALFORMED),
    (RecursionError("maximum recursion depth exceeded"), ErrorKind.TOO_DEEP),
]


@pytest.mark.parametrize(("raised", "kind"), BOUNDARY, ids=lambda v: type(v).__name__)
def test_an_input_error_raised_while_reading_becomes_an_rdsr_error(
    raised: Exception, kind: ErrorKind, bounds: PlausibilityBounds, monkeypatch: pytest.MonkeyPatch
) -> None:
    def corrupt(_data: bytes) -> None:
        raise raised

    monkeypatch.setattr(lean_walker, "read_file_bytes", corrupt)
    with pytest.raises(RdsrError) as caught:
        read_report(sample_bytes("Dual-RDSR-RF.dcm"), bounds)
    assert caught.value.kind is kind
    assert type(raised).__name__ in caught.value.reason
    assert "DOE^JANE" not in str(caught.value)  # the exception's text may quote the file
    assert caught.value.__cause__ is raised


@pytest.mark.parametrize("walker", WALKERS)
def test_a_programming_error_in_the_reader_is_not_hidden(
    walker: Walker, bounds: PlausibilityBounds, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise AttributeError("a bug, not a bad file")

    monkeypatch.setattr(lean_walker, "read_file_bytes", broken)
    monkeypatch.setattr(pydicom_walker, "read_document", broken)
    with pytest.raises(AttributeError):
        read_report(sample_bytes("Dual-RDSR-RF.dcm"), bounds, walker)


def test_whatever_pydicom_raises_while_decoding_a_value_is_refused(
    bounds: PlausibilityBounds, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pydicom decodes lazily: a failure inside it, of any type, is the file's fault.
    def failing_get(self: Dataset, key: object, default: object = None) -> object:
        raise NotImplementedError("a value pydicom cannot decode")

    dataset = sample_dataset("Dual-RDSR-RF.dcm")
    monkeypatch.setattr(Dataset, "get", failing_get)
    with pytest.raises(RdsrError) as caught:
        read_report(dataset, bounds)
    assert caught.value.kind is ErrorKind.MALFORMED
    assert "NotImplementedError" in caught.value.reason


@pytest.mark.parametrize("syntax", ["explicit", "implicit"])
def test_the_lean_walker_stops_at_its_limit_before_the_stack_runs_out(syntax: str) -> None:
    # Refused by the walker's own depth counter, not by catching a RecursionError.
    with pytest.raises(RdsrError) as caught:
        lean_walker.read_file_bytes(deep_report_bytes(10_000, syntax))
    assert caught.value.kind is ErrorKind.TOO_DEEP
    assert caught.value.__cause__ is None


def test_pydicom_running_out_of_stack_on_a_deep_file_is_refused_as_too_deep(
    bounds: PlausibilityBounds,
) -> None:
    with pytest.raises(RdsrError) as caught:
        pydicom_walker.dataset_from_bytes(deep_report_bytes(10_000))
    assert caught.value.kind is ErrorKind.TOO_DEEP
    assert isinstance(caught.value.__cause__, RecursionError)


def test_a_content_sequence_written_with_the_wrong_vr_has_no_children(
    bounds: PlausibilityBounds,
) -> None:
    # Explicit VR lets a file call the root's Content Sequence a string; neither walker
    # follows it, so the report has no content and is not a dose report.
    data = encode(_small_report())
    tag = struct.pack("<HH2sH", 0x0040, 0xA730, b"SQ", 0)
    position = data.index(tag)  # the root's: nested ones are inside its value
    length = struct.unpack_from("<I", data, position + 8)[0]
    text = b"NOT A SEQUENCE"
    broken = (
        data[:position]
        + struct.pack("<HH2sH", 0x0040, 0xA730, b"LO", len(text))
        + text
        + data[position + 12 + length :]
    )
    for walker in WALKERS:
        assert _kind(broken, bounds, walker) is ErrorKind.NOT_A_DOSE_REPORT
