"""Pickers name people and procedures, never keys: every field of every irsuite form that
chooses a patient, a request, a procedure, a catalogue entry, a drug or a person is the
searchable picker, and its options read as a clinician says them (a patient by name, a request
as patient, procedure and date, a colleague by name and role), never by a bare accession number
or a user name."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth import get_user_model
from test_form_labels import build, form_classes

import irsuite
from irsuite.cases.models import CatalogueEntry, Procedure, Request
from irsuite.cases.requests import services
from irsuite.patients.models import Patient
from irsuite.patients.services import register_patient
from irsuite.people.models import Staff
from irsuite.people.roles import StaffRole
from irsuite.pickers import SearchablePicker, SuggestingInput

pytestmark = pytest.mark.django_db

User = get_user_model()
PICKED_MODELS = (Patient, Request, Procedure, CatalogueEntry, Staff, User)
# Choice fields that choose a drug from the reference lists, by their names.
DRUG_FIELDS = frozenset({"drug"})


@pytest.fixture
def department(open_procedure, persona, site):  # type: ignore[no-untyped-def]
    """An open case, a second patient's vetted request waiting to be booked, and two more
    colleagues."""
    for username, given, family, role in (
        ("jdoe42", "Jane", "Doe", StaffRole.ATTENDING),
        ("rkhan7", "Rafi", "Khan", StaffRole.NURSE),
    ):
        user = User.objects.create_user(username=username, password="pw-" + username)
        Staff.objects.create(user=user, given_name=given, family_name=family, role=role, site=site)
    other = register_patient(
        by=None,
        site=site,
        mrn="SBH0000002",
        given_name="Bea",
        family_name="Sample",
        birth_date=dt.date(1970, 1, 2),
        sex="F",
        synthetic=True,
    )
    waiting = services.create_request(
        by=persona("referrer"),
        patient=other,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="Obstructed right kidney",
        icd10_codes=["N13.30"],
        priority="urgent",
        due_date=dt.date(2031, 3, 4),
    )
    services.vet(waiting, by=persona("attending"), accept=True, note="Agree")
    # Log-in names unlike anything else on a page, so that any shown is found.
    for pk in User.objects.values_list("pk", flat=True):
        User.objects.filter(pk=pk).update(username=f"login{pk}x")
    return open_procedure


def picking_fields() -> list[tuple[str, type[forms.BaseForm], str]]:
    """(where, form class, field name) of every field that picks a patient, request,
    procedure, catalogue entry, drug or person."""
    found = []
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            picks = model is not None and issubclass(model, PICKED_MODELS)
            if picks or (isinstance(field, forms.ChoiceField) and name in DRUG_FIELDS):
                found.append((f"{cls.__module__}.{cls.__qualname__}.{name}", cls, name))
    return found


def built(department) -> dict[type[forms.BaseForm], forms.BaseForm]:  # type: ignore[no-untyped-def]
    context = {"site": department.request.site, "procedure": department}
    return {cls: build(cls, context) for _, cls, _ in picking_fields()}


def form_of(department, field: str) -> forms.BaseForm:  # type: ignore[no-untyped-def]
    """The built form holding ``field`` ("BookForm.request")."""
    cls = next(c for where, c, _ in picking_fields() if where.endswith(f".{field}"))
    return built(department)[cls]


def option_labels(field: forms.Field) -> list[str]:
    """Each option as the list shows it, "group: label" for an option under a group."""
    labels = []
    for value, label in field.choices:  # type: ignore[attr-defined]
        if isinstance(label, list | tuple):
            labels += [f"{value}: {inner}" for _, inner in label]
        elif value != "":
            labels.append(str(label))
    return labels


def test_the_pickers_are_found_on_the_forms_that_choose():  # type: ignore[no-untyped-def]
    names = {
        where.rsplit(".", 2)[-2] + "." + where.rsplit(".", 1)[1] for where, _, _ in picking_fields()
    }
    assert {
        "RequestForm.catalogue_entry",
        "TeamForm.staff",
        "DrugForm.drug",
        "BookForm.request",
    } <= names


def test_every_field_that_chooses_a_patient_case_procedure_drug_or_person_is_searchable(
    department,
):  # type: ignore[no-untyped-def]
    forms_ = built(department)
    plain = [
        where
        for where, cls, name in picking_fields()
        if not isinstance(forms_[cls].fields[name].widget, SearchablePicker)
    ]
    assert not plain, "choices without the searchable picker:\n" + "\n".join(plain)


def test_no_picker_names_an_option_by_accession_number_or_user_name(department):  # type: ignore[no-untyped-def]
    keys = [re.escape(a) for a in Request.objects.values_list("accession_number", flat=True)]
    keys += [re.escape(u) for u in User.objects.values_list("username", flat=True)]
    bare = re.compile(rf"\b({'|'.join(keys)})\b")
    forms_ = built(department)
    shown = 0
    found = []
    for where, cls, name in picking_fields():
        for label in option_labels(forms_[cls].fields[name]):
            shown += 1
            if bare.search(label):
                found.append(f"{where}: {label!r}")
    assert shown > 10
    assert not found, "options named by a key:\n" + "\n".join(found)


def test_a_request_is_offered_as_patient_procedure_and_date(department):  # type: ignore[no-untyped-def]
    form = built(department)[
        next(c for w, c, _ in picking_fields() if w.endswith("BookForm.request"))
    ]
    (label,) = option_labels(form.fields["request"])
    assert "SAMPLE, Bea" in label
    assert "Percutaneous nephrostomy" in label
    assert "due 4 Mar 2031" in label


def test_a_colleague_is_offered_by_name_and_role(department):  # type: ignore[no-untyped-def]
    form = built(department)[
        next(c for w, c, _ in picking_fields() if w.endswith("TeamForm.staff"))
    ]
    labels = option_labels(form.fields["staff"])
    assert "Attending interventional radiologist: Dr Jane Doe" in labels
    assert "IR nurse: Rafi Khan" in labels
    html = str(form["staff"])
    assert '<optgroup label="IR nurse">' in html
    assert "Rafi Khan</option>" in html


def test_the_picker_renders_a_search_box_bound_to_its_list(department):  # type: ignore[no-untyped-def]
    form = form_of(department, "DrugForm.drug")
    html = str(form["drug"])
    assert 'type="search"' in html
    assert 'data-picker-for="id_drug"' in html
    assert '<select name="drug"' in html and 'id="id_drug"' in html
    assert "Midazolam" in html


CHROMIUM = os.environ.get("IRSUITE_CHROMIUM", "/usr/bin/chromium")
SITE_SCRIPT = Path(irsuite.__file__).parent / "web" / "static" / "irsuite" / "irsuite.js"


def _shown(page, select: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The options of a list a reader can see, "group: label" under a group."""
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        f"#{select} option",
        """options => options.filter(o => !o.hidden && !(o.parentElement.hidden))
            .map(o => (o.parentElement.tagName === "OPTGROUP" ? o.parentElement.label + ": " : "")
                      + o.text)""",
    )


@pytest.mark.e2e
def test_typing_in_the_picker_narrows_its_list_by_name_or_role(department):  # type: ignore[no-untyped-def]
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    html = str(form_of(department, "TeamForm.staff")["staff"])
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        page = browser.new_page()
        page.set_content(f"<!doctype html><html><body><form>{html}</form></body></html>")
        page.add_script_tag(content=SITE_SCRIPT.read_text())
        search = page.get_by_role("searchbox")
        search.fill("nurse")
        assert _shown(page, "id_staff") == [
            "---------",
            "IR nurse: Rafi Khan",
            "IR nurse: Nurse Test",
        ]
        search.fill("doe jane")
        assert _shown(page, "id_staff") == [
            "---------",
            "Attending interventional radiologist: Dr Jane Doe",
        ]
        search.fill("")
        assert len(_shown(page, "id_staff")) == 5
        browser.close()


def test_a_drug_written_as_text_is_offered_the_names_the_rules_know():  # type: ignore[no-untyped-def]
    written = [
        (f"{cls.__qualname__}.{name}", field)
        for cls in form_classes()
        for name, field in cls.base_fields.items()
        if name in DRUG_FIELDS and not isinstance(field, forms.ChoiceField)
    ]
    assert written, "no free-text drug field found"
    for where, field in written:
        assert isinstance(field.widget, SuggestingInput), where
    html = field.widget.render("drug", "", {"id": "id_drug"})
    assert 'list="id_drug-suggestions"' in html
    assert '<option value="warfarin">' in html and '<option value="apixaban">' in html
