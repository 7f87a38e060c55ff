"""`irsuite serve`: run irsuite under gunicorn, a production WSGI server.

In demo and dev mode it also starts one `irsuite worker` beside the web workers, which ends
with the server; in production the worker runs as a service of its own (docs/operations.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    return [
        "gunicorn",
        "irsuite.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--access-logfile",
        "-",
        "--access-logformat",
        '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
        "--timeout",
        "120",
    ]


class Command(BaseCommand):
    help = "Serve irsuite with gunicorn (not Django's development server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("IRSUITE_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("IRSUITE_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("IRSUITE_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="do not start a background-task worker beside the server (demo and dev mode)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG and settings.MODE == "production":
            raise CommandError("IRSUITE_DEBUG must be off in production; unset it and start again.")
        executable = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        if not os.path.exists(executable):
            raise CommandError("gunicorn is not installed; run `make install` first.")
        argv = gunicorn_argv(options["host"], options["port"], options["workers"])
        self.stdout.write(
            f"Serving irsuite on http://{options['host']}:{options['port']} (gunicorn)"
        )
        if settings.MODE != "production" and not options["no_task_worker"]:
            self._start_task_worker()
        sys.stdout.flush()
        os.execv(executable, argv)  # noqa: S606 - replace this process with gunicorn

    def _start_task_worker(self) -> None:
        """One `irsuite worker` beside gunicorn: this process becomes gunicorn (same pid), and
        the worker ends when it does (Ctrl-C reaches both; a killed server takes it along)."""
        command = [sys.executable, "-m", "irsuite", "worker", "--parent", str(os.getpid())]
        subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603 - our own command
        self.stdout.write("Started a background-task worker (irsuite worker)")
