"""The data table beside a chart: the same numbers as text, for reading, copying and screen
readers (a `<details>` element, closed until asked for)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

Cell = str | int | float


@dataclass(frozen=True)
class Table:
    """Column headers and rows of cells (numbers are written as the chart's axes write them
    by whoever builds the table)."""

    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def _cell(value: Cell, header: bool = False) -> str:
    name = "th" if header else "td"
    scope = ' scope="col"' if header else ""
    return f"<{name}{scope}>{escape(str(value))}</{name}>"


def render_table(table: Table, summary: str) -> str:
    """The table inside a closed `<details>` whose summary says what it holds."""
    head = "".join(_cell(h, header=True) for h in table.headers)
    body = "".join(f"<tr>{''.join(_cell(c) for c in row)}</tr>" for row in table.rows)
    return (
        f'<details class="chart-data"><summary>{escape(summary)}</summary>'
        f'<div class="table-wrap"><table class="table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>"
    )
