import pytest

from irsuite.domain.spreadsheet import inert, inert_row


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(x)"])
def test_text_a_spreadsheet_would_run_is_made_inert(text):
    assert inert(text) == "'" + text


@pytest.mark.parametrize("value", [None, 0, -3, 2.5, True])
def test_numbers_and_empty_cells_stay_as_they_are(value):
    assert inert(value) == value


def test_ordinary_text_is_untouched():
    assert inert_row(["ACC123", "Dr Example", 42]) == ["ACC123", "Dr Example", 42]
