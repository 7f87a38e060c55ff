"""Summaries of a distribution small enough to chart: histogram bins and box-plot quartiles.

A dashboard over tens of thousands of studies cannot send every value to the browser; it sends
counts per bin and a five-number summary per group instead, whose size depends on the number of
bins and groups only. The quartiles use the percentile of the local DRL statistics
(`dose_drl.percentile`), so a box's median and third quartile are the median and local DRL
shown beside it.

Dose quantities are skewed (a few long cases reach ten or a hundred times the median), so bins
are spaced logarithmically when every value is positive and the range spans two decades or more;
otherwise they are spaced evenly (over a narrower range even bins read better).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from irsuite.domain.dose_drl import group_values, percentile

K = TypeVar("K", bound=Hashable)

# Display choices, not clinical numbers: at most this many bars, log spacing from two decades.
MAX_BINS = 30
LOG_RATIO = 100.0
# A single repeated value gets one bin this fraction of its size wide on each side (or 0.5 at 0).
SINGLE_VALUE_PAD = 0.05


class BinScale(Enum):
    """How histogram bin edges are spaced along the value axis."""

    LINEAR = "linear"
    LOG = "log"


@dataclass(frozen=True, slots=True)
class Histogram:
    """Counts per bin; bin i holds values in [edges[i], edges[i + 1]), the last bin is closed."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]
    scale: BinScale

    @property
    def total(self) -> int:
        """How many values were counted."""
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class BoxSummary:
    """Five-number summary of one group: whiskers at the minimum and maximum."""

    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def bin_count(values: int, maximum: int = MAX_BINS) -> int:
    """Number of bins for `values` values: the square-root rule, at least 1, at most `maximum`."""
    if values < 1:
        return 0
    return max(1, min(maximum, math.ceil(math.sqrt(values))))


def choose_scale(low: float, high: float, log_ratio: float = LOG_RATIO) -> BinScale:
    """Log spacing when the range is positive and spans at least `log_ratio`, else linear."""
    if low > 0.0 and high / low >= log_ratio:
        return BinScale.LOG
    return BinScale.LINEAR


def bin_edges(low: float, high: float, bins: int, scale: BinScale) -> tuple[float, ...]:
    """Strictly increasing edges from `low` to `high` (both exact) for at most `bins` bins.

    A range of one value is widened around it so its bin has a width. Edges that rounding makes
    equal are merged, so there may be fewer bins than asked for, never an empty-width one.
    """
    if bins < 1:
        raise ValueError("a histogram needs at least one bin")
    if high < low:
        raise ValueError("the range must not be reversed")
    if high == low:
        pad = abs(low) * SINGLE_VALUE_PAD or 0.5
        return (low - pad, high + pad)
    if scale is BinScale.LOG:
        if low <= 0.0:
            raise ValueError("log-spaced bins need positive values")
        step = math.log(high / low) / bins
        inner = [low * math.exp(step * i) for i in range(1, bins)]
    else:
        inner = [low + (high - low) * i / bins for i in range(1, bins)]
    return tuple(sorted({low, high, *(e for e in inner if low < e < high)}))


def count_in_bins(values: Iterable[float], edges: Sequence[float]) -> tuple[int, ...]:
    """How many values fall in each bin of `edges` (values outside the edges are an error)."""
    counts = [0] * (len(edges) - 1)
    last = len(counts) - 1
    for value in values:
        if not edges[0] <= value <= edges[-1]:
            raise ValueError("a value lies outside the histogram's edges")
        counts[min(bisect_right(edges, value) - 1, last)] += 1
    return tuple(counts)


def histogram(values: Sequence[float], max_bins: int = MAX_BINS) -> Histogram:
    """Histogram of finite `values` over their observed range; empty when there is no value."""
    if not values:
        return Histogram(edges=(), counts=(), scale=BinScale.LINEAR)
    low, high = min(values), max(values)
    scale = choose_scale(low, high)
    edges = bin_edges(low, high, bin_count(len(values), max_bins), scale)
    return Histogram(edges=edges, counts=count_in_bins(values, edges), scale=scale)


def box_summary(sorted_values: Sequence[float]) -> BoxSummary:
    """Five-number summary of values sorted ascending (non-empty), quartiles as the DRL's."""
    if not sorted_values:
        raise ValueError("a box summary needs at least one value")
    return BoxSummary(
        count=len(sorted_values),
        minimum=sorted_values[0],
        q1=percentile(sorted_values, 0.25),
        median=percentile(sorted_values, 0.5),
        q3=percentile(sorted_values, 0.75),
        maximum=sorted_values[-1],
    )


def box_summaries(rows: Iterable[tuple[K, float]]) -> dict[K, BoxSummary]:
    """A five-number summary per key (room, operator, procedure type ...) of (key, value) rows."""
    return {key: box_summary(sorted(values)) for key, values in group_values(rows).items()}
