"""Axes' scales: from data to pixels, with ticks a reader can read (1, 2 and 5 steps, powers
of ten on a logarithmic axis, whole numbers where the quantity is a count)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Formatter = Callable[[float], str]
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
MAX_LOG_TICKS = 8  # powers of ten labelled on a log axis; more decades label every k-th
DENSE_LOG_DECADES = 3  # a log axis spanning fewer decades also ticks 2 and 5 times each power
GROUPED_FROM = 1_000  # numbers from here are written whole, with thousands separated
SCIENTIFIC_FROM = 1e6  # numbers from here, or below SCIENTIFIC_BELOW, in scientific notation
SCIENTIFIC_BELOW = 1e-4
QUARTER_STEP = 2.5  # a 2.5 step does not suit a count axis: 2 instead


def nice_step(span: float, count: int, *, integer: bool = False) -> float:
    """The 1-2-2.5-5 step that cuts `span` into about `count` intervals (at least 1 if integer)."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, count)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in NICE_STEPS if s * power >= raw * 0.999)
    if integer:
        step = max(1.0, float(math.ceil(step)))
        if step == QUARTER_STEP:
            step = 2.0
    return step


def _decimals(step: float) -> int:
    """Decimals a tick label needs to show `step` exactly (0.25 needs 2, 5 needs 0)."""
    for decimals in range(0, 10):
        if abs(round(step, decimals) - step) < step * 1e-9:
            return decimals
    return 9


def number(value: float, decimals: int | None = None) -> str:
    """A number as a reader writes it: thousands separated, no trailing zeros, -0 as 0."""
    if abs(value) >= SCIENTIFIC_FROM or 0 < abs(value) < SCIENTIFIC_BELOW:
        return f"{value:.3g}".replace("e+0", "e").replace("e+", "e").replace("e-0", "e-")
    if decimals is None:
        text = f"{value:,.3g}" if abs(value) < GROUPED_FROM else f"{value:,.0f}"
    else:
        text = f"{value:,.{decimals}f}"
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def percent(value: float) -> str:
    """A proportion (0 to 1) as a percentage with up to two significant decimals."""
    return f"{number(value * 100)}%"


@dataclass
class LinearScale:
    """A linear axis over [low, high], drawn from pixel `start` to pixel `end`."""

    low: float
    high: float
    start: float = 0.0
    end: float = 1.0
    ticks: Sequence[float] = field(default_factory=list)
    decimals: int = 0

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)

    @classmethod
    def nice(cls, low: float, high: float, *, count: int = 6, integer: bool = False) -> LinearScale:
        """The domain widened to whole steps, with a tick at each step."""
        if high < low:
            low, high = high, low
        if high == low:
            low, high = (low - 1.0, high + 1.0) if low else (0.0, 1.0)
        step = nice_step(high - low, count, integer=integer)
        first = math.floor(low / step + 1e-9) * step
        last = math.ceil(high / step - 1e-9) * step
        ticks = [first + i * step for i in range(int(round((last - first) / step)) + 1)]
        return cls(first, last, ticks=ticks, decimals=_decimals(step))


@dataclass
class LogScale:
    """A base-10 logarithmic axis over [low, high] (both positive)."""

    low: float
    high: float
    start: float = 0.0
    end: float = 1.0
    ticks: Sequence[float] = field(default_factory=list)
    decimals: int = 0

    def __call__(self, value: float) -> float:
        lo, hi = math.log10(self.low), math.log10(self.high)
        span = hi - lo or 1.0
        return self.start + (math.log10(max(value, self.low)) - lo) / span * (self.end - self.start)

    @classmethod
    def nice(cls, low: float, high: float, *, integer: bool = False) -> LogScale:
        """The domain widened to the nearest 1, 2 or 5 times a power of ten; ticks at each
        power, and at 2 and 5 times each when the axis spans fewer than three decades.
        Counts start at 1."""
        low = max(low, 1.0) if integer else max(low, 1e-9)
        high = max(high, low * 2)
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        multiples = (1.0, 2.0, 5.0) if last - first < DENSE_LOG_DECADES else (1.0,)
        every = max(1, -(-(last - first) // MAX_LOG_TICKS))
        candidates = [m * 10.0**p for p in range(first, last + 1) for m in (1.0, 2.0, 5.0)]
        start = max(c for c in candidates if c <= low * (1 + 1e-9))
        stop = min(c for c in candidates if c >= high * (1 - 1e-9))
        powers = [p for p in range(first, last + 1) if p % every == 0]
        ticks = [m * 10.0**p for p in powers for m in multiples]
        ticks = [t for t in ticks if start * (1 - 1e-9) <= t <= stop * (1 + 1e-9)]
        if stop not in ticks:
            ticks.append(stop)
        return cls(start, stop, ticks=ticks, decimals=max(0, -first))


Scale = LinearScale | LogScale
