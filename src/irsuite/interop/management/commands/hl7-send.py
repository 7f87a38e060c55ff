"""`irsuite hl7-send FILE... --host H --port P`: send messages and print each ACK."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from irsuite.interop.hl7 import client
from irsuite.interop.hl7.codec import decode, split_file


class Command(BaseCommand):
    help = "Send the HL7 messages in files (one file may hold several) and print each ACK."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=2575)

    def handle(self, *args: Any, **options: Any) -> None:
        messages: list[bytes] = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file.")
            decoded = decode(path.read_bytes())
            messages += [m.encode(decoded.codec) for m in split_file(decoded.text)]
        if not messages:
            raise CommandError("The files hold no message starting with MSH.")
        try:
            acks = client.send(options["host"], options["port"], messages)
        except OSError as exc:
            raise CommandError(
                f"Could not send to {options['host']}:{options['port']}: {exc}"
            ) from exc
        for ack in acks:
            self.stdout.write(ack.decode("utf-8", "replace").replace("\r", "\n"))
