"""Random content trees from the dose templates, written by pydicom as real DICOM files: the
reader gives a report or an RdsrError, never anything else, and per-pulse values average."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydicom.dataset import Dataset
from rdsr_samples import load_bounds
from sr_builder import (
    DAP,
    DAP_TOTAL,
    DOSE_RP,
    DOSE_RP_TOTAL,
    FLUORO_DAP_TOTAL,
    FLUORO_TIME_TOTAL,
    IRRADIATION_DURATION,
    KVP,
    PRIMARY_ANGLE,
    PULSE_RATE,
    PULSE_WIDTH,
    SYNTAXES,
    TUBE_CURRENT,
    accumulated,
    chain,
    code_item,
    coded,
    container,
    datetime_item,
    encode,
    event,
    num,
    projection_report,
    text_item,
    uid_item,
)

from irsuite.domain.rdsr import DoseReport, ErrorKind, RdsrError, Walker, read_report
from irsuite.domain.rdsr.tree import MAX_CONTENT_DEPTH

BOUNDS = load_bounds()
PROPERTY = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Numeric rows of TID 10003, 10003B and 10004 with a range of values a device might write
# (mostly plausible; some negative or far too large, which the reader must refuse cleanly).
NUMERIC_ROWS = [
    (DAP, 0.0, 0.01),
    (DOSE_RP, 0.0, 0.5),
    (KVP, 40.0, 125.0),
    (TUBE_CURRENT, 1.0, 800.0),
    (PULSE_WIDTH, 1.0, 20.0),
    (PULSE_RATE, 0.5, 30.0),
    (IRRADIATION_DURATION, 0.0, 60.0),
    (PRIMARY_ANGLE, -120.0, 120.0),
    (DAP_TOTAL, 0.0, 0.1),
    (FLUORO_DAP_TOTAL, 0.0, 0.1),
    (DOSE_RP_TOTAL, 0.0, 2.0),
    (FLUORO_TIME_TOTAL, 0.0, 600.0),
]
UNITS = ["kV", "mA", "ms", "s", "Gy", "mGy", "Gy.m2", "dGy.cm2", "deg", "{pulse}/s", "R", ""]
CONTAINERS = [
    ("113706", "Irradiation Event X-Ray Data"),
    ("113702", "Accumulated X-Ray Dose Data"),
    ("121070", "Findings"),
    ("113771", "X-Ray Filters"),
]
EVENT_TYPES = [
    coded("44491008", "Fluoroscopy", "SCT"),
    coded("113611", "Stationary Acquisition"),
    coded("113613", "Rotational Acquisition"),
]
PLANES = [coded("113622", "Single Plane"), coded("113620", "Plane A"), coded("113621", "Plane B")]


def _decimal(low: float, high: float) -> st.SearchStrategy[str]:
    """A DS value (at most 16 characters) between low and high."""
    return st.floats(low, high, allow_nan=False).map(lambda value: f"{value:.6g}")


@st.composite
def numeric_items(draw: st.DrawFn) -> Dataset:
    concept, low, high = draw(st.sampled_from(NUMERIC_ROWS))
    wild = draw(st.integers(0, 19)) == 0  # now and then a value no device should send
    several = draw(st.integers(0, 3)) == 0  # a quarter of the rows hold several values
    values = draw(
        st.lists(
            _decimal(-1e4, 1e6) if wild else _decimal(low, high),
            min_size=2 if several else 1,
            max_size=8 if several else 1,
        )
    )
    odd_unit = draw(st.integers(0, 19)) == 0  # and a unit that may not fit the quantity
    return num(concept, values, draw(st.sampled_from(UNITS)) if odd_unit else None)


def _event_type(code: Dataset) -> Dataset:
    return code_item(("113721", "Irradiation Event Type"), code)


def _plane(code: Dataset) -> Dataset:
    return code_item(("113764", "Acquisition Plane"), code)


def _started(moment: dt.datetime) -> Dataset:
    return datetime_item(("111526", "DateTime Started"), moment.strftime("%Y%m%d%H%M%S"))


uids = st.integers(1, 2**64).map(lambda n: f"2.25.{n}")
texts = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij0123456789", max_size=24)
moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31))
leaves = st.one_of(
    numeric_items(),
    st.sampled_from(EVENT_TYPES).map(_event_type),
    st.sampled_from(PLANES).map(_plane),
    texts.map(lambda text: text_item(("125203", "Acquisition Protocol"), text)),
    uids.map(lambda uid: uid_item(("113769", "Irradiation Event UID"), uid)),
    moments.map(_started),
)
content = st.recursive(
    leaves,
    lambda children: st.builds(
        container, st.sampled_from(CONTAINERS), st.lists(children, max_size=5)
    ),
    max_leaves=16,
)


def _depth(dataset: Dataset) -> int:
    """Levels of content items below `dataset` (0 for a leaf)."""
    levels, frontier = 0, list(dataset.get("ContentSequence") or ())
    while frontier:
        levels += 1
        frontier = [child for item in frontier for child in item.get("ContentSequence") or ()]
    return levels


@st.composite
def reports(draw: st.DrawFn) -> Dataset:
    """A dose report root with random content and events, and a chain of random depth."""
    children = draw(st.lists(content, max_size=4))
    children.append(accumulated(*draw(st.lists(numeric_items(), max_size=4))))
    for number in range(draw(st.integers(0, 3))):
        children.append(event(f"2.25.{number + 1}", *draw(st.lists(leaves, max_size=8))))
    depth = draw(
        st.one_of(
            st.integers(0, 6),
            st.sampled_from([MAX_CONTENT_DEPTH - 1, MAX_CONTENT_DEPTH, MAX_CONTENT_DEPTH + 1]),
            st.integers(MAX_CONTENT_DEPTH - 4, MAX_CONTENT_DEPTH + 12),
        )
    )
    if depth:
        children.append(chain(depth, draw(st.one_of(st.none(), leaves))))
    return projection_report(*children)


def _outcome(source: bytes | Dataset, walker: Walker) -> DoseReport | ErrorKind:
    try:
        return read_report(source, BOUNDS, walker)
    except RdsrError as error:
        assert error.reason
        return error.kind


def _damaged(data: bytes, damage: tuple[str, int, bytes]) -> bytes:
    how, where, garbage = damage
    if how == "append":
        return data + garbage
    if how == "truncate":
        return data[: where % len(data)]
    position = where % len(data)
    return data[:position] + garbage + data[position + len(garbage) :]


damages = st.tuples(
    st.sampled_from(["append", "truncate", "overwrite"]),
    st.integers(0, 2**20),
    st.binary(min_size=1, max_size=32),
)


@PROPERTY
@given(report=reports(), syntax=st.sampled_from(sorted(SYNTAXES)))
def test_a_well_formed_file_reads_the_same_whichever_walker_and_too_deep_is_refused(
    report: Dataset, syntax: str
) -> None:
    data = encode(report, syntax)
    lean = _outcome(data, Walker.LEAN)
    assert _outcome(data, Walker.PYDICOM) == lean
    assert _outcome(report, Walker.PYDICOM) == lean
    if _depth(report) > MAX_CONTENT_DEPTH:
        assert lean is ErrorKind.TOO_DEEP


@PROPERTY
@given(report=reports(), syntax=st.sampled_from(sorted(SYNTAXES)), damage=damages)
def test_a_damaged_file_gives_a_report_or_an_rdsr_error_never_a_crash(
    report: Dataset, syntax: str, damage: tuple[str, int, bytes]
) -> None:
    data = _damaged(encode(report, syntax), damage)
    for walker in (Walker.LEAN, Walker.PYDICOM):
        _outcome(data, walker)  # anything but a report or RdsrError fails the test


pulse_values = st.lists(
    st.decimals(min_value=Decimal("50"), max_value=Decimal("120"), places=2).map(str),
    min_size=1,
    max_size=40,
)


@PROPERTY
@given(
    kvp=pulse_values,
    current=st.lists(_decimal(1.0, 900.0), min_size=1, max_size=40),
    width=st.lists(_decimal(1.0, 20.0), min_size=1, max_size=40),
    one_row_per_pulse=st.booleans(),
    syntax=st.sampled_from(sorted(SYNTAXES)),
)
def test_per_pulse_values_are_kept_and_averaged(
    kvp: list[str], current: list[str], width: list[str], one_row_per_pulse: bool, syntax: str
) -> None:
    def rows(concept: tuple[str, str, str], values: list[str]) -> list[Dataset]:
        if one_row_per_pulse:
            return [num(concept, [value]) for value in values]
        return [num(concept, values)]

    report = projection_report(
        accumulated(num(FLUORO_TIME_TOTAL, ["30"]), num(DOSE_RP_TOTAL, ["0.004"])),
        event(
            "2.25.77",
            num(DAP, ["0.0002"]),
            *rows(KVP, kvp),
            *rows(TUBE_CURRENT, current),
            *rows(PULSE_WIDTH, width),
        ),
    )
    data = encode(report, syntax)
    for walker in (Walker.LEAN, Walker.PYDICOM):
        read = read_report(data, BOUNDS, walker)
        (found,) = read.events
        assert found.kvp_per_pulse == tuple(float(v) for v in kvp)
        assert found.tube_current_ma_per_pulse == tuple(float(v) for v in current)
        assert found.pulse_width_s_per_pulse == pytest.approx([float(v) / 1000 for v in width])
        assert math.isclose(found.kvp or 0, sum(float(v) for v in kvp) / len(kvp), rel_tol=1e-12)
        assert math.isclose(
            found.tube_current_ma or 0, sum(map(float, current)) / len(current), rel_tol=1e-12
        )
        assert math.isclose(
            found.pulse_width_s or 0, sum(map(float, width)) / len(width) / 1000, rel_tol=1e-12
        )
        assert read.ka_r_mgy == pytest.approx(4.0)
        assert read.fluoro_time_s == 30.0
