"""Background tasks seen from the pages: the failed-tasks list with its retry button, and a
task's progress partial for the one who queued it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from irsuite.audit.models import AuditEvent
from irsuite.background import enqueue
from irsuite.dose.alerts.tasks import email_alert
from irsuite.web.tasks.models import TaskProgress
from task_queue import DATABASE_TASKS, run_queued

pytestmark = pytest.mark.django_db(transaction=True)

MISSING_ALERT = 987654


@pytest.fixture
def queue(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS


def test_a_failed_task_is_listed_with_its_error_and_a_retry_queues_it_again(
    queue, client_as
) -> None:  # type: ignore[no-untyped-def]
    email_alert.enqueue(MISSING_ALERT)
    run_queued()
    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED"
    admin = client_as("admin")
    page = admin.get(reverse("web:tasks_failed")).content.decode()
    assert "email_alert" in page and "DoesNotExist" in page
    response = admin.post(reverse("web:task_retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "READY" and failed.traceback == ""
    assert AuditEvent.objects.filter(object_type="task", object_id=str(failed.pk)).exists()


def test_the_failed_tasks_page_is_for_administrators(queue, client_as) -> None:  # type: ignore[no-untyped-def]
    assert client_as("attending").get(reverse("web:tasks_failed")).status_code == 403
    assert client_as("admin").get(reverse("web:tasks_failed")).status_code == 200


def test_retrying_a_task_that_has_not_failed_is_refused(queue, client_as) -> None:  # type: ignore[no-untyped-def]
    queued = email_alert.enqueue(MISSING_ALERT)
    admin = client_as("admin")
    response = admin.post(reverse("web:task_retry", args=[queued.id]), follow=True)
    assert "has not failed" in response.content.decode()
    assert DBTaskResult.objects.get().status == "READY"


def test_a_task_progress_shows_to_its_owner_and_is_404_for_another_user(
    queue, client_as, persona
) -> None:  # type: ignore[no-untyped-def]
    owner = persona("physicist")
    ident = enqueue(email_alert, MISSING_ALERT, label="Alert e-mail", by=owner)
    TaskProgress.objects.filter(task_id=ident).update(done=3, total=10, message="3 sent")
    url = reverse("web:task_progress", args=[ident])
    mine = client_as("physicist").get(url)
    assert mine.status_code == 200
    body = mine.content.decode()
    assert "Alert e-mail" in body and "queued" in body and "hx-get" in body
    assert client_as("attending").get(url).status_code == 404
    assert client_as("admin").get(url).status_code == 200


def test_a_shared_task_is_followed_on_the_home_page_until_it_is_done(queue, client_as) -> None:  # type: ignore[no-untyped-def]
    ident = enqueue(email_alert, MISSING_ALERT, label="Demo dose reports", shared=True)
    home = client_as("nurse").get(reverse("web:home")).content.decode()
    assert "Still filling in" in home and reverse("web:task_progress", args=[ident]) in home
    assert client_as("nurse").get(reverse("web:task_progress", args=[ident])).status_code == 200
    run_queued()
    assert "Still filling in" not in client_as("nurse").get(reverse("web:home")).content.decode()
