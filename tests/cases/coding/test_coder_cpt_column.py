"""The coder's list of signed cases shows the CPT codes recorded for each procedure, "not coded"
until it is coded; the catalogue's candidate codes appear only labelled as suggestions, never as
if performed."""

import re

import pytest

from irsuite.cases.coding.queries import recently_signed
from irsuite.cases.coding.services import record_codes

pytestmark = pytest.mark.django_db


def cpt_cells(client, procedure) -> tuple[str, str]:
    """The recorded and suggested cells of the procedure's row on the coder's home."""
    page = client.get("/").content.decode()
    row = re.search(
        rf'<tr><td>[^<]*</td><td><a href="[^"]*/procedures/{procedure.pk}/">.*?</tr>', page
    )
    assert row, "the signed procedure is on the coder's list"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0))
    return cells[2], cells[3]


def test_the_case_log_cpt_column_does_not_list_catalogue_codes_as_performed(
    signed_procedure, client_as
):
    recorded, suggested = cpt_cells(client_as("coder"), signed_procedure)
    assert "not coded" in recorded and "50432" not in recorded
    assert suggested == "suggestion: 50432"


def test_the_cpt_column_shows_the_codes_recorded_once_coded(signed_procedure, client_as, persona):
    record_codes(signed_procedure, ["50432", "76937"], by=persona("coder"))
    recorded, suggested = cpt_cells(client_as("coder"), signed_procedure)
    assert recorded == "50432, 76937"
    assert suggested == "—"


def test_a_recorded_code_is_not_suggested_again_but_other_candidates_are(signed_procedure, persona):
    entry = signed_procedure.entries.first()
    entry.cpt = [*entry.cpt, {"code": "75984", "label": "Tube change"}]
    entry.save(update_fields=["cpt"])
    record_codes(signed_procedure, ["50432"], by=persona("coder"))
    (row,) = recently_signed()
    assert (row.recorded, row.suggested) == (["50432"], ["75984"])
