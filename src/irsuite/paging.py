"""One way to page a long list: the page number in the query string beside the filters, the
rows of one page read with LIMIT/OFFSET, and a pager that says "Showing 51–100 of 424" with
first, previous, next and last links.

A page number that is not a whole number is ignored (the page says so, as every query-string
filter does, see `irsuite.bounds.query_int`) and the first page is shown; a number past the
last page shows the last page. The pager's links keep every other parameter of the address,
so the filters survive paging, and a page with two lists pages each by its own parameter.

Use: `tasks = paged(request, queryset, size=50)`, then in the template iterate `tasks.rows`
and `{% include "web/_pager.html" with pager=tasks %}`. The queryset must be ordered (a page
of an unordered query is not stable); only the rows of the page and one count are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from irsuite.bounds import ECHO_MAX, OFFSET_MAX, query_int

T = TypeVar("T")

PAGE_PARAM = "page"
DEFAULT_SIZE = 50


@dataclass(frozen=True)
class Link:
    """One link of the pager: its words, its address (a query string) and whether it is live."""

    label: str
    href: str
    rel: str
    enabled: bool


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of a list and what the pager shows about it."""

    page: Page[T]
    param: str
    others: str  # the query string without this list's page number

    @property
    def rows(self) -> list[T]:
        """The rows of this page (read from the database once)."""
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)

    @property
    def number(self) -> int:
        return int(self.page.number)

    @property
    def pages(self) -> int:
        return int(self.page.paginator.num_pages)

    @property
    def first_shown(self) -> int:
        return int(self.page.start_index()) if self.count else 0

    @property
    def last_shown(self) -> int:
        return int(self.page.end_index()) if self.count else 0

    @property
    def several(self) -> bool:
        """Whether the list spans more than one page (the links are then worth showing)."""
        return self.pages > 1

    def href(self, number: int) -> str:
        """The query string of page `number` of this list, every other parameter kept."""
        own = f"{self.param}={number}"
        return f"?{self.others}&{own}" if self.others else f"?{own}"

    @property
    def links(self) -> list[Link]:
        """First, previous, next and last, each disabled where it leads nowhere."""
        n, last = self.number, self.pages
        return [
            Link("First", self.href(1), "first", n > 1),
            Link("Previous", self.href(max(n - 1, 1)), "prev", n > 1),
            Link("Next", self.href(min(n + 1, last)), "next", n < last),
            Link("Last", self.href(last), "last", n < last),
        ]


def query_choice(request: HttpRequest, name: str, values: Iterable[str]) -> str:
    """A list's coded filter (a status, a role) from the query string: one of `values`, or ""
    when absent; a code the list does not know is ignored, and the page says so (as
    `irsuite.bounds.query_int` does for numbers)."""
    raw = request.GET.get(name) or ""
    if raw and raw not in set(values):
        shown = raw if len(raw) <= ECHO_MAX else raw[:ECHO_MAX] + "…"
        messages.warning(
            request, f"The {name} filter {shown!r} is not valid here, so it was ignored."
        )
        return ""
    return raw


def page_number(request: HttpRequest, param: str = PAGE_PARAM) -> int:
    """The page asked for in the query string; 1 when absent or not a whole number from 1 up
    (the page then says the value was ignored)."""
    return query_int(request, param, 1, OFFSET_MAX) or 1


def paged(
    request: HttpRequest,
    rows: QuerySet[Any, T] | Sequence[T],
    size: int = DEFAULT_SIZE,
    param: str = PAGE_PARAM,
) -> Paged[T]:
    """Page `rows` by the number in `param` of the request's query string. A queryset is read
    with one COUNT and one LIMIT/OFFSET query; a number past the last page gives the last."""
    page = Paginator(rows, size).get_page(page_number(request, param))
    others = request.GET.copy()
    others.pop(param, None)
    return Paged(page=page, param=param, others=others.urlencode())
