"""`irsuite hl7-listen`: the MLLP listener for HL7 v2 messages from configured peers."""

from __future__ import annotations

import asyncio
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from irsuite.interop.hl7.listener import serve


class Command(BaseCommand):
    help = "Receive HL7 v2 messages over MLLP (peers are added with `irsuite hl7-peer add`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default=settings.HL7_HOST, help="bind address (IRSUITE_HL7_HOST, loopback)"
        )
        parser.add_argument(
            "--port",
            type=int,
            default=settings.HL7_PORT,
            help="port (IRSUITE_HL7_PORT, 2575: HL7's own; 0: any free port, printed)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def ready(port: int) -> None:
            self.stdout.write(f"HL7 listener on {options['host']}:{port}", ending="\n")
            self.stdout.flush()

        try:
            asyncio.run(serve(options["host"], options["port"], on_ready=ready))
        except KeyboardInterrupt:
            self.stdout.write("HL7 listener stopped.")
