"""The sedation page takes its styles from a stylesheet of its own, loaded on that page only:
no inline style is left, and its responses forbid inline styles (Content-Security-Policy)."""

import datetime as dt
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase

pytestmark = pytest.mark.django_db
STYLESHEET = "safety/sedation.css"
INLINE = re.compile(r"<style\b|\sstyle\s*=", re.I)


@pytest.fixture
def charted(ready_request, persona):
    nurse = persona("nurse")
    at = timezone.now() - dt.timedelta(minutes=40)
    sedation = ss.sedation_record(
        ready_request, by=nurse, kind="moderate", baseline_systolic=140, started_at=at
    )
    ss.give_drug(sedation, drug="midazolam", dose="1", unit="mg", by=nurse, at=at)
    low = {"systolic": "91", "spo2": "86", "respiratory_rate": "7", "ramsay": "5"}
    ss.record_vitals(sedation, phase=CarePhase.SEDATION, by=nurse, at=at, values=low)
    ss.record_vitals(
        sedation,
        phase=CarePhase.SEDATION,
        by=nurse,
        at=at + dt.timedelta(minutes=20),
        values={"spo2": "97"},
    )
    return ready_request


def style_policy(response) -> str:  # type: ignore[no-untyped-def]
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("style-src"))


def test_the_sedation_page_has_no_inline_style_and_links_its_stylesheet(charted, client_as):
    page = client_as("nurse").get(reverse("safety:sedation", args=[charted.pk]))
    text = page.content.decode()
    assert "Gap in monitoring" in text and 'class="flagged"' in text  # every part is drawn
    assert not INLINE.search(text)
    assert f'href="/static/{STYLESHEET}"' in text


def test_the_page_shown_with_a_dose_warning_has_no_inline_style_either(charted, client_as):
    response = client_as("nurse").post(
        reverse("safety:sedation_drug", args=[charted.pk]),
        {"drug": "midazolam", "dose": "50", "unit": "mg", "route": "IV"},
    )
    text = response.content.decode()
    assert 'id="dose-warning"' in text
    assert not INLINE.search(text)
    assert "'unsafe-inline'" not in style_policy(response)


def test_the_sedation_page_forbids_inline_styles(charted, client_as):
    page = client_as("nurse").get(reverse("safety:sedation", args=[charted.pk]))
    assert style_policy(page).split() == ["style-src", "'self'"]


def test_the_stylesheet_is_a_static_file_holding_the_page_layout():
    found = finders.find(STYLESHEET)
    assert found is not None
    with open(found, encoding="utf-8") as css:
        text = css.read()
    assert ".sed-table" in text and "@media (max-width: 900px)" in text


def test_other_pages_do_not_load_the_sedation_stylesheet(open_procedure, client_as):
    report = client_as("attending").get(reverse("safety:report", args=[open_procedure.pk]))
    assert report.status_code == 200
    assert STYLESHEET not in report.content.decode()
