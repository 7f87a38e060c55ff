"""`irsuite serve`: run irsuite under gunicorn, a production WSGI server."""

from __future__ import annotations

import os
import shutil
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
        sys.stdout.flush()
        os.execv(executable, argv)  # noqa: S606 - replace this process with gunicorn
