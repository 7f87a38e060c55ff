"""The database queue inside a test: enqueue for real, then run what is queued in this process
(tests/peers/test_kill_nine.py starts `irsuite worker` itself)."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queued() -> None:
    """Run every task that is due, as `irsuite worker --batch` does."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
