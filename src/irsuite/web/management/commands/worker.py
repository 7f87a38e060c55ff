"""`irsuite worker`: run the background tasks queued in the database.

django-tasks-db's worker with irsuite's defaults: every queue, a worker id that says where it
runs, tasks a lost worker left running taken up again, SIGTERM and Ctrl-C finish the task in
hand before stopping (a second one stops at once; the task is then taken up again later).
"""

from __future__ import annotations

import argparse
import logging
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from irsuite.background import recover_lost_tasks, worker_id
from irsuite.processes import die_with_parent

log = logging.getLogger("irsuite.worker")

# How often a worker looks for tasks left running by a worker of this machine that is gone.
RECOVER_EVERY_SECONDS = 30.0


def _recover_forever(stop: threading.Event) -> None:
    while not stop.wait(RECOVER_EVERY_SECONDS):
        try:
            for ident in recover_lost_tasks():
                log.warning("task %s was left by a lost worker; taken up again", ident)
        except Exception:  # a locked or unreachable database: try again next time
            log.exception("looking for lost tasks failed")
        finally:
            connection.close()


class Command(BaseCommand):
    help = "Run background tasks (roster solving, auto-scheduling, e-mails, exports, demo data)."
    requires_system_checks: list[str] = []  # `irsuite check` is the web server's business

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )
        parser.add_argument("--queue", default="*", help="queues to serve, comma-separated")
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued, then stop (for scripts)"
        )
        # `irsuite serve` passes its pid: a worker it started ends with it.
        parser.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "The task backend is not the database one (IRSUITE_TASKS_BACKEND): tasks run "
                "where they are enqueued and need no worker."
            )
        if options["parent"]:
            die_with_parent(options["parent"])
        ident = worker_id()
        for lost in recover_lost_tasks():
            self.stdout.write(f"task {lost} was left by a lost worker; taken up again")
        stop = threading.Event()
        watcher = threading.Thread(target=_recover_forever, args=(stop,), daemon=True)
        watcher.start()
        self.stdout.write(f"irsuite worker {ident}: waiting for tasks")
        self.stdout.flush()
        worker = Worker(
            queue_names=options["queue"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=ident,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
