"""The outcomes CSV downloads (case logs, quality) hold text a spreadsheet shows, never runs."""

import csv
import io

import pytest

from irsuite.outcomes.pages import csv_response


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "@x", "-2", "\tcmd", "\rcmd"])
def test_a_cell_that_would_run_as_a_formula_is_written_as_text(text: str) -> None:
    response = csv_response("log.csv", ["procedure", "cases"], [[text, 3], ["PCN", -1.5]])
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["procedure", "cases"], ["'" + text, "3"], ["PCN", "-1.5"]]
