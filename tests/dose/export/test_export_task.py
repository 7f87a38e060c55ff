"""A large workbook is written by a background task: the page follows it, and only the one who
asked for it downloads it."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from irsuite.dose.export import views
from task_queue import DATABASE_TASKS, run_queued

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_xlsx_export_is_queued_followed_and_downloaded_by_its_requester(
    client_as, linked_hot_study, settings, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(views, "XLSX_IN_REQUEST", 0)
    client = client_as("physicist")
    page = client.get(reverse("dose:export", args=["xlsx"]))
    assert page.status_code == 200 and "background worker" in page.content.decode()
    task = DBTaskResult.objects.get()
    progress_url = reverse("web:task_progress", args=[task.pk])
    assert progress_url in page.content.decode()
    assert "queued" in client.get(progress_url).content.decode()
    run_queued()
    done = client.get(progress_url).content.decode()
    download = reverse("dose:export_file", args=[task.pk])
    assert "done" in done and download in done
    workbook = b"".join(client.get(download).streaming_content)
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(BytesIO(workbook)).namelist()
    assert not list(tmp_path.glob("exports/*.part"))
    other = client_as("physicist", name="another-physicist")
    assert other.get(download).status_code == 404
