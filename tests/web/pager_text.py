"""Reading the shared pager (`web/_pager.html`) out of a page's HTML, for the paging tests."""

from __future__ import annotations

import re


def showing(body: str) -> tuple[int, int, int]:
    """The "Showing first–last of total" the pager says."""
    found = re.search(r"Showing (\d+)–(\d+) of (\d+)", body)
    assert found, "the page does not say which rows it shows"
    first, last, total = found.groups()
    return int(first), int(last), int(total)


def pager_links(body: str) -> dict[str, str]:
    """The live links of the pager, by their rel."""
    pager = body.split('class="pager"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'rel="(\w+)" href="([^"]*)"', pager))
