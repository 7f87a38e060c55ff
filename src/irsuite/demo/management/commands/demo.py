"""`irsuite demo`: migrate, build the synthetic demo department, print logins, serve it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from irsuite.demo.beside import start_beside_server
from irsuite.demo.builder import DemoAlreadyBuilt, build_demo, enqueue_later
from irsuite.demo.context import DemoContext
from irsuite.demo.people import persona_password
from irsuite.people.models import Site, Staff
from irsuite.people.roles import StaffRole


class Command(BaseCommand):
    help = "Build the synthetic demo department (if the database is empty) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--procedures", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-serve", action="store_true", help="build only, do not serve")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="delete the SQLite demo database first and build it again",
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MODE == "production":
            raise CommandError(
                "`irsuite demo` builds a synthetic department with known passwords and never "
                "runs in production mode; use IRSUITE_MODE=demo on a machine of its own."
            )
        if options["procedures"] < 1:
            raise CommandError("--procedures must be at least 1.")
        if options["rebuild"]:
            self._drop_sqlite()
        call_command("migrate", interactive=False, verbosity=0)
        if Site.objects.exists():
            self.stdout.write(
                "The demo department is already built; serving it as it is "
                "(use --rebuild to start again)."
            )
        else:
            self.stdout.write(
                f"Building the demo department ({options['procedures']} procedures, "
                f"seed {options['seed']}) ..."
            )
            ctx = DemoContext(
                seed=options["seed"], procedures=options["procedures"], now=timezone.now()
            )
            # Serving: the dose reports (most of the build's time) are written by the worker
            # that `serve` starts, behind the first page; built alone, everything is built here.
            later = frozenset() if options["no_serve"] else frozenset({"dose"})
            try:
                build_demo(ctx, say=self.stdout.write, later=later)
            except DemoAlreadyBuilt as exc:
                raise CommandError(str(exc)) from exc
            if later:
                enqueue_later(ctx)
                self.stdout.write("  dose reports: queued; the home page shows their progress")
        self._print_logins(options["host"], options["port"])
        if not options["no_serve"]:
            os.environ.setdefault("IRSUITE_MODE", "demo")
            start_beside_server("irsuite.demo.hl7")
            self.stdout.write("HL7: the demo EHR sends today's ADT and orders (interfaces page)")
            start_beside_server("irsuite.demo.dicom")
            self.stdout.write(
                f"DICOM: worklist, MPPS and dose storage on {settings.DICOM_HOST}:"
                f"{settings.DICOM_PORT} as IRSUITE; `irsuite demo-modality` plays a case"
            )
            call_command("serve", host=options["host"], port=options["port"])

    def _drop_sqlite(self) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(
                "--rebuild only deletes the embedded SQLite database; "
                "drop a PostgreSQL database yourself."
            )
        path = Path(str(settings.DATABASES["default"]["NAME"]))
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def _print_logins(self, host: str, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(f"irsuite demo: http://{host}:{port}/  (synthetic patients only)")
        self.stdout.write("Log in as one of these personas (username / password):")
        for staff in (
            Staff.objects.filter(user__isnull=False).select_related("user").order_by("role")
        ):
            assert staff.user is not None
            role = StaffRole(staff.role)
            self.stdout.write(
                f"  {staff.user.username:<14} {persona_password(staff.role):<20} "
                f"{role.label} ({staff.display_name})"
            )
        self.stdout.write("")
