"""`irsuite demo-modality`: a modality plays one case against the running DICOM server (the
one `irsuite demo` runs beside the web server, or `irsuite dicom-listen`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from irsuite.demo.dicom.modality import play
from irsuite.people.models import Room


class Command(BaseCommand):
    help = (
        "Play a modality: query a room's worklist, send MPPS in progress and completed and "
        "the dose report of its first case, against the DICOM server `irsuite demo` runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--port", type=int, default=None, help="port (default: IRSUITE_DICOM_PORT, 11112)"
        )
        parser.add_argument("--ae-title", default="IRSUITE", help="the server's AE title")
        parser.add_argument("--room", default=None, help="the room's AE title (default: the first)")

    def handle(self, *args: Any, **options: Any) -> None:
        station = options["room"]
        if station is None:
            room = Room.objects.filter(active=True).order_by("pk").first()
            if room is None:
                raise CommandError("There is no room: build the demo first (irsuite demo).")
            station = room.ae_title
        code = play(
            options["host"], options["port"] or settings.DICOM_PORT, station, options["ae_title"],
            self.stdout.write, timezone.localtime(),
        )  # fmt: skip
        if code:
            raise CommandError("The modality's case did not go through; see the lines above.")
